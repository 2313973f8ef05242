"""Benchmark concurrent collection: 20 sources x 3 pages from local servers that answer every
request after 200 ms. Prints the wall time of collecting all of them together against the
slowest single source collected alone (goal: under 2x).

    .venv/bin/python scripts/bench_collect.py [--concurrency 4 8 24] [--same-host] [--database-url URL]

Each source gets its own server (its own host:port, as real sources mostly are); with
``--same-host`` all twenty share one server, so the per-host bound (``http.per_host``) applies.
The fake services are the ones the tests use (tests/test_collectors_fakes.py).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from conftest import LocalServer  # noqa: E402
from test_collectors_fakes import (  # noqa: E402
    FakeDiscourse,
    FakeHackerNews,
    FakeLemmy,
    FakeMastodon,
)
from test_collectors_kit import SOURCE_OPTIONS  # noqa: E402

from groundswell.collect import collect_sources, http_session  # noqa: E402
from groundswell.config import config_from_dict  # noqa: E402
from groundswell.store import Store  # noqa: E402

DELAY = 0.2
# type -> (fake, items, options) chosen so that each source takes exactly 3 pages
KINDS: dict[str, tuple[Any, int, dict[str, Any]]] = {
    "discourse": (FakeDiscourse, 12, {"queries": []}),  # latest only: 5 + 5 + 2 posts
    "lemmy": (FakeLemmy, 10, {}),  # 4 + 4 + 2
    "hackernews": (FakeHackerNews, 10, {}),  # 4 + 4 + 2
    "mastodon": (FakeMastodon, 8, {}),  # 3 + 3 + 2 (plus one /api/v2/instance check)
}


def slow_routes(server: LocalServer) -> None:
    """Every route answers after DELAY seconds."""
    for path, route in list(server.routes.items()):
        server.routes[path] = (lambda r: lambda handler: dataclasses.replace(r(handler), delay=DELAY))(route)


def build(same_host: bool) -> tuple[list[LocalServer], list[dict[str, Any]]]:
    servers: list[LocalServer] = []
    tables = []
    shared = LocalServer().start() if same_host else None
    if shared:
        servers.append(shared)
    for index in range(20):
        kind = list(KINDS)[index % len(KINDS)]
        fake_cls, items, options = KINDS[kind]
        server = shared or LocalServer().start()
        if not shared:
            servers.append(server)
        fake = fake_cls(server, items, f"/{kind}{index}")
        tables.append({"name": f"{kind}-{index}", "type": kind, **SOURCE_OPTIONS[kind](fake.url), **options})
    for server in servers:
        slow_routes(server)
    return servers, tables


def collect(tables: list[dict[str, Any]], concurrency: int, url: str | None) -> tuple[float, int, int]:
    config = config_from_dict({"topics": {"hashtags": ["socialcare", "carers"], "keywords": ["carers"]},
                               "http": {"concurrency": concurrency}, "sources": tables})  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(url or f"sqlite:///{Path(folder) / 'bench.db'}")
        if url:  # a shared database: start from empty cursors and posts
            with store.engine.begin() as conn:
                for table in ("posts", "cursors", "collection_runs"):
                    conn.exec_driver_sql(f"DELETE FROM {table}")
        session = http_session(config)
        started = time.perf_counter()
        results = collect_sources(config, store, http=session)
        wall = time.perf_counter() - started
        session.client.close()
        store.close()
    failed = [r for r in results if not r.ok]
    if failed:
        raise SystemExit(f"bench sources failed: {[(r.source, r.error) for r in failed]}")
    return wall, sum(r.new for r in results), sum(r.pages for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--concurrency", type=int, nargs="*", help="values to compare (default: the config default)")
    parser.add_argument("--same-host", action="store_true", help="all sources on one server")
    parser.add_argument("--database-url", help="store URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    default = config_from_dict({}).http.concurrency
    levels = args.concurrency or [default]
    servers, tables = build(args.same_host)
    try:
        collect(tables[:1], 1, args.database_url)  # warm up: imports, first connections
        singles = {}
        for table in tables:
            singles[table["name"]] = collect([table], 1, args.database_url)[0]
        slowest_name = max(singles, key=singles.__getitem__)
        slowest = singles[slowest_name]
        print(f"20 sources x 3 pages, {DELAY * 1000:.0f} ms a request, "
              f"{'one shared host' if args.same_host else 'one host per source'}")  # fmt: skip
        print(f"slowest single source alone: {slowest:.2f} s ({slowest_name}); "
              f"sum of all alone: {sum(singles.values()):.2f} s")  # fmt: skip
        print(f"{'concurrency':>11}  {'wall s':>7}  {'x slowest':>9}  {'posts':>5}  {'pages':>5}")
        for level in levels:
            wall, posts, pages = collect(tables, level, args.database_url)
            mark = "  (config default)" if level == default else ""
            print(f"{level:>11}  {wall:>7.2f}  {wall / slowest:>9.2f}  {posts:>5}  {pages:>5}{mark}")
    finally:
        for server in servers:
            server.stop()


if __name__ == "__main__":
    main()
