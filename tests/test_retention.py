"""Retention: old post text, handles and payloads go; counts, labels and weekly aggregates stay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from groundswell.config import load_config
from groundswell.posts import Post
from groundswell.scheduler import retention_job, run_retention
from groundswell.store import Store, posts

NOW = datetime(2026, 11, 26, 3, 30, tzinfo=UTC)


def _post(native_id: str, age_days: float, text: str) -> Post:
    return Post(
        source="forum",
        native_id=native_id,
        created_at=NOW - timedelta(days=age_days),
        text=text,
        title=f"Thread {native_id}",
        url=f"https://forum.example.org/t/{native_id}",
        author=f"carer_{native_id}",
        author_name=f"Carer {native_id}",
        raw={"id": native_id, "cooked": f"<p>{text}</p>"},
    )


def _rows(store: Store) -> dict[str, dict]:
    with store.engine.connect() as conn:
        return {r.native_id: dict(r._mapping) for r in conn.execute(sa.select(posts))}


def test_purge_keeps_recent_posts_labels_and_weekly_aggregates(tmp_path: Path, store: Store) -> None:
    config_path = tmp_path / "groundswell.toml"
    config_path.write_text("[store]\nretention_days = 30\n", encoding="utf-8")
    config = load_config(config_path)
    store.add_posts([
        _post("old", 45, "Respite was cancelled again and nobody from the council called back about it."),
        _post("edge", 30.01, "Our carers' group met at the library today, twelve of us, good to talk honestly."),
        _post("new", 29.9, "The care agency changed the rota again so Mum had four different carers this week."),
    ])  # fmt: skip
    ids = {native: row["id"] for native, row in _rows(store).items()}
    store.save_labels([
        {"post_id": ids[n], "relevant": True, "relevance": 0.9, "themes": ["unpaid_carers"], "sentiment": "negative",
         "sentiment_score": 0.8, "voice": "carer", "model_version": "test"}
        for n in ids
    ])  # fmt: skip
    store.save_weekly("aggregates", "2026-W40", {"volume": {"posts": 3}})

    assert run_retention(config, store, now=NOW) == 2
    rows = _rows(store)
    for native in ("old", "edge"):
        row = rows[native]
        assert row["purged"] is True
        assert row["text"] is None and row["title"] is None and row["raw"] is None
        assert row["author"] is None and row["author_name"] is None and row["url"] is None
        assert row["content_hash"]  # de-duplication still works on purged rows
    kept = rows["new"]
    assert kept["purged"] is False
    assert kept["text"].startswith("The care agency changed the rota")
    assert kept["author"] == "carer_new" and kept["raw"] == {"id": "new", "cooked": f"<p>{kept['text']}</p>"}

    assert store.count_posts() == 3  # weekly counts still see every post
    assert store.load_weekly("aggregates", "2026-W40") == {"volume": {"posts": 3}}
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("select count(*) from labels")).scalar_one() == 3
    assert run_retention(config, store, now=NOW) == 0  # idempotent
    assert [pid for pid, _ in store.unlabelled_posts(model_version="other")] == [ids["new"]]


def test_retention_job_reads_the_config_it_is_given(tmp_path: Path, sqlite_url: str) -> None:
    config_path = tmp_path / "groundswell.toml"
    config_path.write_text(f'[store]\nurl = "{sqlite_url}"\nretention_days = 90\n', encoding="utf-8")
    store = Store.open(sqlite_url)
    try:
        now = datetime.now(UTC)
        store.add_posts([
            Post(source="rss", native_id="a", created_at=now - timedelta(days=120), text="Care home closure announced"),
            Post(source="rss", native_id="b", created_at=now - timedelta(days=10), text="New carers hub opens"),
        ])  # fmt: skip
        assert retention_job(str(config_path)) == "retention: 1 posts purged (older than 90 days)"
        assert retention_job(str(config_path)) == "retention: 0 posts purged (older than 90 days)"
        assert {r["native_id"]: r["purged"] for r in _rows(store).values()} == {"a": True, "b": False}
        assert load_config(config_path).store.retention_days == 90
    finally:
        store.close()
