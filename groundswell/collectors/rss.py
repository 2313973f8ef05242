"""RSS and Atom feeds (news sites, blogs, councils, charities) with conditional GET."""

from __future__ import annotations

import calendar
import hashlib
import io
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser
from pydantic import Field

from ..config import WEB_ADDRESS
from ..errors import ParseError
from ..http import HttpSession
from ..posts import Post, html_to_text
from .base import Collector, Page, Settings

# Harmless: a feed that says one encoding and is another, or is served as text/html.
_BENIGN = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


class RssSettings(Settings):
    url: str = Field(pattern=WEB_ADDRESS, description="the feed's address")
    max_items: int = Field(200, ge=1, description="entries read from one fetch")


class RssCollector(Collector):
    name = "rss"
    Settings = RssSettings
    settings: RssSettings

    def collect(self, http: HttpSession, cursor: dict[str, Any] | None) -> Iterator[Page]:
        cursor = dict(cursor or {})
        headers = {}
        if cursor.get("etag"):
            headers["If-None-Match"] = cursor["etag"]
        if cursor.get("last_modified"):
            headers["If-Modified-Since"] = cursor["last_modified"]
        response = http.get(self.settings.url, headers=headers, expect="xml", ok=(200, 304))
        if response.status_code == 304:
            return
        feed = feedparser.parse(
            io.BytesIO(response.content),
            response_headers={k.lower(): v for k, v in response.headers.items()},
        )
        broken = feed.bozo and not isinstance(feed.get("bozo_exception"), _BENIGN)
        if broken and not feed.entries:
            raise ParseError(f"{self.settings.url}: malformed feed: {feed.get('bozo_exception')}")
        entries = feed.entries[: self.settings.max_items]
        posts = [post for post in self.read(entries, lambda entry: self._post(entry, feed), raw=_plain) if post]
        new_cursor = {k: v for k, v in (("etag", response.headers.get("etag")),
                                        ("last_modified", response.headers.get("last-modified"))) if v}  # fmt: skip
        yield Page(posts, new_cursor)
        if broken:  # keep what could be read, and still say the feed is broken
            raise ParseError(f"{self.settings.url}: malformed feed ({len(posts)} entries recovered): "
                             f"{feed.get('bozo_exception')}")  # fmt: skip

    def _post(self, entry: Any, feed: Any) -> Post | None:
        link = entry.get("link")
        title = html_to_text(entry.get("title"))
        body = entry.get("content", [{}])[0].get("value") if entry.get("content") else None
        text = html_to_text(body or entry.get("summary") or "")
        if not (title or text):
            return None
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        created = datetime.fromtimestamp(calendar.timegm(when), UTC) if when else None
        native = entry.get("id") or link or hashlib.sha1(f"{title}|{text}".encode()).hexdigest()
        return Post(
            source=self.source_name,
            native_id=str(native)[:500],
            created_at=created or datetime.now(UTC),
            title=title or None,
            text=text or title,
            url=link if isinstance(link, str) and link.startswith(("http://", "https://")) else None,
            author=entry.get("author") or feed.feed.get("title"),
            lang=(entry.get("language") or feed.feed.get("language") or "")[:16] or None,
            extra={"feed": feed.feed.get("title"), "tags": [t.get("term") for t in entry.get("tags", [])][:20]},
        )


def _plain(entry: Any) -> dict[str, Any]:
    """A feed entry as plain JSON-able data (feedparser's dicts hold time tuples)."""
    return {k: v for k, v in dict(entry).items() if isinstance(v, str | int | float | list | dict) and k != "links"}
