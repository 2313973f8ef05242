"""Run collectors: each source concurrently within bounds, each page saved with its cursor.

One slow or failing source never holds up or stops the others; each run is recorded with its
outcome (ok, or the typed error and why). Collection is I/O-bound, so sources run in threads
(``http.concurrency`` at once) sharing one polite :class:`HttpSession`, which paces each host.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import timedelta

import httpx

from .collectors import build_collector
from .config import Config, SourceConfig
from .errors import CollectorError, ConfigError
from .http import HttpSession, make_client
from .store import Store, utcnow

__all__ = ["RunResult", "collect_source", "collect_sources", "http_session"]

log = logging.getLogger(__name__)

# A run still 'running' after this long belongs to a process that died: retries and pages are
# bounded, so no live run comes near it.
STALE_RUN = timedelta(hours=6)


@dataclass(frozen=True)
class RunResult:
    source: str
    new: int
    duplicates: int
    error: str | None = None
    error_kind: str | None = None
    pages: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None


def http_session(config: Config, client: httpx.Client | None = None) -> HttpSession:
    """The session a run shares, built from ``[http]``."""
    client = client or make_client(config.http.user_agent, config.http.contact, config.http.timeout)
    return HttpSession(
        client,
        max_body_bytes=config.http.max_body_bytes,
        max_retry_seconds=config.http.max_retry_seconds,
        per_host=config.http.per_host,
    )


def collect_source(config: Config, store: Store, source: SourceConfig, http: HttpSession) -> RunResult:
    """Collect one source; every failure becomes a recorded run, never an exception."""
    store.close_stale_runs(source.name, utcnow() - STALE_RUN)
    run_id = store.start_run(source.name)
    new = dups = pages = 0
    try:
        collector = build_collector(source, config)
        for page in collector.collect(http, store.get_cursor(source.name)):
            if page.snapshots:
                store.save_petition_snapshots(source.name, page.snapshots)
            if page.series:
                store.save_tone(source.name, page.series)
            saved = store.save_page(source.name, page.posts, page.cursor)
            new += saved.new
            dups += saved.duplicates
            pages += 1
    except (CollectorError, ConfigError) as exc:
        kind = getattr(exc, "kind", "config")
        exc.kind = kind  # type: ignore[union-attr]
        store.finish_run(run_id, new, exc)
        # the caller reports the result (the CLI prints it, the scheduler logs its job's outcome)
        log.info("source %s failed (%s): %s", source.name, kind, exc)
        return RunResult(source.name, new, dups, str(exc), kind, pages)
    except Exception as exc:  # a bug in one collector must not stop the others
        exc.kind = "bug"  # type: ignore[attr-defined]
        store.finish_run(run_id, new, exc)
        log.exception("source %s crashed", source.name)
        return RunResult(source.name, new, dups, f"{type(exc).__name__}: {exc}", "bug", pages)
    store.finish_run(run_id, new)
    return RunResult(source.name, new, dups, pages=pages)


def collect_sources(
    config: Config,
    store: Store,
    names: Sequence[str] | None = None,
    *,
    client: httpx.Client | None = None,
    http: HttpSession | None = None,
    on_done: Callable[[RunResult], None] | None = None,
) -> list[RunResult]:
    """Collect the named (default: all enabled) sources, ``config.http.concurrency`` at a time.

    Pass ``http`` to share a session (tests give one with a fake sleep), or ``client`` to wrap
    an existing ``httpx.Client``; otherwise a session is built from config and closed after.
    """
    # a name given twice is collected once: two runs of one source would race for its cursor
    sources = [config.source(n) for n in dict.fromkeys(names)] if names else [s for s in config.sources if s.enabled]
    own = http is None and client is None
    session = http or http_session(config, client)
    results: list[RunResult] = []
    try:
        workers = max(1, min(config.http.concurrency, len(sources) or 1))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="collect") as pool:
            futures = [pool.submit(collect_source, config, store, s, session) for s in sources]
            try:
                for future in as_completed(futures):
                    result = future.result()
                    results.append(result)
                    if on_done:
                        on_done(result)
            except BaseException:  # Ctrl-C: sources not yet started never start; running ones finish
                for future in futures:
                    future.cancel()
                raise
    finally:
        if own:
            session.client.close()
    return sorted(results, key=lambda r: r.source)
