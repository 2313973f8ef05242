"""Import posts from JSON Lines and export posts with their labels (JSON Lines or CSV)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from .posts import Post, html_to_text
from .store import SaveResult, Store

__all__ = ["EXPORT_FIELDS", "export_posts", "import_posts", "parse_import_line"]

EXPORT_FIELDS = (
    "source", "id", "created_at", "author", "url", "lang", "title", "text", "likes", "reposts",
    "replies", "duplicate_of", "relevant", "themes", "sentiment", "voice",
)  # fmt: skip


def parse_time(value: Any) -> datetime:
    if not isinstance(value, str) or not value:
        raise ValueError("created_at must be an ISO 8601 time such as 2026-11-20T09:14:00Z")
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"created_at {value[:40]!r} is not an ISO 8601 time such as 2026-11-20T09:14:00Z") from None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def parse_import_line(line: str) -> Post:
    """One line of the import format; ValueError says what is wrong."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(item, dict):
        raise ValueError("each line must be a JSON object")
    missing = [k for k in ("source", "id", "created_at", "text") if item.get(k) in (None, "")]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    url = item.get("url")
    if url is not None and not (isinstance(url, str) and url.startswith(("http://", "https://"))):
        raise ValueError("url must be an http(s) address")
    counts = {}
    for key in ("likes", "reposts", "replies"):
        value = item.get(key, 0)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError(f"{key} must be a whole number ≥ 0")
        counts[key] = value
    if not isinstance(item["text"], str):
        raise ValueError("text must be a string")
    return Post(
        source=str(item["source"]),
        native_id=str(item["id"]),
        created_at=parse_time(item["created_at"]),
        text=html_to_text(item["text"]) if "<" in item["text"] else item["text"],
        url=url,
        author=str(item["author"]) if item.get("author") else None,
        title=item.get("title") if isinstance(item.get("title"), str) else None,
        lang=str(item["lang"])[:16] if item.get("lang") else None,
        **counts,
    )


def import_posts(store: Store, path: Path, batch: int = 500) -> tuple[SaveResult, list[tuple[int, str]]]:
    """Import good lines in batches; return what was saved and (line number, problem) for the rest."""
    problems: list[tuple[int, str]] = []
    total = SaveResult()
    pending: list[Post] = []
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                pending.append(parse_import_line(line))
            except ValueError as exc:
                problems.append((number, str(exc)))
            if len(pending) >= batch:
                total += store.add_posts(pending)
                pending = []
    if pending:
        total += store.add_posts(pending)
    return total, problems


def _export_rows(store: Store, since: datetime | None) -> Iterator[dict[str, Any]]:
    for row in store.iter_export(since):
        yield {
            "source": row["source"], "id": row["native_id"], "created_at": row["created_at"].isoformat(),
            "author": row["author"], "url": row["url"], "lang": row["lang"], "title": row["title"],
            "text": row["text"], "likes": row["likes"], "reposts": row["reposts"], "replies": row["replies"],
            "duplicate_of": row["duplicate_of"], "relevant": row["relevant"], "themes": row["themes"],
            "sentiment": row["sentiment"], "voice": row["voice"],
        }  # fmt: skip


def export_posts(store: Store, out: IO[str], fmt: str, since: datetime | None = None) -> int:
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS)
        writer.writeheader()
        for row in _export_rows(store, since):
            row["themes"] = ";".join(row["themes"] or [])
            writer.writerow(row)
            count += 1
    else:
        for row in _export_rows(store, since):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count
