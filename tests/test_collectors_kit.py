"""Sessions, clocks and configs for collector tests, and one healthy source table per fake."""

from __future__ import annotations

from typing import Any

from test_collectors_fakes import (
    Fake,
    FakeBluesky,
    FakeDiscourse,
    FakeGdelt,
    FakeHackerNews,
    FakeLemmy,
    FakeMastodon,
    FakePetitions,
    FakeReddit,
    FakeRss,
)


class FakeTime:
    """A clock that moves only when something sleeps: backoff and pacing cost no real time.

    Real time still passes underneath (timeouts are real), so ``now`` is monotonic + offset.
    """

    def __init__(self) -> None:
        import threading
        import time

        self._offset = 0.0
        self._lock = threading.Lock()
        self._monotonic = time.monotonic
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self._monotonic() + self._offset

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            self._offset += max(0.0, seconds)


def make_session(fake_time: FakeTime | None = None, *, timeout: float = 5.0, max_body_bytes: int = 2_000_000,
                 max_retry_seconds: float = 60.0, max_attempts: int = 3):  # type: ignore[no-untyped-def]  # fmt: skip
    from groundswell.http import HttpSession, make_client

    fake_time = fake_time or FakeTime()
    client = make_client("Groundswell tests", "tests@example.org", timeout=timeout)
    return HttpSession(client, max_body_bytes=max_body_bytes, max_retry_seconds=max_retry_seconds,
                       max_attempts=max_attempts, sleep=fake_time.sleep, clock=fake_time.clock)  # fmt: skip


def make_config(sources: list[dict[str, Any]], **http: Any):  # type: ignore[no-untyped-def]
    from groundswell.config import config_from_dict

    data = {"topics": {"keywords": ["carers"], "hashtags": ["socialcare", "carers"]},
            "http": {"concurrency": 8, **http}, "sources": sources}  # fmt: skip
    return config_from_dict(data)


def source_tables(fakes: dict[str, Fake]) -> list[dict[str, Any]]:
    """One healthy ``[[sources]]`` table per fake, named after its service."""
    tables = []
    for name, fake in fakes.items():
        kind = name.split("-")[0]
        table: dict[str, Any] = {"name": name, "type": kind}
        table.update(SOURCE_OPTIONS[kind](fake.url))
        tables.append(table)
    return tables


SOURCE_OPTIONS: dict[str, Any] = {
    "rss": lambda url: {"url": f"{url}/feed.xml"},
    "mastodon": lambda url: {"servers": [url], "limit": 3},
    "bluesky": lambda url: {"pds_url": url, "handle": "ourorg.bsky.social", "app_password_env": "GS_TEST_BSKY",
                            "limit": 4},
    "reddit": lambda url: {"api_url": url, "token_url": f"{url}/api/v1/access_token", "client_id_env": "GS_TEST_RID",
                           "client_secret_env": "GS_TEST_RSECRET", "subreddits": ["CaregiverSupport"], "limit": 4},
    "discourse": lambda url: {"base_url": url, "queries": ["carers"], "page_size": 5},
    "gdelt": lambda url: {"api_url": f"{url}/api/v2/doc/doc", "queries": ["carers"], "sourcecountry": None},
    "petitions": lambda url: {"base_url": url, "queries": ["carers"]},
    "lemmy": lambda url: {"base_url": url, "communities": ["socialcare"], "limit": 4},
    "hackernews": lambda url: {"api_url": url, "queries": ["social care"], "hits_per_page": 4},
}  # fmt: skip

FAKES: dict[str, type[Fake]] = {
    "rss": FakeRss, "mastodon": FakeMastodon, "bluesky": FakeBluesky, "reddit": FakeReddit,
    "discourse": FakeDiscourse, "gdelt": FakeGdelt, "petitions": FakePetitions, "lemmy": FakeLemmy,
    "hackernews": FakeHackerNews,
}  # fmt: skip

SECRETS = {"GS_TEST_BSKY": "app-pass", "GS_TEST_RID": "cid", "GS_TEST_RSECRET": "csecret"}
