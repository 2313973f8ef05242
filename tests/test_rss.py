"""RSS/Atom collection against the local HTTP server: conditional GET, bad feeds, timeouts,
idempotent re-collection, hostile markup."""

from __future__ import annotations

from typing import Any

from conftest import Reply
from test_collectors_fakes import FakeRss
from test_collectors_kit import make_config, make_session

from groundswell.collect import collect_sources
from groundswell.store import Store

RSS = {"Content-Type": "application/rss+xml"}


def run(store: Store, tables: list[dict[str, Any]], **session: Any) -> dict[str, Any]:
    http = make_session(**session)
    try:
        return {r.source: r for r in collect_sources(make_config(tables), store, http=http)}
    finally:
        http.client.close()


def test_conditional_get_sends_etag_and_a_304_adds_nothing(store: Store, http_server: Any) -> None:
    fake = FakeRss(http_server, 4)
    table = {"name": "news", "type": "rss", "url": f"{fake.url}/feed.xml"}
    assert run(store, [table])["news"].new == 4
    assert store.get_cursor("news") == {"etag": '"v4"'}
    second = run(store, [table])["news"]
    assert second.ok and second.new == 0 and second.pages == 0
    _method, _path, headers = http_server.requests[-1]
    assert headers.get("If-None-Match") == '"v4"'
    fake.add(1)
    assert run(store, [table])["news"].new == 1
    assert store.count_posts(source="news") == 5


def test_last_modified_is_sent_back(sqlite_store: Store, http_server: Any) -> None:
    stamp = "Thu, 20 Nov 2026 08:00:00 GMT"
    body = FakeRss(http_server, 1)  # only for its feed text
    feed = http_server.routes.pop("/rss/feed.xml")

    def route(handler: Any) -> Reply:
        if handler.headers.get("If-Modified-Since") == stamp:
            return Reply(304)
        served = feed(handler)
        return Reply(200, served.body, {**RSS, "Last-Modified": stamp})

    http_server.routes["/lm.xml"] = route
    table = {"name": "lm", "type": "rss", "url": f"{http_server.url}/lm.xml"}
    assert run(sqlite_store, [table])["lm"].new == body.count
    assert run(sqlite_store, [table])["lm"].new == 0
    assert http_server.requests[-1][2].get("If-Modified-Since") == stamp


def test_recollecting_without_validators_never_duplicates(sqlite_store: Store, http_server: Any) -> None:
    fake = FakeRss(http_server, 3)
    served = fake.server.routes["/rss/feed.xml"]
    http_server.routes["/plain.xml"] = lambda h: Reply(200, served(h).body, RSS)  # no ETag
    table = {"name": "plain", "type": "rss", "url": f"{http_server.url}/plain.xml"}
    run(sqlite_store, [table])
    again = run(sqlite_store, [table])["plain"]
    assert again.ok and again.new == 0 and sqlite_store.count_posts(source="plain") == 3


def test_malformed_feed_is_a_parse_error_and_others_still_collect(sqlite_store: Store, http_server: Any) -> None:
    fake = FakeRss(http_server, 2)
    broken = (b"<rss version='2.0'><channel><title>t</title><item><title>Readable story</title>"
              b"<guid>ok-1</guid></item><item><title>unclosed &bogus; <b>")  # fmt: skip
    http_server.routes["/broken.xml"] = Reply(200, broken, RSS)
    results = run(sqlite_store, [
        {"name": "broken", "type": "rss", "url": f"{http_server.url}/broken.xml"},
        {"name": "good", "type": "rss", "url": f"{fake.url}/feed.xml"},
    ])  # fmt: skip
    assert results["broken"].error_kind == "parse" and "malformed feed" in results["broken"].error
    assert "1 entries recovered" in results["broken"].error  # what could be read is kept
    assert results["good"].new == 2 and sqlite_store.count_posts(source="broken") >= 1
    runs = {r["source"]: r for r in sqlite_store.runs_between(_epoch(), _far())}
    assert runs["broken"]["status"] == "failed" and runs["broken"]["error_kind"] == "parse"
    assert runs["good"]["status"] == "ok" and runs["good"]["items"] == 2


def test_a_feed_that_times_out_does_not_hold_up_another(sqlite_store: Store, http_server: Any) -> None:
    fake = FakeRss(http_server, 2)
    http_server.routes["/slow.xml"] = Reply(200, b"<rss/>", RSS, delay=2.0)
    results = run(sqlite_store, [
        {"name": "slow", "type": "rss", "url": f"{http_server.url}/slow.xml"},
        {"name": "good", "type": "rss", "url": f"{fake.url}/feed.xml"},
    ], timeout=0.3, max_attempts=2)  # fmt: skip
    assert results["slow"].error_kind == "timeout" and "timed out after 2 attempt(s)" in results["slow"].error
    assert results["good"].ok and results["good"].new == 2


def test_hostile_markup_in_a_feed_is_kept_as_plain_text(sqlite_store: Store, http_server: Any) -> None:
    item = ("<item><title>&lt;script&gt;alert(1)&lt;/script&gt;Council cuts</title>"
            "<link>javascript:alert(2)</link><guid>h1</guid>"
            "<description>&lt;img src=x onerror=alert(3)&gt;Respite &amp;amp; day centres"
            "&lt;style&gt;body{}&lt;/style&gt;</description></item>")  # fmt: skip
    feed = f"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>{item}</channel></rss>"
    http_server.routes["/hostile.xml"] = Reply(200, feed.encode(), RSS)
    run(sqlite_store, [{"name": "hostile", "type": "rss", "url": f"{http_server.url}/hostile.xml"}])
    [row] = sqlite_store.posts_between(_epoch(), _far())
    assert "<" not in row["text"] and "onerror" not in row["text"] and "body{}" not in row["text"]
    assert "Respite & day centres" in row["text"]
    assert row["url"] is None  # a javascript: link is not a URL we keep


def _epoch():  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    return datetime(2000, 1, 1, tzinfo=UTC)


def _far():  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    return datetime(2100, 1, 1, tzinfo=UTC)


def test_atom_entries_map_to_posts_in_utc(sqlite_store: Store, http_server: Any) -> None:
    atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">
  <title>Council adult social care news</title>
  <id>urn:uuid:7b1c2f80-0000-4000-8000-000000000001</id>
  <updated>2026-11-20T10:00:00+01:00</updated>
  <entry>
    <title type="html">Day centre &lt;em&gt;reopens&lt;/em&gt;</title>
    <link rel="alternate" href="https://council.example.gov.uk/news/day-centre"/>
    <id>tag:council.example.gov.uk,2026:news-42</id>
    <published>2026-11-20T10:00:00+01:00</published>
    <author><name>Comms team</name></author>
    <content type="html">&lt;p&gt;The Millbrook day centre reopens on Monday.&lt;/p&gt;</content>
  </entry>
</feed>"""
    http_server.routes["/atom.xml"] = Reply(200, atom.encode(), {"Content-Type": "application/atom+xml"})
    run(sqlite_store, [{"name": "council", "type": "rss", "url": f"{http_server.url}/atom.xml"}])
    [row] = sqlite_store.posts_between(_epoch(), _far())
    assert row["native_id"] == "tag:council.example.gov.uk,2026:news-42"
    assert row["title"] == "Day centre reopens" and row["text"] == "The Millbrook day centre reopens on Monday."
    assert row["created_at"].isoformat() == "2026-11-20T09:00:00+00:00"
    assert row["url"] == "https://council.example.gov.uk/news/day-centre" and row["author"] == "Comms team"
    assert row["lang"] == "en-GB"
