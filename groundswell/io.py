"""Import posts from JSON Lines and export posts with their labels (JSON Lines or CSV)."""

from __future__ import annotations

import codecs
import csv
import json
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from .posts import Post, html_to_text
from .store import SaveResult, Store

__all__ = ["EXPORT_FIELDS", "MAX_LINE_BYTES", "export_posts", "import_posts", "parse_import_line"]

# One post is a few kilobytes; a line far beyond that is not a post (a whole file on one line, a
# binary file) and is skipped unread rather than held in memory.
MAX_LINE_BYTES = 1_000_000

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")

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
    for key in ("source", "id"):  # names shown in tables and digests: no hidden or terminal-control characters
        if not isinstance(item[key], str | int) or isinstance(item[key], bool):
            raise ValueError(f"{key} must be a string")
        if _CONTROL.search(str(item[key])):
            raise ValueError(f"{key} {str(item[key])[:40]!r} contains control or bidi characters")
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


def _read_lines(handle: IO[bytes]) -> Iterator[tuple[int, str | None, str | None]]:
    """(line number, text, problem) for each line: text if it is usable UTF-8, else why not."""
    number = 0
    while raw := handle.readline(MAX_LINE_BYTES + 1):
        number += 1
        if number == 1:
            if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                yield number, None, "the file is UTF-16 text; save it as UTF-8 (JSON Lines are UTF-8)"
                return
            raw = raw.removeprefix(codecs.BOM_UTF8)  # as Windows tools write it
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            size = len(raw)
            while rest := handle.readline(1 << 20):  # skip the rest of the line without keeping it
                size += len(rest)
                if rest.endswith(b"\n"):
                    break
            yield number, None, f"line of {size:,} bytes is over the {MAX_LINE_BYTES:,}-byte limit; skipped"
            continue
        try:
            yield number, raw.decode("utf-8"), None
        except UnicodeDecodeError as exc:
            yield number, None, (f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at byte {exc.start + 1} of the line); "
                                 "save the file as UTF-8")  # fmt: skip


def import_posts(
    store: Store, path: Path, batch: int = 500, on_batch: Callable[[int], None] | None = None
) -> tuple[SaveResult, list[tuple[int, str]]]:
    """Import good lines in batches; return what was saved and (line number, problem) for the rest.

    Lines are UTF-8 (a byte-order mark is allowed); a line that is not, or is longer than
    :data:`MAX_LINE_BYTES`, is reported, never imported with its text garbled or read whole.
    ``on_batch`` is called with the line number reached after each batch is saved.
    """
    problems: list[tuple[int, str]] = []
    total = SaveResult()
    pending: list[Post] = []
    with path.open("rb") as handle:
        for number, line, problem in _read_lines(handle):
            if line is None:
                problems.append((number, problem or "unreadable"))
                continue
            if not line.strip():
                continue
            try:
                pending.append(parse_import_line(line))
            except ValueError as exc:
                problems.append((number, str(exc)))
            if len(pending) >= batch:
                total += store.add_posts(pending)
                pending = []
                if on_batch:
                    on_batch(number)
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


def _cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: public posts that begin like a formula
    (``=HYPERLINK(…)``, ``+``, ``-``, ``@``) get a leading apostrophe so they are never run."""
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "'" + value
    return value


def export_posts(store: Store, out: IO[str], fmt: str, since: datetime | None = None) -> int:
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS)
        writer.writeheader()
        for row in _export_rows(store, since):
            row["themes"] = ";".join(row["themes"] or [])
            writer.writerow({key: _cell(value) for key, value in row.items()})
            count += 1
    else:
        for row in _export_rows(store, since):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count
