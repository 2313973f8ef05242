"""The store: the only code that writes SQL.

SQLAlchemy Core over a SQLite file (WAL mode) by default, or PostgreSQL by URL. The schema is
defined here once and migrated by Alembic (``groundswell/migrations``). Collected pages are
saved in one transaction together with the cursor that covers them, so a crash loses nothing
and duplicates nothing.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from .errors import StoreError
from .posts import Post, content_hash, jaccard, minhash_bands, pseudonymise, shingles

__all__ = ["SaveResult", "Store", "metadata"]

metadata = sa.MetaData()

UTCDateTime = sa.DateTime(timezone=True)

posts = sa.Table(
    "posts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source", sa.String(64), nullable=False),
    sa.Column("native_id", sa.String(512), nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("author", sa.String(256)),
    sa.Column("author_name", sa.String(256)),
    sa.Column("author_key", sa.String(64), nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("text", sa.Text),
    sa.Column("lang", sa.String(16)),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("collected_at", UTCDateTime, nullable=False),
    sa.Column("likes", sa.Integer, nullable=False, default=0),
    sa.Column("reposts", sa.Integer, nullable=False, default=0),
    sa.Column("replies", sa.Integer, nullable=False, default=0),
    sa.Column("content_hash", sa.String(40), nullable=False),
    sa.Column("band0", sa.Integer, nullable=False),
    sa.Column("band1", sa.Integer, nullable=False),
    sa.Column("band2", sa.Integer, nullable=False),
    sa.Column("band3", sa.Integer, nullable=False),
    sa.Column("duplicate_of", sa.Integer, sa.ForeignKey("posts.id", ondelete="SET NULL")),
    sa.Column("extra", sa.JSON),
    sa.Column("raw", sa.JSON),
    sa.Column("purged", sa.Boolean, nullable=False, default=False),
    sa.UniqueConstraint("source", "native_id", name="uq_posts_source_native"),
    sa.Index("ix_posts_created_at", "created_at"),
    sa.Index("ix_posts_content_hash", "content_hash"),
    sa.Index("ix_posts_band0", "band0"),
    sa.Index("ix_posts_band1", "band1"),
    sa.Index("ix_posts_band2", "band2"),
    sa.Index("ix_posts_band3", "band3"),
)

labels = sa.Table(
    "labels",
    metadata,
    sa.Column("post_id", sa.Integer, sa.ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("relevant", sa.Boolean, nullable=False),
    sa.Column("relevance", sa.Float, nullable=False),
    sa.Column("themes", sa.JSON, nullable=False),
    sa.Column("sentiment", sa.String(16), nullable=False),
    sa.Column("sentiment_score", sa.Float, nullable=False),
    sa.Column("voice", sa.String(16), nullable=False),
    sa.Column("model_version", sa.String(64), nullable=False),
    sa.Column("labelled_at", UTCDateTime, nullable=False),
)

feedback = sa.Table(
    "feedback",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("post_id", sa.Integer, sa.ForeignKey("posts.id", ondelete="SET NULL")),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("labels", sa.JSON, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

cursors = sa.Table(
    "cursors",
    metadata,
    sa.Column("source", sa.String(64), primary_key=True),
    sa.Column("value", sa.JSON, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)

collection_runs = sa.Table(
    "collection_runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source", sa.String(64), nullable=False),
    sa.Column("started_at", UTCDateTime, nullable=False),
    sa.Column("finished_at", UTCDateTime),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("items", sa.Integer, nullable=False, default=0),
    sa.Column("error_kind", sa.String(32)),
    sa.Column("error", sa.Text),
    sa.Index("ix_runs_source_started", "source", "started_at"),
)

petition_snapshots = sa.Table(
    "petition_snapshots",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source", sa.String(64), nullable=False),
    sa.Column("petition_id", sa.String(64), nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("signature_count", sa.Integer, nullable=False),
    sa.Column("taken_at", UTCDateTime, nullable=False),
    sa.UniqueConstraint("source", "petition_id", "taken_at", name="uq_petition_snapshot"),
)

news_tone = sa.Table(
    "news_tone",
    metadata,
    sa.Column("source", sa.String(64), primary_key=True),
    sa.Column("query", sa.String(512), primary_key=True),
    sa.Column("bucket_at", UTCDateTime, primary_key=True),
    sa.Column("tone", sa.Float, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)

movements = sa.Table(
    "movements",
    metadata,
    sa.Column("period", sa.String(10), primary_key=True),
    sa.Column("movement_id", sa.String(64), primary_key=True),
    sa.Column("data", sa.JSON, nullable=False),
)

weekly_aggregates = sa.Table(
    "weekly_aggregates",
    metadata,
    sa.Column("period", sa.String(10), primary_key=True),
    sa.Column("key", sa.String(128), primary_key=True),
    sa.Column("data", sa.JSON, nullable=False),
)

deliveries = sa.Table(
    "deliveries",
    metadata,
    sa.Column("period", sa.String(10), primary_key=True),
    sa.Column("recipient", sa.String(320), primary_key=True),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("message_id", sa.String(256)),
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("error", sa.Text),
    sa.Column("holder", sa.String(160)),
)

locks = sa.Table(
    "locks",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("holder", sa.String(128), nullable=False),
    sa.Column("expires_at", UTCDateTime, nullable=False),
)

NEAR_DUPLICATE_JACCARD = 0.6
NEAR_DUPLICATE_MIN_WORDS = 8
NEAR_DUPLICATE_CANDIDATES = 50
NEAR_DUPLICATE_WINDOW = timedelta(days=14)


def utcnow() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime | None) -> datetime | None:
    """SQLite hands datetimes back naive; they were stored as UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


