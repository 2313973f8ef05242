"""A real crash between pages: `groundswell collect` runs in a child process, the server holds
page 2 until the child is killed with SIGKILL, then collection runs again. The store must then
equal the store of a run that was never interrupted: nothing lost, nothing twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from conftest import LocalServer, Reply
from test_collectors_fakes import FakeDiscourse, FakeMastodon
from test_collectors_kit import make_config, make_session

from groundswell import collect
from groundswell.collect import collect_sources
from groundswell.store import Store, posts

FIELDS = ("source", "native_id", "text", "url", "author", "likes", "reposts", "replies", "lang")


def snapshot(store: Store) -> tuple[list[tuple[Any, ...]], dict[str, Any]]:
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(*(posts.c[f] for f in FIELDS), posts.c.created_at)).all()
    found = sorted((*row[:-1], row[-1].replace(tzinfo=None)) for row in rows)
    return found, {name: store.get_cursor(name) for name in ("mastodon", "discourse")}


def serve(server: LocalServer) -> tuple[list[dict[str, Any]], threading.Event, threading.Event]:
    """Mastodon (3 pages) and Discourse on the server; Mastodon's page 2 waits for ``release``."""
    mastodon, discourse = FakeMastodon(server, 8), FakeDiscourse(server, 7)
    tables = [{"name": "mastodon", "type": "mastodon", "servers": [mastodon.url], "limit": 3},
              {"name": "discourse", "type": "discourse", "base_url": discourse.url, "page_size": 5}]  # fmt: skip
    reached, release = threading.Event(), threading.Event()
    page = server.routes["/mastodon/api/v1/timelines/tag/socialcare"]

    def held(handler: Any) -> Reply:
        if "max_id=" in handler.path and not release.is_set():
            reached.set()
            release.wait(60)
        return page(handler)

    server.routes["/mastodon/api/v1/timelines/tag/socialcare"] = held
    return tables, reached, release


def test_kill_between_pages_then_rerun_equals_an_uninterrupted_run(
    store_url: str, tmp_path: Path, http_server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    tables, reached, release = serve(http_server)
    config_file = tmp_path / "groundswell.toml"
    lines = ["[topics]", 'hashtags = ["socialcare", "carers"]', 'keywords = ["carers"]', ""]
    for table in tables:
        lines.append("[[sources]]")
        lines += [f"{k} = {_toml(v)}" for k, v in table.items()]
    config_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    Store.open(store_url).close()  # migrate before the child starts
    env = {**os.environ, "GROUNDSWELL_DATABASE_URL": store_url, "GROUNDSWELL_CONFIG": str(config_file)}
    child = subprocess.Popen([sys.executable, "-c", "from groundswell.cli import main; main()", "collect"],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    try:
        assert reached.wait(60), child.stderr.read().decode() if child.poll() is not None else "no page 2"
        crashed = Store.open(store_url)
        deadline = time.monotonic() + 20
        while crashed.count_posts(source="discourse") < 7 and time.monotonic() < deadline:
            time.sleep(0.05)  # the other source finishes while Mastodon waits
        before_kill = crashed.count_posts(source="mastodon")
        cursor = crashed.get_cursor("mastodon")
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
        release.set()
    assert child.returncode == -signal.SIGKILL
    assert before_kill == 3  # page 1 was committed with its cursor before page 2 was asked for
    assert cursor["streams"][f"{http_server.url}/mastodon"]["walk"]["next"] == "1050"

    monkeypatch.setattr(collect, "STALE_RUN", timedelta(0))  # the killed run is long dead
    session = make_session()
    try:
        results = collect_sources(make_config(tables), crashed, http=session)
        clean = Store.open(f"sqlite:///{tmp_path / 'clean.db'}")
        collect_sources(make_config(tables), clean, http=session)
    finally:
        session.client.close()
    assert all(r.ok for r in results)
    assert {r.source: r.new for r in results} == {"mastodon": 5, "discourse": 0}
    assert snapshot(crashed) == snapshot(clean)
    assert crashed.count_posts() == 15
    runs = sorted((r["status"], r["error_kind"] or "") for r in crashed.runs_between(_long_ago(), _far_off()))
    assert runs == [("failed", "interrupted"), ("ok", ""), ("ok", ""), ("ok", "")]  # the killed run, closed
    crashed.close()
    clean.close()


def _toml(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return str(value) if isinstance(value, int) else f'"{value}"'


def _long_ago():  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    return datetime(2000, 1, 1, tzinfo=UTC)


def _far_off():  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    return datetime(2100, 1, 1, tzinfo=UTC)
