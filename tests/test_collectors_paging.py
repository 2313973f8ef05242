"""Property test of the newest-first walk every paged collector uses: whatever pages a crash
cuts off, and however many posts arrive between runs, re-running collects every post."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from groundswell.collectors.base import Listing, walk_newest_first


class Listing_:
    """A service listing ``items`` newest first, ``size`` a page, paged by the last key seen."""

    def __init__(self, size: int) -> None:
        self.items: list[int] = []
        self.size = size

    def fetch(self, token: Any, seen: Any) -> Listing:
        newest_first = sorted(self.items, reverse=True)
        if token is not None:
            newest_first = [k for k in newest_first if k < token]
        page = newest_first[: self.size]
        more = page[-1] if len(page) == self.size else None
        return Listing(list(page), list(page), more)


@settings(max_examples=150, deadline=None)
@given(
    size=st.integers(1, 5),
    arrivals=st.lists(st.integers(0, 12), min_size=1, max_size=6),
    crashes=st.lists(st.one_of(st.none(), st.integers(0, 4)), min_size=6, max_size=6),
)
def test_crashes_and_new_arrivals_lose_nothing(size: int, arrivals: list[int], crashes: list[int | None]) -> None:
    service = Listing_(size)
    stored: set[int] = set()
    cursor: dict[str, Any] | None = None
    next_key = 0
    for arrived, crash_after in zip(arrivals, crashes, strict=False):
        service.items += range(next_key, next_key + arrived)
        next_key += arrived
        for done, (posts, state) in enumerate(walk_newest_first(cursor, service.fetch, max_pages=1000)):
            if crash_after is not None and done >= crash_after:
                break  # killed before this page was committed
            stored.update(posts)  # posts and cursor commit together
            cursor = state
    for _posts, state in walk_newest_first(cursor, service.fetch, max_pages=1000):
        stored.update(_posts)
        cursor = state
    for _posts, state in walk_newest_first(cursor, service.fetch, max_pages=1000):  # catch-up run
        stored.update(_posts)
        cursor = state
    assert stored == set(service.items)
    assert cursor is not None and "walk" not in cursor and cursor.get("gaps", 0) == 0
