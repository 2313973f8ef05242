"""Delivering the digest to a real local SMTP server (aiosmtpd) and reading it back.

Exactly once per (week, recipient): a crashed sender, a re-run and a concurrent sender never
send twice and never skip; transient SMTP failures are retried and permanent ones reported.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_digest import SOURCES, seed, seeded_sqlite, this_week

from groundswell.config import Config, load_config
from groundswell.errors import ConfigError, DeliveryError
from groundswell.periods import Period
from groundswell.reports import send_digest
from groundswell.store import Store

RECIPIENTS = ["ceo@example.org", "chair@example.org", "quality@example.org"]


def write_config(folder: Path, database: str, smtp: tuple[str, int] | None, recipients: list[str] = RECIPIENTS) -> Path:
    """A real groundswell.toml, so the CLI and a child process read the same settings."""
    lines = [
        "[organisation]", 'name = "Riverside Care Partnership"',
        'watch = ["Millbrook House", "Eastshire"]', 'values = ["Shared Lives", "co-production"]',
        "[store]", f'url = "{database}"',
        "[digest]", f"recipients = {recipients!r}".replace("'", '"'), 'sender = "digest@example.org"',
    ]  # fmt: skip
    if smtp:
        lines += ["[smtp]", f'host = "{smtp[0]}"', f"port = {smtp[1]}", 'security = "none"', "retries = 2"]
    for name in SOURCES:  # all as feeds: what matters here is their names, not their APIs
        lines += ["[[sources]]", f'name = "{name}"', 'type = "rss"', f'url = "https://example.org/{name}"']
    path = folder / "groundswell.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def week(tmp_path: Path) -> Iterator[tuple[Store, Period, str]]:
    url = seeded_sqlite(tmp_path)
    store = Store.open(url)
    yield store, this_week(), url
    store.close()


def _config(tmp_path: Path, url: str, smtp: tuple[str, int] | None) -> Config:
    return load_config(write_config(tmp_path, url, smtp))


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.srcs: list[str] = []
        self.alts: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        if tag == "a":
            self.hrefs.append(found.get("href") or "")
        if tag == "img":
            self.srcs.append(found.get("src") or "")
            self.alts.append(found.get("alt"))


def check_parts(msg: EmailMessage) -> str:
    """alternative[text/plain, related[text/html, image/png...]] and every cid: resolves."""
    assert msg.get_content_type() == "multipart/alternative"
    plain, related = list(msg.iter_parts())
    assert plain.get_content_type() == "text/plain" and related.get_content_type() == "multipart/related"
    html_part, *images = list(related.iter_parts())
    assert html_part.get_content_type() == "text/html"
    text, html = plain.get_content(), html_part.get_content()
    assert "IN THREE LINES" in text and "THEMES AT A GLANCE" in text
    assert len(html.encode()) < 102_000, "Gmail clips an HTML part over about 102 KB"
    ids = {}
    for image in images:
        assert image.get_content_type() == "image/png" and image.get_content_disposition() == "inline"
        data = image.get_content()
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
        ids[image["Content-ID"].strip("<>")] = data
    page = _Links()
    page.feed(html)
    assert "script" not in page.tags and "<script" not in html.lower()
    assert page.srcs and all(src.startswith("cid:") and src[4:] in ids for src in page.srcs)
    assert set(ids) == {src[4:] for src in page.srcs}, "every attached image is used"
    assert all(alt for alt in page.alts)
    assert page.hrefs and all(re.match(r"https?://", href) for href in page.hrefs)
    return html


def _received(inbox) -> dict[str, list[EmailMessage]]:  # type: ignore[no-untyped-def]
    out: dict[str, list[EmailMessage]] = {}
    for _sender, rcpts, message in inbox.messages:
        for rcpt in rcpts:
            out.setdefault(rcpt, []).append(message)
    return out


def test_delivered_over_smtp_and_parsed_back(week, smtp_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, period, url = week
    host, port, inbox = smtp_server
    report = send_digest(_config(tmp_path, url, (host, port)), store, period, retry_delay=0)
    assert [r.status for r in report.results] == ["sent"] * 3
    got = _received(inbox)
    assert sorted(got) == sorted(RECIPIENTS) and all(len(v) == 1 for v in got.values())
    for rcpt, [message] in got.items():
        assert message["To"] == rcpt and message["X-Groundswell-Period"] == str(period)
        html = check_parts(message)
        assert "Riverside Care Partnership" in message["Subject"] and "Millbrook House" in html
        assert store.delivery(str(period), rcpt)["message_id"] == message["Message-ID"]
    assert store.load_weekly("movements", str(period)), "sending analyses the week first"
    again = send_digest(_config(tmp_path, url, (host, port)), store, period, retry_delay=0)
    assert [r.status for r in again.results] == ["already sent"] * 3 and len(inbox.messages) == 3


def test_transient_failures_are_retried_and_permanent_ones_reported(week, smtp_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, period, url = week
    host, port, inbox = smtp_server
    inbox.refuse["ceo@example.org"] = ["451 4.3.0 Mailbox busy, try later", "421 4.4.2 Closing connection"]
    inbox.refuse["chair@example.org"] = ["550 5.1.1 No such user"]
    with pytest.raises(DeliveryError, match="chair@example.org: permanent: 550") as caught:
        send_digest(_config(tmp_path, url, (host, port)), store, period, retry_delay=0)
    statuses = {r.recipient: (r.status, r.detail) for r in caught.value.report.results}
    assert statuses["ceo@example.org"] == ("sent", "after 3 attempt(s)")
    assert statuses["chair@example.org"][0] == "failed"
    assert statuses["quality@example.org"][0] == "sent"
    assert store.delivery(str(period), "chair@example.org")["status"] == "failed"
    # the address is fixed at the server; a re-run sends only to the one that failed
    report = send_digest(_config(tmp_path, url, (host, port)), store, period, retry_delay=0)
    assert {r.recipient: r.status for r in report.results} == {
        "ceo@example.org": "already sent", "chair@example.org": "sent", "quality@example.org": "already sent",
    }  # fmt: skip
    assert sorted(len(v) for v in _received(inbox).values()) == [1, 1, 1]


CRASH = """
import os, sys
from groundswell.config import load_config
from groundswell.periods import parse_period
from groundswell.reports import mail
from groundswell.store import Store

