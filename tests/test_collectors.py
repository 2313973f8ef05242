"""Each collector against its fake service on the local HTTP server: mapping, paging, the
cursor across two runs, and the service-specific manners (sessions, tokens, pacing)."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from test_collectors_fakes import (
    FakeBluesky,
    FakeDiscourse,
    FakeGdelt,
    FakeHackerNews,
    FakeLemmy,
    FakeMastodon,
    FakePetitions,
    FakeReddit,
)
from test_collectors_kit import SECRETS, FakeTime, make_config, make_session, source_tables

from groundswell.collect import collect_sources
from groundswell.collectors import registry
from groundswell.collectors.bluesky import forget_sessions
from groundswell.collectors.reddit import forget_tokens
from groundswell.store import Store, posts


@pytest.fixture(autouse=True)
def _secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in SECRETS.items():
        monkeypatch.setenv(key, value)
    forget_sessions()
    forget_tokens()


def rows(store: Store, source: str) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        found = conn.execute(sa.select(posts).where(posts.c.source == source).order_by(posts.c.native_id))
        return [dict(r._mapping) for r in found]


def run(store: Store, tables: list[dict[str, Any]], fake_time: FakeTime | None = None) -> dict[str, Any]:
    session = make_session(fake_time)
    try:
        results = collect_sources(make_config(tables), store, http=session)
    finally:
        session.client.close()
    return {r.source: r for r in results}


def paths(server: Any, fragment: str) -> list[str]:
    return [path for _method, path, _headers in server.requests if fragment in path]


def test_every_builtin_is_registered() -> None:
    assert set(registry()) >= {"rss", "mastodon", "bluesky", "reddit", "discourse", "gdelt", "petitions",
                               "lemmy", "hackernews"}  # fmt: skip


def test_mastodon_dedupes_across_servers_counts_boosts_and_resumes(store: Store, http_server: Any) -> None:
    one = FakeMastodon(http_server, 7, "/m1", id_base=1000)
    two = FakeMastodon(http_server, 5, "/m2", id_base=5000)
    one.boosts.append(2)  # someone boosted status 2 on server one
    two.status = _more_likes(two.status)  # server two saw more likes for the same posts
    table = {"name": "mastodon", "type": "mastodon", "servers": [one.url, two.url], "limit": 3}
    result = run(store, [table])["mastodon"]
    assert result.ok, result.error
    saved = {r["native_id"]: r for r in rows(store, "mastodon")}
    assert len(saved) == 7  # 7 on server one, 5 of them again on server two: stored once each
    boosted = saved[one.uri(2)]
    assert boosted["reposts"] == 1 and "/activity" not in "".join(saved)
    assert saved[one.uri(4)]["likes"] == 14 and saved[one.uri(6)]["likes"] == 6
    first = saved[one.uri(0)]
    assert first["author"] == "u0@home.example.social" and first["lang"] == "en"
    assert first["text"].startswith("FakeMastodon item 0") and "<" not in first["text"]
    assert first["created_at"].replace(tzinfo=None).isoformat() == "2026-11-20T06:00:00"
    assert len(paths(http_server, "/m1/api/v1/timelines/tag/socialcare")) >= 3  # paged by max_id
    assert all("any%5B%5D=carers" in p for p in paths(http_server, "/timelines/tag/"))
    cursor = store.get_cursor("mastodon")["streams"]
    assert cursor[one.url]["seen"] == 1060 and cursor[two.url]["seen"] == 5040

    one.add(2)
    http_server.requests.clear()
    assert run(store, [table])["mastodon"].new == 2
    assert len(rows(store, "mastodon")) == 9
    assert all("since_id=1060" in p for p in paths(http_server, "/m1/api/v1/timelines"))


def _more_likes(status_fn: Any) -> Any:
    def status(i: int) -> dict[str, Any]:
        s = status_fn(i)
        s["favourites_count"] = i + 10
        return s

    return status


def test_mastodon_respects_hashtag_feed_access(sqlite_store: Store, http_server: Any) -> None:
    FakeMastodon(http_server, 3, "/locked", hashtag_feeds={"local": "authenticated", "remote": "authenticated"})
    local = FakeMastodon(http_server, 3, "/localonly", hashtag_feeds={"local": "public", "remote": "disabled"})
    results = run(sqlite_store, [
        {"name": "locked", "type": "mastodon", "servers": [f"{http_server.url}/locked"]},
        {"name": "localonly", "type": "mastodon", "servers": [local.url]},
    ])  # fmt: skip
    assert results["locked"].error_kind == "auth" and "token_env" in results["locked"].error
    assert not paths(http_server, "/locked/api/v1/timelines")  # never asked for what is closed
    assert results["localonly"].ok and results["localonly"].new == 3
    assert all("local=true" in p for p in paths(http_server, "/localonly/api/v1/timelines"))


def test_mastodon_token_is_sent_when_the_server_needs_it(sqlite_store: Store, http_server: Any,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    FakeMastodon(http_server, 2, "/auth", hashtag_feeds={"local": "authenticated", "remote": "public"},
                 token="s3cret")  # fmt: skip
    monkeypatch.setenv("GS_TEST_MASTO", "s3cret")
    table = {"name": "m", "type": "mastodon", "servers": [f"{http_server.url}/auth"], "token_env": "GS_TEST_MASTO"}
    assert run(sqlite_store, [table])["m"].new == 2


def test_bluesky_logs_in_once_refreshes_on_expiry_and_pages(sqlite_store: Store, http_server: Any) -> None:
    fake = FakeBluesky(http_server, 10)
    tables = source_tables({"bluesky": fake})
    assert run(sqlite_store, tables)["bluesky"].new == 10
    assert fake.logins == 1 and len(paths(http_server, "searchPosts")) == 3  # 4 + 4 + 2
    saved = rows(sqlite_store, "bluesky")
    post = next(r for r in saved if r["native_id"].endswith("3rk000007"))
    assert post["url"] == "https://bsky.app/profile/user2.bsky.social/post/3rk000007"
    assert post["author"] == "user2.bsky.social" and post["likes"] == 7 and post["lang"] == "en"
    assert all("sort=latest" in p and "lang=en" in p for p in paths(http_server, "searchPosts"))

    fake.expired_access.add(fake.access)  # the access token has expired since the last run
    fake.add(3)
    http_server.requests.clear()
    assert run(sqlite_store, tables)["bluesky"].new == 3
    assert fake.logins == 1 and fake.refreshes == 1  # refreshed, not logged in again
    assert all("since=" in p for p in paths(http_server, "searchPosts"))

    fake.expired_access.add(fake.access)
    fake.refresh_dead = True  # both tokens dead: one fresh login, then on
    fake.add(1)
    assert run(sqlite_store, tables)["bluesky"].new == 1
    assert fake.logins == 2 and len(rows(sqlite_store, "bluesky")) == 14


def test_bluesky_revoked_app_password_is_an_auth_error(sqlite_store: Store, http_server: Any,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    fake = FakeBluesky(http_server, 2, password="the-new-one")
    result = run(sqlite_store, source_tables({"bluesky": fake}))["bluesky"]
    assert result.error_kind == "auth" and "revoked" in result.error
    assert not paths(http_server, "searchPosts")


def test_reddit_reuses_its_token_until_expiry(sqlite_store: Store, http_server: Any) -> None:
    fake = FakeReddit(http_server, 9)
    tables = source_tables({"reddit": fake})
    assert run(sqlite_store, tables)["reddit"].new == 9
    fake.add(2)
    assert run(sqlite_store, tables)["reddit"].new == 2
    assert fake.tokens_issued == 1  # one token for both runs and all pages
    saved = {r["native_id"]: r for r in rows(sqlite_store, "reddit")}
    post = saved["t3_x00003"]
    assert post["url"] == "https://www.reddit.com/r/CaregiverSupport/comments/x00003/title_3/"
    assert post["author"] == "u/tired_daughter_uk" and post["title"] == "Title 3" and post["likes"] == 3
    assert post["text"] == "FakeReddit item 3: carers waiting for assessments"
    assert post["created_at"].replace(tzinfo=None).isoformat() == "2026-11-20T06:03:00"

    fake.valid.clear()  # the token was revoked mid-life: one new token, then on
    fake.add(1)
    assert run(sqlite_store, tables)["reddit"].new == 1 and fake.tokens_issued == 2


def test_reddit_short_lived_token_is_renewed(sqlite_store: Store, http_server: Any) -> None:
    fake = FakeReddit(http_server, 2, expires_in=30)
    tables = source_tables({"reddit": fake})
    run(sqlite_store, tables)
    run(sqlite_store, tables)
    assert fake.tokens_issued == 2


def test_discourse_latest_and_search(sqlite_store: Store, http_server: Any) -> None:
    fake = FakeDiscourse(http_server, 12)
    tables = source_tables({"discourse": fake})
    result = run(sqlite_store, tables)["discourse"]
    assert result.ok and result.new == 12  # the search finds the same posts: stored once
    post = {r["native_id"]: r for r in rows(sqlite_store, "discourse")}["50004"]
    assert post["url"] == f"{fake.url}/t/shared-lives-experiences/6001/2"
    assert post["likes"] == 6 and post["author"] == "member4" and post["title"] == "Shared Lives: your experiences"
    assert len(paths(http_server, "/posts.json")) == 3 and len(paths(http_server, "/search.json")) == 3
    fake.add(2)
    http_server.requests.clear()
    assert run(sqlite_store, tables)["discourse"].new == 2
    assert len(paths(http_server, "/posts.json")) == 1  # stopped at what it had seen


def test_gdelt_slices_full_windows_paces_and_stores_tone(store: Store, http_server: Any) -> None:
    clock = FakeTime()
    fake = FakeGdelt(http_server, 400, clock=clock.clock)
    result = run(store, source_tables({"gdelt": fake}), clock)["gdelt"]
    assert result.ok, result.error
    # every article the fake holds inside the collected window, none twice
    assert result.new == len(rows(store, "gdelt")) >= 395
    artlists = [c for c in fake.calls if c["mode"] == "artlist"]
    assert len(artlists) >= 3  # one full window, split until each half fits under 250
    assert all(int(c["maxrecords"]) == 250 for c in artlists)
    gaps = [b - a for a, b in zip(fake.arrivals, fake.arrivals[1:], strict=False)]
    assert len(gaps) == len(fake.calls) - 1 and min(gaps) > 4.95  # one request per 5 s
    tone = store.tone_series(fake.now.replace(year=2000))
    assert len(tone) == 3 and tone[0]["query"] == "carers" and tone[0]["tone"] == pytest.approx(-1.5)
    article = rows(store, "gdelt")[0]
    assert article["native_id"] == article["url"] and article["lang"] == "en"
    assert "\x01" not in article["text"]  # control characters cleaned
    until = store.get_cursor("gdelt")["queries"]["carers"]
    second = run(store, source_tables({"gdelt": fake}), clock)["gdelt"].new
    after = store.get_cursor("gdelt")["queries"]["carers"]
    assert after >= until
    # the second run reads only what the clock moved past since the cursor (usually nothing;
    # an article when the minute rolled over between the runs), and nothing twice
    stamp = "%Y%m%d%H%M%S"
    moved_past = [i for i in range(fake.count) if until <= fake.time(i).strftime(stamp) < after]
    assert second == len(moved_past)
    assert len(rows(store, "gdelt")) == result.new + second


def test_petitions_snapshot_every_run(store: Store, http_server: Any) -> None:
    fake = FakePetitions(http_server, 7)
    tables = source_tables({"petitions": fake})
    assert run(store, tables)["petitions"].new == 7
    fake.signatures = 250
    assert run(store, tables)["petitions"].new == 0
    history = store.petition_history(fake.time(0).replace(year=2000))
    assert len(history) == 7 and all(len(h["snapshots"]) == 2 for h in history)
    first = next(h for h in history if h["petition_id"] == "700003")
    assert [count for _when, count in first["snapshots"]] == [103, 253]
    post = {r["native_id"]: r for r in rows(store, "petitions")}["700003"]
    assert post["likes"] == 253 and post["url"] == f"{fake.url}/petitions/700003"
    assert post["title"].startswith("Petition 3") and "FakePetitions item 3" in post["text"]
    assert len(paths(http_server, "/petitions.json")) == 6  # 3 pages a run


def test_lemmy_and_hackernews_page_and_resume(sqlite_store: Store, http_server: Any) -> None:
    lemmy, hn = FakeLemmy(http_server, 9), FakeHackerNews(http_server, 9)
    tables = source_tables({"lemmy": lemmy, "hackernews": hn})
    results = run(sqlite_store, tables)
    assert results["lemmy"].new == 9 and results["hackernews"].new == 9
    assert len(paths(http_server, "/lemmy/")) == 3 and len(paths(http_server, "/hn/")) == 3
    post = {r["native_id"]: r for r in rows(sqlite_store, "lemmy")}["https://lemmy.example.org/post/300002"]
    assert post["author"] == "grandkid_cares@lemmy.example.org" and post["likes"] == 40
    story = {r["native_id"]: r for r in rows(sqlite_store, "hackernews")}["42000005"]
    assert story["url"] == "https://news.ycombinator.com/item?id=42000005" and story["likes"] == 5
    lemmy.add(2)
    hn.add(2)
    http_server.requests.clear()
    results = run(sqlite_store, tables)
    assert results["lemmy"].new == 2 and results["hackernews"].new == 2
    assert len(paths(http_server, "/lemmy/")) == 1
    assert any("numericFilters=created_at_i" in p for p in paths(http_server, "/hn/"))


def test_one_dead_server_does_not_lose_the_others_posts(sqlite_store: Store, http_server: Any) -> None:
    good = FakeMastodon(http_server, 4, "/up")
    table = {"name": "m", "type": "mastodon", "servers": [f"{http_server.url}/gone", good.url], "limit": 3}
    result = run(sqlite_store, [table])["m"]
    assert result.error_kind == "unavailable" and result.error.startswith("1 of 2 streams failed")
    assert result.new == 4 and sqlite_store.count_posts(source="m") == 4
    assert set(sqlite_store.get_cursor("m")["streams"]) == {good.url}  # the dead one starts afresh


def test_two_bluesky_sources_on_one_account_share_one_login(sqlite_store: Store, http_server: Any) -> None:
    fake = FakeBluesky(http_server, 3)
    [table] = source_tables({"bluesky": fake})
    tables = [{**table, "name": "bsky-a", "queries": ["carers"]}, {**table, "name": "bsky-b", "queries": ["respite"]}]
    results = run(sqlite_store, tables)
    assert results["bsky-a"].ok and results["bsky-b"].ok and fake.logins == 1


def test_two_reddit_sources_on_one_app_share_one_token(sqlite_store: Store, http_server: Any) -> None:
    fake = FakeReddit(http_server, 3)
    [table] = source_tables({"reddit": fake})
    tables = [{**table, "name": "reddit-a"}, {**table, "name": "reddit-b", "subreddits": [], "queries": ["carers"]}]
    results = run(sqlite_store, tables)
    assert results["reddit-a"].new == 3 and results["reddit-b"].new == 3 and fake.tokens_issued == 1


def test_keep_raw_stores_the_payload_as_sent(sqlite_store: Store, http_server: Any) -> None:
    from test_collectors_fakes import FakeRss

    mastodon, rss = FakeMastodon(http_server, 2), FakeRss(http_server, 1)
    tables = [{"name": "m", "type": "mastodon", "servers": [mastodon.url], "keep_raw": True},
              {"name": "r", "type": "rss", "url": f"{rss.url}/feed.xml", "keep_raw": True},
              {"name": "plain", "type": "mastodon", "servers": [mastodon.url]}]  # fmt: skip
    run(sqlite_store, tables)
    [first, _] = sorted(rows(sqlite_store, "m"), key=lambda r: r["created_at"])
    assert first["raw"]["uri"] == mastodon.uri(0) and first["raw"]["account"]["acct"] == "u0"
    assert rows(sqlite_store, "r")[0]["raw"]["id"] == "carenews-0"
    assert all(r["raw"] is None for r in rows(sqlite_store, "plain"))
