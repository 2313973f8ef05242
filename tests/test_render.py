"""Renderers over a store holding hostile posts: everything a post brings stays text."""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser

import pytest
from PIL import Image
from test_digest import make_config, seed, this_week

from groundswell.reports import build_digest, render_html, render_json, render_text
from groundswell.reports.digest import Digest
from groundswell.reports.safety import clean_text, could_identify, safe_url
from groundswell.store import Store

MEGABYTE_POST = "Still waiting for my assessment, month " + "again and " * 110_000
HOSTILE = [
    (0, "reddit-carers", "c1", "carer", ["unpaid_carers"], "negative",
     "<script>alert('owned')</script> The respite centre closed and nobody told the families who use it."),
    (1, "reddit-carers", "c2", "carer", ["unpaid_carers"], "positive",
     "Our carers group <img src=x onerror=alert(1)> is back on Thursdays and it is a lifeline for us all.",
     "javascript:alert(document.cookie)"),
    (2, "mastodon-social", "w1", "worker", ["workforce"], "negative",
     "Staff rota \u202eSDRAWKCAB\u202c is unsafe again tonight and the agency cover has fallen through."),
    (3, "mastodon-social", "w2", "worker", ["workforce"], "positive",
     "Our\u200b new\u200d manager\ufeff actually listens to night staff and things are getting better here."),
    (4, "carers-forum", "p1", "person", ["personalisation"], "negative", MEGABYTE_POST),
    (5, "carers-forum", "p2", "person", ["personalisation"], "positive",
     "Support from my PA has been excellent " + "x" * 5000 + " honestly, I can go out again.",
     'https://example.org/a"><script>alert(1)</script>'),
    (6, "imported\u202e<i>feed</i>", "c3", "carer", ["unpaid_carers"], "neutral",
     "Imported from a file whose source name carries markup and a bidi override, which is data too."),
    (6, "bluesky-care", "<b>Evil & Co</b>", "organisation", ["funding"], "negative",
     "Funding for day services is being cut across Eastshire, and families were not asked first."),
]  # fmt: skip
INVISIBLE = "\u202e\u202c\u200b\u200d\ufeff"


