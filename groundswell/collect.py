"""Run collectors: each source concurrently within bounds, each page saved with its cursor.

One slow or failing source never holds up or stops the others; each run is recorded with its
outcome (ok, or the typed error and why).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass

import httpx

from .collectors import build_collector
from .config import Config, SourceConfig
from .errors import CollectorError
from .http import HttpSession, make_client
from .store import Store

__all__ = ["RunResult", "collect_sources", "http_session"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunResult:
    source: str
    new: int
    duplicates: int
    error: str | None = None
    error_kind: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def http_session(config: Config, client: httpx.Client | None = None) -> HttpSession:
    client = client or make_client(config.http.user_agent, config.http.contact, config.http.timeout)
    return HttpSession(
        client, max_body_bytes=config.http.max_body_bytes, max_retry_seconds=config.http.max_retry_seconds
    )


def collect_source(config: Config, store: Store, source: SourceConfig, http: HttpSession) -> RunResult:
    run_id = store.start_run(source.name)
    new = dups = 0
    try:
        collector = build_collector(source, config)
        for page in collector.collect(http, store.get_cursor(source.name)):
            if page.snapshots:
                store.save_petition_snapshots(source.name, page.snapshots)
            saved = store.save_page(source.name, page.posts, page.cursor)
            new += saved.new
            dups += saved.duplicates
    except CollectorError as exc:
        store.finish_run(run_id, new, exc)
        log.warning("source %s failed: %s", source.name, exc)
        return RunResult(source.name, new, dups, str(exc), exc.kind)
    except Exception as exc:  # a bug in one collector must not stop the others
        exc.kind = "bug"  # type: ignore[attr-defined]
        store.finish_run(run_id, new, exc)
        log.exception("source %s crashed", source.name)
        return RunResult(source.name, new, dups, f"{type(exc).__name__}: {exc}", "bug")
    store.finish_run(run_id, new)
    return RunResult(source.name, new, dups)


def collect_sources(
    config: Config,
    store: Store,
    names: Sequence[str] | None = None,
    *,
    client: httpx.Client | None = None,
    on_done: Callable[[RunResult], None] | None = None,
) -> list[RunResult]:
    """Collect the named (default: all enabled) sources, ``config.http.concurrency`` at a time."""
    sources = [config.source(n) for n in names] if names else [s for s in config.sources if s.enabled]
    http = http_session(config, client)
    results: list[RunResult] = []
    try:
        with ThreadPoolExecutor(max_workers=max(1, min(config.http.concurrency, len(sources) or 1))) as pool:
            futures = [pool.submit(collect_source, config, store, s, http) for s in sources]
            for future in as_completed(futures):
                result = future.result()
                results.append(result)
                if on_done:
                    on_done(result)
    finally:
        if client is None:
            http.client.close()
    return sorted(results, key=lambda r: r.source)
