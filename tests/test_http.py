"""The polite HTTP session: identification, Retry-After, rate-limit headers of each service,
per-host pacing and concurrency, bounded retries, size and type checks."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import httpx
import pytest
from conftest import LocalServer, Reply
from test_collectors_kit import FakeTime, make_session

from groundswell.errors import BodyTooLarge, ErrorPage, RateLimited, SourceUnavailable, WrongContentType
from groundswell.http import SHARED_LEDGER, HostLedger, HttpSession, make_client

JSON = {"Content-Type": "application/json"}


def sequence(*replies: Reply) -> Any:
    """A route that answers with each reply in turn, then repeats the last."""
    queue = list(replies)

    def route(handler: Any) -> Reply:
        return queue.pop(0) if len(queue) > 1 else queue[0]

    return route


def test_user_agent_names_the_project_and_a_contact(http_server: LocalServer) -> None:
    http_server.routes["/ua"] = Reply(200, b"{}", JSON)
    with make_client("Groundswell care-signal monitor", "digital@example.org") as client:
        HttpSession(client).get(f"{http_server.url}/ua")
    agent = http_server.requests[-1][2]["User-Agent"]
    assert agent.startswith("Groundswell care-signal monitor groundswell/") and "digital@example.org" in agent


@pytest.mark.parametrize("header", ["7", "date"])
def test_retry_after_is_honoured(http_server: LocalServer, header: str) -> None:
    value = "7" if header == "7" else format_datetime(datetime.now(UTC) + timedelta(seconds=8), usegmt=True)
    http_server.routes["/busy"] = sequence(Reply(429, b"{}", {**JSON, "Retry-After": value}), Reply(200, b"[]", JSON))
    clock = FakeTime()
    session = make_session(clock)
    assert session.get(f"{http_server.url}/busy").json() == []
    assert len(http_server.requests) == 2
    assert 5.5 <= sum(clock.sleeps) <= 8.5  # waited as told (less the time the request itself took)


def test_retry_after_beyond_the_budget_gives_up_at_once(http_server: LocalServer) -> None:
    http_server.routes["/busy"] = Reply(429, b"{}", {**JSON, "Retry-After": "900"})
    session = make_session(max_retry_seconds=60)
    with pytest.raises(RateLimited, match="Retry-After 900s is beyond our limit"):
        session.get(f"{http_server.url}/busy")
    assert len(http_server.requests) == 1


def test_mastodon_iso_reset_holds_the_host_until_then(http_server: LocalServer) -> None:
    reset = (datetime.now(UTC) + timedelta(seconds=30)).isoformat().replace("+00:00", "Z")
    spent = {**JSON, "X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset}
    http_server.routes["/api/v1/timelines/tag/carers"] = Reply(200, b"[]", spent)
    clock = FakeTime()
    session = make_session(clock)
    session.get(f"{http_server.url}/api/v1/timelines/tag/carers")
    assert clock.sleeps == []
    session.get(f"{http_server.url}/api/v1/timelines/tag/carers")
    assert 28 <= sum(clock.sleeps) <= 30.5  # the second call waited for the reset


def test_reddit_seconds_reset_beyond_the_budget_is_rate_limited(http_server: LocalServer) -> None:
    spent = {**JSON, "x-ratelimit-used": "100", "x-ratelimit-remaining": "0.0", "x-ratelimit-reset": "500"}
    http_server.routes["/r/carers/new"] = Reply(200, b"{}", spent)
    session = make_session(max_retry_seconds=120)
    session.get(f"{http_server.url}/r/carers/new")
    with pytest.raises(RateLimited, match="asked us to wait"):
        session.get(f"{http_server.url}/r/carers/new")
    assert len(http_server.requests) == 1  # the second request was never sent


def test_nearly_spent_quota_is_spread_over_the_reset(http_server: LocalServer) -> None:
    low = {**JSON, "x-ratelimit-remaining": "4", "x-ratelimit-reset": "50"}
    http_server.routes["/low"] = Reply(200, b"{}", low)
    clock = FakeTime()
    session = make_session(clock)
    for _ in range(3):
        session.get(f"{http_server.url}/low")
    assert len(clock.sleeps) == 2 and all(9 <= s <= 10 for s in clock.sleeps)  # 50 s / (4 + 1)


def test_server_errors_back_off_with_jitter_within_the_budget(http_server: LocalServer) -> None:
    http_server.routes["/down"] = Reply(502, b"bad gateway", {"Content-Type": "text/plain"})
    clock = FakeTime()
    session = make_session(clock, max_retry_seconds=10, max_attempts=20)
    with pytest.raises(SourceUnavailable, match="answered 502 after"):
        session.get(f"{http_server.url}/down")
    assert 2 <= len(http_server.requests) < 20 and sum(clock.sleeps) <= 10
    for attempt, slept in enumerate(clock.sleeps, start=1):  # exponential, with ±50 % jitter
        assert 0.25 * 2 ** (attempt - 1) <= slept <= 0.75 * 2 ** (attempt - 1)


def test_min_interval_paces_one_host(http_server: LocalServer) -> None:
    http_server.routes["/doc"] = Reply(200, b"{}", JSON)
    clock = FakeTime()
    session = make_session(clock)
    session.set_min_interval(http_server.url, 5.0)
    arrivals = []
    for _ in range(4):
        session.get(f"{http_server.url}/doc")
        arrivals.append(clock.clock())
    assert all(b - a >= 4.95 for a, b in zip(arrivals, arrivals[1:], strict=False))


def test_per_host_concurrency_is_bounded(http_server: LocalServer) -> None:
    active, peak, lock = [0], [0], threading.Lock()

    def slow(handler: Any) -> Reply:
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        threading.Event().wait(0.15)
        with lock:
            active[0] -= 1
        return Reply(200, b"{}", JSON)

    http_server.routes["/slow"] = slow
    session = make_session()
    session.per_host = 2
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda _: session.get(f"{http_server.url}/slow"), range(8)))
    assert peak[0] == 2


def test_a_chunked_body_over_the_limit_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers=JSON, content=iter([b"[" + b"1," * 1000] * 10))  # no length

    session = HttpSession(httpx.Client(transport=httpx.MockTransport(handler)), max_body_bytes=5000)
    with pytest.raises(BodyTooLarge, match="exceeds the 5000-byte limit"):
        session.get("http://127.0.0.1/big")


def test_html_and_wrong_types_are_refused_but_a_mislabelled_feed_is_read(http_server: LocalServer) -> None:
    http_server.routes["/page"] = Reply(200, b"<!doctype html><html>Sign in</html>", JSON)
    http_server.routes["/csv"] = Reply(200, b"a,b\n1,2", {"Content-Type": "text/csv"})
    http_server.routes["/feed"] = Reply(200, b"<?xml version='1.0'?><rss/>", {"Content-Type": "text/html"})
    session = make_session()
    with pytest.raises(ErrorPage, match="an HTML page"):
        session.get(f"{http_server.url}/page")
    with pytest.raises(WrongContentType, match="expected JSON, got text/csv"):
        session.get(f"{http_server.url}/csv")
    assert session.get(f"{http_server.url}/feed", expect="xml").content.startswith(b"<?xml")


def test_sessions_share_one_ledger_so_pacing_spans_runs(http_server: LocalServer) -> None:
    http_server.routes["/doc"] = Reply(200, b"{}", JSON)
    clock, ledger = FakeTime(), HostLedger()
    with make_client("t", "t@example.org") as one, make_client("t", "t@example.org") as two:
        first = HttpSession(one, ledger=ledger, sleep=clock.sleep, clock=clock.clock)
        second = HttpSession(two, ledger=ledger, sleep=clock.sleep, clock=clock.clock)
        first.set_min_interval(http_server.url, 5.0)
        first.get(f"{http_server.url}/doc")
        second.get(f"{http_server.url}/doc")  # another run's session, same host: still paced
    assert len(clock.sleeps) == 1 and 4.9 <= clock.sleeps[0] <= 5.0
    assert HttpSession(httpx.Client()).ledger is SHARED_LEDGER  # real time: one ledger per process


def test_a_header_that_cannot_be_sent_fails_at_once_without_quoting_it(http_server: LocalServer) -> None:
    http_server.routes["/api"] = Reply(200, b"{}", JSON)
    session = make_session()
    with pytest.raises(SourceUnavailable) as info:
        session.get(f"{http_server.url}/api", headers={"Authorization": "Bearer s3cret-token\r\n"})
    assert "header value is not valid" in str(info.value)
    assert "s3cret" not in str(info.value)
    assert http_server.requests == []