class _Audit(HTMLParser):
    """Collects the tags, attributes and links of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend((name, value or "") for name, value in attrs)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Digest:
    folder = tmp_path_factory.mktemp("hostile")
    store = Store.open(f"sqlite:///{folder / 'groundswell.db'}")
    config, period = make_config(folder), this_week()
    seed(store, period, week=HOSTILE)
    digest = build_digest(store, config, period)
    store.close()
    return digest


def test_hostile_posts_are_quoted_as_text_in_html(hostile: Digest) -> None:
    quoted = " ".join(q["text"] for q in hostile.voices["quotes"])
    assert "<script>alert('owned')</script>" in quoted and "onerror" in quoted  # they are quoted...
    html = render_html(hostile).html
    audit = _Audit()
    audit.feed(html)
    assert "script" not in audit.tags  # ...but never as markup
    assert not [name for name, _ in audit.attrs if name.startswith("on")]
    hrefs = [value for name, value in audit.attrs if name == "href"]
    assert hrefs and all(h.startswith(("https://", "http://")) for h in hrefs)
    assert not any("javascript" in h.lower() or "<" in h or '"' in h for h in hrefs)
    assert all(value.startswith("cid:") for name, value in audit.attrs if name == "src")
    assert "&lt;script&gt;alert('owned')&lt;/script&gt;" in html
    assert "&lt;b&gt;Evil &amp; Co&lt;/b&gt;" in html  # an organisation's handle is shown, escaped
    assert not any(ch in html for ch in INVISIBLE)
    assert "SDRAWKCAB" in html and "Our new manager actually listens" in html
    assert "imported&lt;i&gt;feed&lt;/i&gt;" in html  # an imported source's name, in coverage


def test_a_megabyte_post_is_cut_and_the_layout_cannot_be_pushed_wide(hostile: Digest) -> None:
    html, text = render_html(hostile).html, render_text(hostile)
    assert len(html) < 200_000 and len(text) < 50_000
    person = [q["text"] for q in hostile.voices["quotes"] if q["voice"] == "person"]
    assert any(t.startswith("Still waiting for my assessment") and t.endswith("…") and len(t) <= 281 for t in person)
    longest_word = max(len(w) for q in hostile.voices["quotes"] for w in q["text"].split())
    assert longest_word <= 41


def test_text_and_json_carry_no_invisible_characters(hostile: Digest) -> None:
    text, data = render_text(hostile), render_json(hostile)
    assert not any(ch in text or ch in json.loads(data).__repr__() for ch in INVISIBLE)
    assert "javascript:" not in text and "javascript:" not in data
    assert list(json.loads(data)) == list(hostile.to_dict())


def test_charts_are_real_pngs_with_alt_text(hostile: Digest) -> None:
    rendered = render_html(hostile)
    assert len(rendered.images) == 2 * len(hostile.emerging) + len(hostile.themes)
    for image in rendered.images:
        picture = Image.open(io.BytesIO(image.data))
        assert picture.format == "PNG" and picture.width >= 96 and image.alt
        assert f"cid:{image.cid}" in rendered.html
    embedded = render_html(hostile, embed=True)
    assert embedded.images == [] and "cid:" not in embedded.html
    assert embedded.html.count("data:image/png;base64,") == len(rendered.images)


def test_html_has_preheader_inline_styles_and_dark_mode(hostile: Digest) -> None:
    html = render_html(hostile).html
    assert 'class="preheader"' in html and hostile.summary[0].split("“")[0][:20] in html
    assert 'width="600"' in html and 'style="' in html
    assert "prefers-color-scheme: dark" in html and 'name="color-scheme"' in html
    assert 'lang="en"' in html and 'role="presentation"' in html


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.org/post/1", True),
        ("http://example.org/x?y=1&z=2", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>", False),
        ("https://exa\u202emple.org", False),
        ("https://example.org/a b", False),
        ("//example.org/no-scheme", False),
        ("https:///no-host", False),
        (None, False),
    ],
)
def test_only_plain_http_links_survive(url: str | None, kept: bool) -> None:
    assert safe_url(url) == (url if kept else None)


def test_clean_text_neutralises_and_bounds() -> None:
    assert clean_text("a\u202eb\u200bc\u0007d\ufeff") == "abcd"
    assert clean_text("see https://evil.example/x and javascript:alert(1)") == "see [link] and [link]"
    assert clean_text("word " * 200, 50).endswith("…") and len(clean_text("word " * 200, 50)) <= 51


@pytest.mark.parametrize(
    ("text", "identifies"),
    [
        ("Found my dad Arthur with bruises on both arms at the care home.", True),
        ("Mrs Patel was sectioned last night and her family were not told.", True),
        ("Margaret has dementia and wanders at night; the home cannot cope.", True),
        ("My mum has dementia and the care home is brilliant with her.", False),
        ("Margaret from the carers group organised a lovely coffee morning.", False),
        ("Staff shortages mean missed medication rounds on nights.", False),
    ],
)
def test_names_with_health_or_safeguarding_details_are_withheld(text: str, identifies: bool) -> None:
    assert could_identify(text) is identifies



def _contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_text_colour_meets_wcag_aa_in_light_and_dark() -> None:
    """Each rule's text colour against its own background, or the page's (white; dark #161b22)."""
    from importlib import resources

    css = resources.files("groundswell.reports").joinpath("templates/digest.css").read_text(encoding="utf-8")
    light, dark = css.split("@media (prefers-color-scheme: dark)")
    checked = 0
    for block, page in ((light, "#ffffff"), (dark, "#161b22")):
        for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", block):
            colour = re.search(r"(?<![-\w])color:\s*(#[0-9a-f]{6})", body)
            if colour is None or "preheader" in selector:
                continue
            background = re.search(r"background-color:\s*(#[0-9a-f]{6})", body)
            behind = background.group(1) if background else ("#17324d" if ".masthead" in selector else page)
            ratio = _contrast(colour.group(1), behind)
            assert ratio >= 4.5, f"{selector.strip()}: {colour.group(1)} on {behind} is {ratio:.2f}:1"
            checked += 1
    assert checked >= 20


def test_the_reports_package_exports_a_small_sorted_surface() -> None:
    import groundswell.reports as reports

    assert reports.__all__ == sorted(reports.__all__)
    assert all(hasattr(reports, name) for name in reports.__all__)
    assert {"build_digest", "render_html", "render_json", "render_text", "send_digest"} <= set(reports.__all__)


@pytest.mark.parametrize(
    ("voice", "handle", "shown"),
    [
        ("media", "Guardian Society", True),
        ("organisation", "carersrights.uk", True),
        ("organisation", "chriscarter2250@mstdn.example.org", False),  # the model may be wrong
        ("carer", "tired_daughter", False),
        ("worker", None, False),
    ],
)
def test_handles_only_for_organisations_and_the_press(voice: str, handle: str | None, shown: bool) -> None:
    from groundswell.reports.safety import attribution

    said = attribution(voice, "mastodon", handle, show_handles=False)
    assert (handle is not None and handle in said) is shown
    assert said.endswith("on mastodon")
    if handle:
        assert handle in attribution(voice, "mastodon", handle, show_handles=True)