@dataclass(frozen=True)
class SaveResult:
    new: int = 0
    updated: int = 0
    duplicates: int = 0

    def __add__(self, other: SaveResult) -> SaveResult:
        return SaveResult(self.new + other.new, self.updated + other.updated, self.duplicates + other.duplicates)


def _json_safe(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str)) if value is not None else None


class Store:
    """A Groundswell database. ``Store.open(url)`` migrates it to the current schema."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # Writes take SQLite's write lock up front (BEGIN IMMEDIATE), so two writers queue on
        # busy_timeout instead of failing when a read transaction upgrades to a write.
        self._writer = engine.execution_options(immediate=True)

    # --- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, url: str, *, migrate: bool = True) -> Store:
        try:
            engine = sa.create_engine(url, future=True, pool_pre_ping=True)
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise StoreError(f"cannot open store {_safe_url(url)}: {exc}") from exc
        if engine.dialect.name == "sqlite":
            folder = Path(engine.url.database or "").parent
            if engine.url.database not in (None, "", ":memory:") and not folder.is_dir():
                raise StoreError(f"cannot open store {_safe_url(url)}: the folder {folder} does not exist")
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
        store = cls(engine)
        if migrate:
            store.migrate()
        return store

    def migrate(self) -> None:
        from alembic import command
        from alembic.config import Config as AlembicConfig

        cfg = AlembicConfig()
        cfg.set_main_option("script_location", str(resources.files("groundswell") / "migrations"))
        try:
            with self._writer.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except (SQLAlchemyError, OSError) as exc:
            reason = getattr(exc, "orig", None) or exc  # the driver's words, not SQLAlchemy's wrapping
            raise StoreError(f"cannot open store {_safe_url(str(self.engine.url))}: {reason}") from exc

    def close(self) -> None:
        self.engine.dispose()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    # --- posts ---------------------------------------------------------------------------
    def save_page(self, source: str, page: Sequence[Post], cursor: dict[str, Any] | None = None) -> SaveResult:
        """Save a page of posts and, in the same transaction, the cursor that covers them."""
        with self._writer.begin() as conn:
            result = self._save_posts(conn, page)
            if cursor is not None:
                self._set_cursor(conn, source, cursor)
        return result

    def _save_posts(self, conn: Connection, page: Sequence[Post]) -> SaveResult:
        new = updated = dups = 0
        now = utcnow()
        for post in page:
            existing = conn.execute(
                sa.select(posts.c.id, posts.c.likes, posts.c.reposts, posts.c.replies).where(
                    posts.c.source == post.source, posts.c.native_id == post.native_id
                )
            ).first()
            if existing is not None:
                # Counts only grow: a later read that sees fewer (a deleted reply, a source
                # that stopped reporting) never undoes what was seen.
                old = tuple(existing[1:])
                counts = tuple(map(max, old, (post.likes, post.reposts, post.replies)))
                if counts != old:
                    conn.execute(
                        posts.update()
                        .where(posts.c.id == existing.id)
                        .values(likes=counts[0], reposts=counts[1], replies=counts[2])
                    )
                    updated += 1
                continue
            text = post.text or ""
            full = f"{post.title}\n{text}" if post.title and post.title not in text else text
            digest, grams = content_hash(full), shingles(full)
            b = minhash_bands(grams)
            duplicate_of = self._find_duplicate(conn, post, full, digest, grams, b)
            values = dict(
                source=post.source, native_id=post.native_id, url=post.url, author=post.author,
                author_name=post.author_name, author_key=pseudonymise(post.source, post.author, "store"),
                title=post.title, text=text, lang=post.lang, created_at=post.created_at,
                collected_at=now, likes=post.likes, reposts=post.reposts, replies=post.replies,
                content_hash=digest, band0=b[0], band1=b[1], band2=b[2], band3=b[3],
                duplicate_of=duplicate_of, extra=_json_safe(post.extra) or None,
                raw=_json_safe(post.raw), purged=False,
            )  # fmt: skip
            try:
                with conn.begin_nested():
                    conn.execute(posts.insert().values(**values))
            except IntegrityError:
                continue  # another writer saved the same post a moment ago
            new += 1
            dups += duplicate_of is not None
        return SaveResult(new, updated, dups)

    def _find_duplicate(
        self, conn: Connection, post: Post, text: str, digest: str, grams: set[str], b: tuple[int, ...]
    ) -> int | None:
        """The original this post repeats: same normalised words, or a near-copy (MinHash LSH
        candidates within two weeks, confirmed by bigram Jaccard similarity)."""
        window = (posts.c.created_at >= post.created_at - NEAR_DUPLICATE_WINDOW) & (
            posts.c.created_at <= post.created_at + NEAR_DUPLICATE_WINDOW
        )
        exact = conn.execute(
            sa.select(posts.c.id, posts.c.duplicate_of)
            .where(posts.c.content_hash == digest, window)
            .order_by(posts.c.created_at, posts.c.id)
            .limit(1)
        ).first()
        if exact is not None:
            return exact.duplicate_of or exact.id
        if len(text.split()) < NEAR_DUPLICATE_MIN_WORDS:
            return None
        # Only originals are candidates (a copy's text is its original's, near enough), those
        # sharing the most bands first: a real copy shares more than a post written from the
        # same template, so a crowd of look-alikes cannot push it past the limit.
        bands = (posts.c.band0, posts.c.band1, posts.c.band2, posts.c.band3)
        shared = sum((sa.case((column == value, 1), else_=0) for column, value in zip(bands, b, strict=True)),
                     sa.literal(0))  # fmt: skip
        candidates = conn.execute(
            sa.select(posts.c.id, posts.c.title, posts.c.text)
            .where(
                window,
                posts.c.purged.is_(False),
                posts.c.duplicate_of.is_(None),
                sa.or_(*(column == value for column, value in zip(bands, b, strict=True))),
            )
            .order_by(shared.desc(), posts.c.created_at, posts.c.id)
            .limit(NEAR_DUPLICATE_CANDIDATES)
        ).all()
        for row in candidates:
            other = row.text or ""
            if row.title and row.title not in other:
                other = f"{row.title}\n{other}"
            if jaccard(grams, shingles(other)) >= NEAR_DUPLICATE_JACCARD:
                return row.id
        return None

    def add_posts(self, page: Iterable[Post]) -> SaveResult:
        page = list(page)
        return self.save_page(page[0].source if page else "", page) if page else SaveResult()

    def count_posts(self, *, source: str | None = None, unique_only: bool = False) -> int:
        query = sa.select(sa.func.count()).select_from(posts)
        if source:
            query = query.where(posts.c.source == source)
        if unique_only:
            query = query.where(posts.c.duplicate_of.is_(None))
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def posts_between(
        self, start: datetime, end: datetime, *, include_duplicates: bool = False
    ) -> list[dict[str, Any]]:
        """Posts created in [start, end) with their labels, oldest first."""
        query = (
            sa.select(posts, labels.c.relevant, labels.c.relevance, labels.c.themes, labels.c.sentiment,
                      labels.c.sentiment_score, labels.c.voice)
            .select_from(posts.outerjoin(labels, labels.c.post_id == posts.c.id))
            .where(posts.c.created_at >= start, posts.c.created_at < end)
            .order_by(posts.c.created_at, posts.c.id)
        )  # fmt: skip
        if not include_duplicates:
            query = query.where(posts.c.duplicate_of.is_(None))
        with self.engine.connect() as conn:
            rows = [dict(row._mapping) for row in conn.execute(query)]
        for row in rows:
            row["created_at"] = _aware(row["created_at"])
            row["collected_at"] = _aware(row["collected_at"])
        return rows

    def duplicate_counts(self, ids: Sequence[int]) -> dict[int, int]:
        """How many other copies (reposts, syndicated articles) link to each post."""
        if not ids:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(posts.c.duplicate_of, sa.func.count())
                .where(posts.c.duplicate_of.in_(list(ids)))
                .group_by(posts.c.duplicate_of)
            ).all()
        return {int(k): int(v) for k, v in rows}

    def iter_export(self, since: datetime | None = None, batch: int = 1000) -> Iterator[dict[str, Any]]:
        """Posts with their labels, for `groundswell export`."""
        query = (
            sa.select(posts.c.id, posts.c.source, posts.c.native_id, posts.c.created_at, posts.c.text,
                      posts.c.title, posts.c.author, posts.c.url, posts.c.lang, posts.c.likes,
                      posts.c.reposts, posts.c.replies, posts.c.duplicate_of, labels.c.relevant,
                      labels.c.themes, labels.c.sentiment, labels.c.voice)
            .select_from(posts.outerjoin(labels, labels.c.post_id == posts.c.id))
            .order_by(posts.c.created_at, posts.c.id)
        )  # fmt: skip
        if since is not None:
            query = query.where(posts.c.created_at >= since)
        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=batch).execute(query)
            for row in result:
                item = dict(row._mapping)
                item["created_at"] = _aware(item["created_at"])
                yield item

    # --- labels --------------------------------------------------------------------------
    def unlabelled_posts(self, batch: int = 1000, *, model_version: str | None = None) -> list[tuple[int, str]]:
        """Posts with text but no labels (or labels from another model version)."""
        join = posts.outerjoin(labels, labels.c.post_id == posts.c.id)
        stale = labels.c.post_id.is_(None)
        if model_version is not None:
            stale = stale | (labels.c.model_version != model_version)
        query = (
            sa.select(posts.c.id, posts.c.title, posts.c.text)
            .select_from(join)
            .where(stale, posts.c.purged.is_(False))
            .order_by(posts.c.id)
            .limit(batch)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        out = []
        for row in rows:
            text = row.text or ""
            if row.title and row.title not in text:
                text = f"{row.title}\n{text}"
            out.append((int(row.id), text))
        return out

    def save_labels(self, rows: Sequence[dict[str, Any]]) -> None:
        """Upsert labels: dicts with post_id, relevant, relevance, themes, sentiment,
        sentiment_score, voice, model_version."""
        if not rows:
            return
        now = utcnow()
        ids = [r["post_id"] for r in rows]
        with self._writer.begin() as conn:
            conn.execute(labels.delete().where(labels.c.post_id.in_(ids)))
            conn.execute(labels.insert(), [{**r, "themes": list(r["themes"]), "labelled_at": now} for r in rows])

    def count_unlabelled(self) -> int:
        join = posts.outerjoin(labels, labels.c.post_id == posts.c.id)
        with self.engine.connect() as conn:
            return int(
                conn.execute(
                    sa.select(sa.func.count())
                    .select_from(join)
                    .where(labels.c.post_id.is_(None), posts.c.purged.is_(False))
                ).scalar_one()
            )

    def add_feedback(self, text: str, given: dict[str, Any], post_id: int | None = None) -> None:
        with self._writer.begin() as conn:
            conn.execute(feedback.insert().values(post_id=post_id, text=text, labels=given, created_at=utcnow()))

    def feedback_labels(self) -> list[dict[str, Any]]:
        """Labels users gave, in the labelled-data format, for training."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(feedback).order_by(feedback.c.id)).all()
        return [{"id": f"feedback-{r.id}", "text": r.text, **(r.labels or {})} for r in rows]

    # --- cursors and runs ----------------------------------------------------------------
    def _set_cursor(self, conn: Connection, source: str, value: dict[str, Any]) -> None:
        value = _json_safe(value)
        done = conn.execute(cursors.update().where(cursors.c.source == source).values(value=value, updated_at=utcnow()))
        if done.rowcount == 0:
            conn.execute(cursors.insert().values(source=source, value=value, updated_at=utcnow()))

    def set_cursor(self, source: str, value: dict[str, Any]) -> None:
        with self._writer.begin() as conn:
            self._set_cursor(conn, source, value)

    def get_cursor(self, source: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            value = conn.execute(sa.select(cursors.c.value).where(cursors.c.source == source)).scalar()
        return dict(value) if value else None

    def start_run(self, source: str) -> int:
        with self._writer.begin() as conn:
            result = conn.execute(
                collection_runs.insert().values(source=source, started_at=utcnow(), status="running", items=0)
            )
            return int(result.inserted_primary_key[0])

    def finish_run(self, run_id: int, items: int, error: BaseException | None = None) -> None:
        values: dict[str, Any] = {"finished_at": utcnow(), "items": items, "status": "ok"}
        if error is not None:
            values.update(status="failed", error_kind=getattr(error, "kind", type(error).__name__),
                          error=str(error)[:2000] or type(error).__name__)  # fmt: skip
        with self._writer.begin() as conn:
            conn.execute(collection_runs.update().where(collection_runs.c.id == run_id).values(**values))

    def close_stale_runs(self, source: str, started_before: datetime) -> int:
        """Mark runs still 'running' that began before a time as failed (kind ``interrupted``).

        A collecting process that was killed never finishes its run; the next run of the source
        closes it, so coverage does not count a dead run as a live one.
        """
        with self._writer.begin() as conn:
            done = conn.execute(
                collection_runs.update()
                .where(collection_runs.c.source == source, collection_runs.c.status == "running",
                       collection_runs.c.started_at < started_before)
                .values(status="failed", error_kind="interrupted", finished_at=utcnow(),
                        error="the collecting process stopped before the run finished (killed or crashed)")
            )  # fmt: skip
        return int(done.rowcount or 0)

    def runs_between(self, start: datetime, end: datetime) -> list[dict[str, Any]]:
        query = (
            sa.select(collection_runs)
            .where(collection_runs.c.started_at >= start, collection_runs.c.started_at < end)
            .order_by(collection_runs.c.started_at)
        )
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(query)]
        for row in rows:
            row["started_at"], row["finished_at"] = _aware(row["started_at"]), _aware(row["finished_at"])
        return rows

    def source_status(self, now: datetime | None = None) -> dict[str, dict[str, Any]]:
        """Per source: last success, last error and its reason, posts in 24 h and 7 days."""
        now = now or utcnow()
        out: dict[str, dict[str, Any]] = {}
        with self.engine.connect() as conn:
            for status in ("ok", "failed"):
                rows = conn.execute(
                    sa.select(collection_runs.c.source, sa.func.max(collection_runs.c.id))
                    .where(collection_runs.c.status == status)
                    .group_by(collection_runs.c.source)
                ).all()
                for source, run_id in rows:
                    run = conn.execute(sa.select(collection_runs).where(collection_runs.c.id == run_id)).one()
                    entry = out.setdefault(source, {})
                    if status == "ok":
                        entry["last_success"] = _aware(run.finished_at)
                    else:
                        entry["last_error_at"] = _aware(run.finished_at)
                        entry["last_error"] = f"{run.error_kind}: {run.error}"
            for label, delta in (("posts_24h", timedelta(hours=24)), ("posts_7d", timedelta(days=7))):
                rows = conn.execute(
                    sa.select(posts.c.source, sa.func.count())
                    .where(posts.c.collected_at >= now - delta)
                    .group_by(posts.c.source)
                ).all()
                for source, count in rows:
                    out.setdefault(source, {})[label] = int(count)
        return out

    # --- petitions -----------------------------------------------------------------------
    def save_petition_snapshots(self, source: str, snapshots: Sequence[dict[str, Any]]) -> None:
        """Snapshots: dicts with petition_id, title, url, signature_count, taken_at."""
        with self._writer.begin() as conn:
            for snap in snapshots:
                try:
                    with conn.begin_nested():
                        conn.execute(petition_snapshots.insert().values(source=source, **snap))
                except IntegrityError:
                    continue

    def petition_history(self, since: datetime) -> list[dict[str, Any]]:
        """Per petition: title, url and its snapshots [(taken_at, count)] since a time."""
        query = (
            sa.select(petition_snapshots)
            .where(petition_snapshots.c.taken_at >= since)
            .order_by(petition_snapshots.c.petition_id, petition_snapshots.c.taken_at)
        )
        history: dict[tuple[str, str], dict[str, Any]] = {}
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                item = history.setdefault(
                    (row.source, row.petition_id),
                    {"source": row.source, "petition_id": row.petition_id, "snapshots": []},
                )
                item["title"], item["url"] = row.title, row.url
                item["snapshots"].append((_aware(row.taken_at), int(row.signature_count)))
        return list(history.values())

    # --- news tone (GDELT timelinetone) ----------------------------------------------------
    def save_tone(self, source: str, points: Sequence[dict[str, Any]]) -> None:
        """Upsert tone points (dicts with query, bucket_at, tone): a re-run replaces, never doubles."""
        if not points:
            return
        now = utcnow()
        with self._writer.begin() as conn:
            for point in points:
                key = (news_tone.c.source == source) & (news_tone.c.query == point["query"]) & (
                    news_tone.c.bucket_at == point["bucket_at"])  # fmt: skip
                done = conn.execute(news_tone.update().where(key).values(tone=point["tone"], updated_at=now))
                if done.rowcount == 0:
                    conn.execute(news_tone.insert().values(source=source, query=point["query"],
                                                           bucket_at=point["bucket_at"], tone=point["tone"],
                                                           updated_at=now))  # fmt: skip

    def tone_series(self, since: datetime, source: str | None = None) -> list[dict[str, Any]]:
        """Tone points since a time, oldest first: dicts with source, query, bucket_at, tone."""
        query = sa.select(news_tone).where(news_tone.c.bucket_at >= since)
        if source:
            query = query.where(news_tone.c.source == source)
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(query.order_by(news_tone.c.bucket_at))]
        for row in rows:
            row["bucket_at"] = _aware(row["bucket_at"])
            row.pop("updated_at", None)
        return rows

    # --- weekly results ------------------------------------------------------------------
    def save_weekly(self, table: str, period: str, items: dict[str, Any]) -> None:
        """Replace a period's movements or aggregates (``table`` is movements|aggregates)."""
        target, key = (movements, "movement_id") if table == "movements" else (weekly_aggregates, "key")
        with self._writer.begin() as conn:
            conn.execute(target.delete().where(target.c.period == period))
            if items:
                conn.execute(
                    target.insert(), [{"period": period, key: k, "data": _json_safe(v)} for k, v in items.items()]
                )

    def load_weekly(self, table: str, period: str) -> dict[str, Any]:
        target, key = (movements, "movement_id") if table == "movements" else (weekly_aggregates, "key")
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(target).where(target.c.period == period)).all()
        return {getattr(r, key): r.data for r in rows}

    # --- deliveries (exactly once per period and recipient) -------------------------------
    def claim_delivery(
        self,
        period: str,
        recipient: str,
        *,
        holder: str | None = None,
        stale_after: timedelta = timedelta(minutes=30),
        dead_holders: Collection[str] = (),
    ) -> bool:
        """True if this period has not yet been sent to this recipient and is now ours to send.

        A row in state ``sending`` belongs to a sender at work, so it is not claimed, unless its
        ``holder`` is known to have died (``dead_holders``) or it is older than ``stale_after``
        (the message keeps its Message-ID, so a mail client shows a rare resend once).
        """
        with self._writer.begin() as conn:
            row = conn.execute(
                sa.select(deliveries).where(deliveries.c.period == period, deliveries.c.recipient == recipient)
            ).first()
            if row is None:
                try:
                    with conn.begin_nested():
                        conn.execute(deliveries.insert().values(
                            period=period, recipient=recipient, status="sending", attempts=1, updated_at=utcnow(),
                            holder=holder,
                        ))  # fmt: skip
                except IntegrityError:
                    return False
                return True
            if row.status == "sent":
                return False
            fresh = _aware(row.updated_at) > utcnow() - stale_after
            if row.status == "sending" and fresh and row.holder not in dead_holders:
                return False
            done = conn.execute(
                deliveries.update()
                .where(deliveries.c.period == period, deliveries.c.recipient == recipient,
                       deliveries.c.status == row.status, deliveries.c.attempts == row.attempts)
                .values(status="sending", attempts=row.attempts + 1, updated_at=utcnow(), holder=holder)
            )  # fmt: skip
            return done.rowcount == 1

    def finish_delivery(self, period: str, recipient: str, *, message_id: str | None, error: str | None = None) -> None:
        values = {
            "status": "failed" if error else "sent",
            "message_id": message_id,
            "error": error,
            "updated_at": utcnow(),
        }
        with self._writer.begin() as conn:
            conn.execute(
                deliveries.update()
                .where(deliveries.c.period == period, deliveries.c.recipient == recipient)
                .values(**values)
            )

    def delivery(self, period: str, recipient: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(deliveries).where(deliveries.c.period == period, deliveries.c.recipient == recipient)
            ).first()
        return dict(row._mapping) if row else None

    # --- scheduler lock ------------------------------------------------------------------
    def acquire_lock(self, name: str, holder: str, ttl: timedelta) -> bool:
        """Take or renew a named lease; False if another holder's lease has not expired."""
        now = utcnow()
        with self._writer.begin() as conn:
            row = conn.execute(sa.select(locks).where(locks.c.name == name)).first()
            if row is None:
                try:
                    with conn.begin_nested():
                        conn.execute(locks.insert().values(name=name, holder=holder, expires_at=now + ttl))
                except IntegrityError:
                    return False
                return True
            if row.holder != holder and _aware(row.expires_at) > now:
                return False
            done = conn.execute(
                locks.update()
                .where(locks.c.name == name, locks.c.holder == row.holder, locks.c.expires_at == row.expires_at)
                .values(holder=holder, expires_at=now + ttl)
            )
            return done.rowcount == 1

    def release_lock(self, name: str, holder: str) -> None:
        with self._writer.begin() as conn:
            conn.execute(locks.delete().where(locks.c.name == name, locks.c.holder == holder))

    # --- retention -----------------------------------------------------------------------
    def purge(self, older_than: datetime) -> int:
        """Delete text, author handles and raw payloads of posts created before a time.

        The row (ids, time, source, hashes, labels) stays so weekly counts and de-duplication
        still work; returns how many posts were purged.
        """
        with self._writer.begin() as conn:
            result = conn.execute(
                posts.update()
                .where(posts.c.created_at < older_than, posts.c.purged.is_(False))
                .values(text=None, title=None, raw=None, author=None, author_name=None, url=None,
                        extra=None, purged=True)
            )  # fmt: skip
            conn.execute(feedback.delete().where(feedback.c.created_at < older_than))
        return int(result.rowcount or 0)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling breaks SAVEPOINTs; SQLAlchemy emits BEGIN instead.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
    except Exception:  # an in-memory database has no WAL; that is fine
        pass
    finally:
        cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("immediate") else "BEGIN")


def _safe_url(url: str) -> str:
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<invalid url>"
