"""The fault matrix: every fault against every collector, each on its own local server, run
together with healthy sources. No crash, the right error kind recorded against the faulty
source's run, and the healthy sources' posts stored."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from conftest import LocalServer, Reply
from test_collectors_fakes import FakeMastodon, FakeRss
from test_collectors_kit import FAKES, SECRETS, SOURCE_OPTIONS, FakeTime, make_config, make_session

from groundswell.collect import collect_sources
from groundswell.collectors.bluesky import forget_sessions
from groundswell.collectors.reddit import forget_tokens
from groundswell.store import Store

HTML = b"<!DOCTYPE html><html><head><title>503</title></head><body>Down for maintenance</body></html>"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _json(status: int, data: Any, **headers: str) -> Reply:
    return Reply(status, json.dumps(data).encode(), {"Content-Type": "application/json", **headers})


def _malformed(kind: str) -> Reply:
    if kind == "rss":
        cut = b"<?xml version='1.0'?><rss><channel><item><title>cut"
        return Reply(200, cut, {"Content-Type": "application/rss+xml"})
    return Reply(200, b'{"posts": [{"id": 1, "text": "cut', {"Content-Type": "application/json"})


# fault name -> (reply for a collector kind, the error kind every collector must record)
FAULTS: dict[str, tuple[Callable[[str], Reply], str]] = {
    "oversized body": (lambda kind: Reply(200, b"[" + b"0," * 6000 + b"0]", {"Content-Type": "application/json"}),
                       "too_large"),
    "wrong content type": (lambda kind: Reply(200, PNG, {"Content-Type": "image/png"}), "content_type"),
    "malformed body": (_malformed, "parse"),
    "HTML error page with 200": (lambda kind: Reply(200, HTML, {"Content-Type": "text/html"}), "error_page"),
    "redirect loop": (lambda kind: Reply(302, b"", {"Location": "/loop"}), "redirect_loop"),
    "revoked credentials": (lambda kind: _json(401, {"error": "InvalidToken", "message": "Token revoked"}), "auth"),
    "expired credentials": (lambda kind: _json(401, {"error": "invalid_token", "error_description": "expired"},
                                               **{"WWW-Authenticate": 'Bearer error="invalid_token"'}), "auth"),
    "429 with Retry-After": (lambda kind: _json(429, {"error": "RateLimitExceeded"}, **{"Retry-After": "3600"}),
                             "rate_limited"),
    "5xx": (lambda kind: Reply(503, b"Service Unavailable", {"Content-Type": "text/plain"}), "unavailable"),
    "timeout": (lambda kind: Reply(200, b"{}", {"Content-Type": "application/json"}, delay=1.0), "timeout"),
}  # fmt: skip


class AllPaths(dict):  # type: ignore[type-arg]
    """Routes that answer every path with the current fault."""

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind
        self.fault: Callable[[str], Reply] | None = None

    def get(self, path: str, default: Any = None) -> Any:
        return (lambda handler: self.fault(self.kind)) if self.fault else default


@pytest.fixture(scope="module")
def fault_servers() -> Iterator[dict[str, LocalServer]]:
    servers = {}
    for kind in FAKES:
        server = LocalServer()
        server.routes = AllPaths(kind)
        servers[kind] = server.start()
    yield servers
    for server in servers.values():
        server.stop()


@pytest.mark.parametrize("fault", list(FAULTS))
def test_every_collector_survives(fault: str, fault_servers: dict[str, LocalServer], sqlite_store: Store,
                                  http_server: LocalServer, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    for key, value in SECRETS.items():
        monkeypatch.setenv(key, value)
    forget_sessions()
    forget_tokens()
    reply, expected = FAULTS[fault]
    tables = []
    for kind, server in fault_servers.items():
        server.routes.fault = reply
        tables.append({"name": f"bad-{kind}", "type": kind, **SOURCE_OPTIONS[kind](server.url)})
    rss, mastodon = FakeRss(http_server, 3), FakeMastodon(http_server, 4)
    tables += [{"name": "good-rss", "type": "rss", **SOURCE_OPTIONS["rss"](rss.url)},
               {"name": "good-mastodon", "type": "mastodon", **SOURCE_OPTIONS["mastodon"](mastodon.url)}]  # fmt: skip
    session = make_session(FakeTime(), timeout=0.3, max_body_bytes=8192, max_retry_seconds=30, max_attempts=3)
    started = datetime.now(UTC)
    try:
        results = {r.source: r for r in collect_sources(make_config(tables), sqlite_store, http=session)}
    finally:
        session.client.close()

    wrong = {name: (r.error_kind, r.error) for name, r in results.items()
             if name.startswith("bad-") and r.error_kind != expected}  # fmt: skip
    assert not wrong, f"{fault}: expected {expected}, got {wrong}"
    runs = {r["source"]: r for r in sqlite_store.runs_between(started, datetime(2100, 1, 1, tzinfo=UTC))}
    for kind in FAKES:
        run = runs[f"bad-{kind}"]
        assert run["status"] == "failed" and run["error_kind"] == expected and run["finished_at"]
        assert run["error"] and "Traceback" not in run["error"]
    assert results["good-rss"].ok and results["good-mastodon"].ok
    assert sqlite_store.count_posts(source="good-rss") == 3
    assert sqlite_store.count_posts(source="good-mastodon") == 4
    assert sum(sqlite_store.count_posts(source=f"bad-{kind}") for kind in FAKES) == 0


def _break(fake: Any, method: str, damage: Callable[[dict[str, Any]], None]) -> None:
    """Make item 1 of a fake malformed, the rest good."""
    build = getattr(fake, method)

    def broken(i: int) -> dict[str, Any]:
        item = build(i)
        if i == 1:
            damage(item)
        return item

    setattr(fake, method, broken)


# collector -> (item builder on its fake, how item 1 is damaged)
DAMAGE: dict[str, tuple[str, Callable[[dict[str, Any]], None]]] = {
    "mastodon": ("status", lambda s: s.update(uri=None, created_at="not a time")),
    "bluesky": ("view", lambda v: v.update(record=None)),
    "reddit": ("child", lambda c: c["data"].update(created_utc="soon")),
    "discourse": ("post", lambda p: p.update(created_at="last Tuesday")),
    "gdelt": ("article", lambda a: a.update(seendate="yesterday")),
    "petitions": ("petition", lambda p: p["attributes"].update(opened_at="soon", created_at=None)),
    "lemmy": ("view", lambda v: v["post"].update(ap_id=None)),
    "hackernews": ("hit", lambda h: h.update(created_at_i="x")),
}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_one_malformed_item_costs_only_itself(kind: str, sqlite_store: Store, http_server: LocalServer,
                                              monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    for key, value in SECRETS.items():
        monkeypatch.setenv(key, value)
    forget_sessions()
    forget_tokens()
    fake = FAKES[kind](http_server, 4)
    _break(fake, *DAMAGE[kind])
    table = {"name": kind, "type": kind, **SOURCE_OPTIONS[kind](fake.url)}
    if kind == "discourse":
        table["queries"] = []  # search results carry no created_at damage of their own
    session = make_session(FakeTime())
    try:
        [result] = collect_sources(make_config([table]), sqlite_store, http=session)
    finally:
        session.client.close()
    assert result.error_kind == "parse" and result.error.startswith("1 malformed item(s) skipped"), result.error
    assert sqlite_store.count_posts(source=kind) == 3  # the three good items are kept
