"""What a collector is: a small class with a ``name``, built from its config section, that
receives the shared HTTP session and yields pages of posts, each with the cursor covering it.

Most services list posts newest first. :func:`walk_newest_first` turns such a listing into
crash-safe pages: the first page fixes the run's *head* (the newest key seen), later pages walk
back until they reach what an earlier run already saw (the *seen* mark). Each page's cursor says
where the walk stands, so a process killed between pages resumes exactly where it stopped, and
posts that arrived meanwhile are picked up by the next run (they are newer than the head).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from ..config import Config, SourceConfig
from ..errors import CollectorError, ParseError
from ..http import HttpSession
from ..posts import Post

__all__ = ["Collector", "Listing", "Page", "Settings", "count", "parse_time", "run_streams",
           "time_key", "walk_newest_first"]


T = TypeVar("T")


class Settings(BaseModel):
    """Base for a collector's own keys in its ``[[sources]]`` table; unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", strict=True)  # TOML has types: "yes" is not a bool

    keep_raw: bool = Field(False, description="store each item's payload; retention purges it with the text")


@dataclass
class Page:
    """Posts the store saves in one transaction with ``cursor``.

    ``snapshots`` (petition signature counts) and ``series`` (GDELT tone points: dicts with
    query, bucket_at, tone) ride along and are saved, idempotently, just before the page.
    """

    posts: list[Post]
    cursor: dict[str, Any]
    snapshots: list[dict[str, Any]] = field(default_factory=list)
    series: list[dict[str, Any]] = field(default_factory=list)


class Collector:
    """Subclasses set ``name`` (the ``type`` in config) and ``Settings``, and write ``collect``."""

    name: ClassVar[str]
    Settings: ClassVar[type[Settings]] = Settings

    def __init__(self, source: SourceConfig, settings: Settings, config: Config) -> None:
        self.source = source
        self.settings = settings
        self.config = config
        self.skipped: list[str] = []

    def read(self, items: Iterable[Any], parse: Callable[[Any], T],
             raw: Callable[[Any], Any] | None = None) -> list[T]:  # fmt: skip
        """Parse each item; a malformed one is skipped and noted, so it costs only itself.

        With ``keep_raw`` the item (or what ``raw`` picks from it) rides on its post.
        """
        out = []
        for item in items:
            try:
                result = parse(item)
            except ParseError as exc:
                self.skipped.append(str(exc))
                continue
            if self.settings.keep_raw:
                result = _with_raw(result, raw(item) if raw else item)
            out.append(result)
        return out

    def check_skipped(self) -> None:
        """Once the good items are saved, report the skipped ones: the run records a parse error."""
        if self.skipped:
            raise ParseError(f"{len(self.skipped)} malformed item(s) skipped; the first: {self.skipped[0]}")

    @classmethod
    def from_config(cls, source: SourceConfig, config: Config) -> Collector:
        return cls(source, cls.Settings.model_validate(source.options), config)

    @property
    def source_name(self) -> str:
        return self.source.name

    def collect(self, http: HttpSession, cursor: dict[str, Any] | None) -> Iterator[Page]:
        raise NotImplementedError


def _with_raw(result: Any, payload: Any) -> Any:
    """A parsed post (alone or first in a tuple) with its raw payload attached."""
    if isinstance(result, Post):
        return replace(result, raw=payload if isinstance(payload, dict) else {"item": payload})
    if isinstance(result, tuple) and result and isinstance(result[0], Post):
        return (_with_raw(result[0], payload), *result[1:])
    return result


def count(value: Any) -> int:
    """An engagement count from a payload: a whole number >= 0, anything else 0."""
    if isinstance(value, bool):
        return 0
    if isinstance(value, int | float) and value >= 0:
        return int(value)
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return 0


def time_key(when: datetime) -> str:
    """A UTC time as a fixed-width string, so cursor marks compare in time order."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_time(value: Any, where: str) -> datetime:
    """An ISO 8601 time (``Z`` or offset) as aware UTC; a ParseError names where it was."""
    if not isinstance(value, str) or not value:
        raise ParseError(f"{where}: missing time")
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise ParseError(f"{where}: {value!r} is not an ISO time") from exc
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


@dataclass
class Listing:
    """One page of a newest-first listing: posts, the sort key of each, the next page token."""

    posts: list[Post]
    keys: list[Any]
    next: Any = None


def walk_newest_first(
    state: dict[str, Any] | None,
    fetch: Callable[[Any, Any], Listing],
    max_pages: int,
) -> Iterator[tuple[list[Post], dict[str, Any]]]:
    """Walk a newest-first listing back to the ``seen`` mark; yield (posts, new state) per page.

    ``fetch(token, seen)`` returns one :class:`Listing`; ``token`` is None for the newest page.
    Keys must compare (integers, or ISO times in UTC). When ``max_pages`` is reached before the
    mark, the gap is accepted and noted in the state (``gaps``), so one long outage cannot make
    every later run page forever.
    """
    state = dict(state or {})
    seen = state.get("seen")
    walk = state.get("walk") or {}
    head, token = walk.get("head"), walk.get("next")
    gaps = int(state.get("gaps", 0))
    for page_number in range(1, max_pages + 1):
        listing = fetch(token, seen)
        if len(listing.keys) != len(listing.posts):
            raise CollectorError("collector bug: one key per post is needed")
        keys = listing.keys
        if keys:
            newest = max(keys)
            head = newest if head is None or newest > head else head
        reached = seen is not None and any(k <= seen for k in keys)
        # keep ties with the mark: two posts can share a second; the store drops the one it has
        posts = [p for p, k in zip(listing.posts, keys, strict=True) if seen is None or k >= seen]
        finished = reached or not keys or listing.next is None
        if finished or page_number == max_pages:
            if not finished and seen is not None:  # a first run never reaches the start: no gap
                gaps += 1
            mark = head if seen is None or (head is not None and head > seen) else seen
            done: dict[str, Any] = {"seen": mark}
            if gaps:
                done["gaps"] = gaps
            yield posts, done
            return
        token = listing.next
        step: dict[str, Any] = {"seen": seen, "walk": {"head": head, "next": token}}
        if gaps:
            step["gaps"] = gaps
        yield posts, step


StreamWalk = Callable[[dict[str, Any] | None], Iterator[tuple[list[Post], dict[str, Any]]]]


def run_streams(cursor: dict[str, Any] | None, streams: list[tuple[str, StreamWalk]]) -> Iterator[Page]:
    """Collect several streams (servers, subreddits, queries) of one source in turn.

    The cursor is ``{"streams": {key: state}}``; every page carries the whole cursor. A stream
    that fails does not stop the others: their pages are saved, then the first failure is
    raised (same kind) naming how many streams failed, so the run is recorded as failed.
    """
    states: dict[str, Any] = dict((cursor or {}).get("streams") or {})
    failures: list[tuple[str, CollectorError]] = []
    for key, walk in streams:
        try:
            for posts, state in walk(states.get(key)):
                states[key] = state
                yield Page(posts, {"streams": dict(states)})
        except CollectorError as exc:
            failures.append((key, exc))
    if failures:
        key, first = failures[0]
        if len(streams) == 1:
            raise first
        error = type(first)(f"{len(failures)} of {len(streams)} streams failed; {key}: {first}")
        raise error from first
