"""The emailed HTML, opened in headless Chromium at 600 px as a mail client would show it,
in light and in dark mode.

The message is built exactly as it is sent; its ``cid:`` images are swapped for the attached
parts (what a mail client does), and a probe script — added by the test, never by Groundswell —
reports broken images, horizontal overflow, scripts and the visible text.
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
from pathlib import Path

import pytest
from test_digest import WEEK, make_config, seed, this_week
from test_render import HOSTILE

from groundswell.analysis import analyse_week
from groundswell.reports import build_digest, build_message, render_html, render_text
from groundswell.store import Store

pytestmark = pytest.mark.chromium

PROBE = """
<script>
window.addEventListener("load", () => {
  const images = Array.from(document.images);
  const report = {
    images: images.length,
    broken: images.filter((img) => !img.complete || img.naturalWidth === 0).map((img) => img.alt),
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    scripts: document.scripts.length,
    background: getComputedStyle(document.querySelector(".frame")).backgroundColor,
    heading: getComputedStyle(document.querySelector("h2")).color,
    text: document.body.innerText,
  };
  const out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify(report);
  document.body.appendChild(out);
});
</script>
"""


def chromium_args(binary: str, profile: Path) -> list[str]:
    return [
        binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
        f"--user-data-dir={profile}", "--window-size=600,2400", "--virtual-time-budget=5000",
    ]  # fmt: skip


def as_mail_client_shows(tmp_path: Path, week: list[tuple]) -> str:
    """The HTML part of the real message, with each cid: replaced by its attached image."""
    store = Store.open(f"sqlite:///{tmp_path / 'groundswell.db'}")
    config, period = make_config(tmp_path), this_week()
    seed(store, period, week=week)
    analyse_week(store, config, period)
    digest = build_digest(store, config, period)
    store.close()
    message = build_message(digest, render_text(digest), render_html(digest), config, "ceo@example.org")
    related = message.get_body(("related",))
    html = related.get_body(("html",)).get_content()
    images = {p["Content-ID"].strip("<>"): p.get_content() for p in related.iter_parts() if p["Content-ID"]}
    missing = set(re.findall(r'src="cid:([^"]+)"', html)) - set(images)
    assert not missing, f"unresolved cid references: {missing}"
    for cid, data in images.items():
        html = html.replace(f"cid:{cid}", "data:image/png;base64," + base64.b64encode(data).decode())
    return html


def open_in_chromium(chromium: str, html: str, folder: Path, *extra: str) -> dict:
    page = folder / "digest.html"
    page.write_text(html.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    run = subprocess.run(
        [*chromium_args(chromium, folder / "profile"), *extra, "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=90,
    )  # fmt: skip
    found = re.search(r'<pre id="probe">(.*?)</pre>', run.stdout, re.S)
    assert found, f"no probe output from Chromium: {run.stderr[-2000:]}"
    return json.loads(found.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))


def test_digest_in_chromium_at_600px(chromium: str, tmp_path: Path) -> None:
    html = as_mail_client_shows(tmp_path, HOSTILE + WEEK)  # a realistic week with hostile posts in it
    assert "<script" not in html.lower()
    report = open_in_chromium(chromium, html, tmp_path)
    assert report["images"] >= 16 + 2 and report["broken"] == []  # themes, and at least one movement
    assert report["innerWidth"] == 600 and report["scrollWidth"] <= 600, report["scrollWidth"]
    assert report["scripts"] == 1  # the probe itself: the digest brought none
    text = report["text"]
    assert "What people said about care this week" in text and "Emerging movements" in text
    assert not any(ch in text for ch in "\u202e\u202c\u200b\u200d\ufeff")
    assert "<script>alert('owned')</script> The respite centre closed" in text  # shown as text
    assert "<img src=x onerror=alert(1)>" in text and "<b>Evil & Co</b>" in text
    assert "SDRAWKCAB" in text
    assert report["background"] == "rgb(255, 255, 255)"
    dark = open_in_chromium(chromium, html, tmp_path, "--blink-settings=preferredColorScheme=0")
    assert dark["background"] == "rgb(22, 27, 34)" and dark["heading"] == "rgb(230, 237, 243)"  # the dark palette
    assert dark["broken"] == [] and dark["scrollWidth"] <= 600
    # a phone: the frame gives up its fixed width (500 px is headless Chromium's narrowest window)
    narrow = open_in_chromium(chromium, html, tmp_path, "--window-size=500,2400")
    assert narrow["innerWidth"] == 500 and narrow["scrollWidth"] <= 500, narrow["scrollWidth"]