config = load_config(sys.argv[1])
store = Store.open(config.database_url)
where, victim = sys.argv[3], sys.argv[4]
if where == "before-claim":  # dies between two recipients: the second was never claimed
    claim = store.claim_delivery
    store.claim_delivery = lambda p, r, **kw: os._exit(9) if r == victim else claim(p, r, **kw)
else:  # dies holding the claim, before the SMTP transaction for the second recipient
    send = mail._smtp_send
    mail._smtp_send = lambda c, m, r, cr: os._exit(9) if r == victim else send(c, m, r, cr)
mail.send_digest(config, store, parse_period(sys.argv[2], config.schedule.timezone), retry_delay=0)
"""


@pytest.mark.parametrize("where", ["before-claim", "holding-claim"])
def test_a_crash_between_recipients_then_a_rerun_sends_only_to_the_missing(
    week, smtp_server, tmp_path: Path, where: str  # type: ignore[no-untyped-def]
) -> None:
    store, period, url = week
    host, port, inbox = smtp_server
    path = write_config(tmp_path, url, (host, port))
    argv = [sys.executable, "-c", CRASH, str(path), str(period), where, "chair@example.org"]
    child = subprocess.run(argv, capture_output=True, text=True, timeout=120, env=dict(os.environ))
    assert child.returncode == 9, child.stderr
    assert [rcpts for _, rcpts, _ in inbox.messages] == [["ceo@example.org"]]
    left = store.delivery(str(period), "chair@example.org")
    assert (left is None) if where == "before-claim" else (left["status"] == "sending")
    report = send_digest(load_config(path), store, period, retry_delay=0)
    assert {r.recipient: r.status for r in report.results} == {
        "ceo@example.org": "already sent", "chair@example.org": "sent", "quality@example.org": "sent",
    }  # fmt: skip
    got = _received(inbox)
    assert sorted(got) == sorted(RECIPIENTS) and all(len(v) == 1 for v in got.values())


def test_a_live_senders_claim_is_left_alone(week, smtp_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, period, url = week
    host, port, inbox = smtp_server
    assert store.claim_delivery(str(period), "chair@example.org", holder="other-machine:4242:abc")
    report = send_digest(_config(tmp_path, url, (host, port)), store, period, retry_delay=0)
    statuses = {r.recipient: r.status for r in report.results}
    assert statuses["chair@example.org"] == "in progress elsewhere"
    assert "chair@example.org" not in _received(inbox)


def test_two_senders_at_once_never_double_send(store_url: str, smtp_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    host, port, inbox = smtp_server
    period = this_week()
    first = Store.open(store_url)
    seed(first, period)
    config = _config(tmp_path, store_url, (host, port))
    second = Store.open(store_url)
    barrier = threading.Barrier(2)
    reports, errors = [], []

    def run(store: Store) -> None:
        barrier.wait()
        try:
            reports.append(send_digest(config, store, period, retry_delay=0))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(s,)) for s in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    first.close()
    second.close()
    assert not errors
    got = _received(inbox)
    assert sorted(got) == sorted(RECIPIENTS) and all(len(v) == 1 for v in got.values())
    sent = [r.recipient for report in reports for r in report.results if r.status == "sent"]
    assert sorted(sent) == sorted(RECIPIENTS)


def test_without_smtp_the_outbox_gets_eml_and_html(week, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, period, url = week
    config = _config(tmp_path, url, None)
    report = send_digest(config, store, period)
    assert report.mode == "outbox"
    folder = tmp_path / "outbox"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [f"digest-{period}.html"] + [f"digest-{period}-{r}.eml" for r in RECIPIENTS]
    )
    message = message_from_bytes((folder / f"digest-{period}-ceo@example.org.eml").read_bytes(), policy=policy.default)
    check_parts(message)
    preview = (folder / f"digest-{period}.html").read_text(encoding="utf-8")
    assert "cid:" not in preview and "data:image/png;base64," in preview


def test_dry_run_sends_writes_and_records_nothing(week, smtp_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, period, url = week
    host, port, inbox = smtp_server
    report = send_digest(_config(tmp_path, url, (host, port)), store, period, dry_run=True)
    assert [(r.recipient, r.status) for r in report.results] == [(r, "would send") for r in RECIPIENTS]
    assert all(f"{host}:{port}" in r.detail for r in report.results)
    assert inbox.messages == [] and store.delivery(str(period), RECIPIENTS[0]) is None
    assert not (tmp_path / "outbox").exists()
    assert "has not been analysed yet" in report.headline and not store.load_weekly("movements", str(period))


def test_dry_run_checks_the_smtp_secrets_a_send_needs(week, smtp_server, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                      monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    store, period, url = week
    host, port, _inbox = smtp_server
    config = _config(tmp_path, url, (host, port))
    config.smtp.password_env = "GS_TEST_UNSET_PASSWORD"  # type: ignore[union-attr]
    config.smtp.username_env = "GS_TEST_UNSET_USER"  # type: ignore[union-attr]
    monkeypatch.delenv("GS_TEST_UNSET_PASSWORD", raising=False)
    monkeypatch.delenv("GS_TEST_UNSET_USER", raising=False)
    with pytest.raises(ConfigError, match="GS_TEST_UNSET_USER, which is not set"):
        send_digest(config, store, period, dry_run=True)


def test_an_outbox_that_cannot_be_written_is_a_clear_error(week, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, period, url = week
    (tmp_path / "outbox").write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(DeliveryError, match="cannot write the digest to the outbox .*outbox"):
        send_digest(_config(tmp_path, url, None), store, period)


def test_a_connection_dropped_mid_message_is_retried_and_arrives_once(week, smtp_server,  # type: ignore[no-untyped-def]
                                                                      tmp_path: Path) -> None:  # fmt: skip
    store, period, url = week
    host, port, inbox = smtp_server
    inbox.drop["chair@example.org"] = 2
    report = send_digest(_config(tmp_path, url, (host, port)), store, period, retry_delay=0)
    statuses = {r.recipient: (r.status, r.detail) for r in report.results}
    assert statuses["chair@example.org"] == ("sent", "after 3 attempt(s)")
    got = _received(inbox)
    assert sorted(got) == sorted(RECIPIENTS) and all(len(v) == 1 for v in got.values())


def test_one_mailbox_written_twice_gets_one_digest(week, smtp_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, period, url = week
    host, port, inbox = smtp_server
    path = write_config(tmp_path, url, (host, port), ["ceo@example.org", "CEO@Example.org", "chair@example.org"])
    report = send_digest(load_config(path), store, period, retry_delay=0)
    assert [(r.recipient, r.status) for r in report.results] == [("ceo@example.org", "sent"),
                                                                  ("chair@example.org", "sent")]  # fmt: skip
    assert len(inbox.messages) == 2


def test_a_failed_analysis_still_sends_the_digest_and_says_so(week, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                              monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    import groundswell.models.movements as movements

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ValueError("the detector met a week it did not expect")

    monkeypatch.setattr(movements, "detect_movements", broken)
    store, period, url = week
    report = send_digest(_config(tmp_path, url, None), store, period)
    assert report.mode == "outbox"
    text = (tmp_path / "outbox" / f"digest-{period}.html").read_text(encoding="utf-8")
    assert "Movement analysis failed this week (ValueError: the detector met a week it did not expect)" in text
    assert "movement analysis" in text  # named among the gaps under the summary
