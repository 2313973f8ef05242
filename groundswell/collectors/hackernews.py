"""Hacker News through the Algolia search API: stories matching keywords, newest first."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from pydantic import Field

from ..config import WEB_ADDRESS
from ..errors import ParseError
from ..http import HttpSession
from ..posts import Post, html_to_text
from .base import Collector, Listing, Page, Settings, count, run_streams, walk_newest_first


class HackerNewsSettings(Settings):
    api_url: str = Field("https://hn.algolia.com", pattern=WEB_ADDRESS, description="Algolia HN API")
    queries: list[str] | None = Field(None, description="keywords; default: topics.keywords")
    tags: str = Field("story", description="Algolia tags filter: story, comment, ...")
    hits_per_page: int = Field(100, ge=1, le=1000, description="hits per request")
    max_pages: int = Field(5, ge=1, le=50, description="pages per query per run")


class HackerNewsCollector(Collector):
    name = "hackernews"
    Settings = HackerNewsSettings
    settings: HackerNewsSettings

    def collect(self, http: HttpSession, cursor: dict[str, Any] | None) -> Iterator[Page]:
        queries = self.settings.queries or self.config.topics.keywords
        yield from run_streams(cursor, [(q, self._stream(http, q)) for q in queries])
        self.check_skipped()

    def _stream(self, http: HttpSession, query: str):  # type: ignore[no-untyped-def]
        url = f"{self.settings.api_url.rstrip('/')}/api/v1/search_by_date"

        def fetch(page: Any, seen: Any) -> Listing:
            params: dict[str, Any] = {"query": query, "tags": self.settings.tags,
                                      "hitsPerPage": self.settings.hits_per_page, "page": int(page or 0)}  # fmt: skip
            if seen is not None:
                params["numericFilters"] = f"created_at_i>={int(seen)}"
            response = http.get(url, params=params)
            data = response.json_object("hits")
            if not isinstance(data["hits"], list):
                raise ParseError(f"{response.url}: hits is not a list")
            pairs = self.read(data["hits"], lambda hit: self._post(hit, str(response.url)))
            posts, keys = [p for p, _ in pairs], [k for _, k in pairs]
            number = int(page or 0)
            more = number + 1 if posts and number + 1 < count(data.get("nbPages")) else None
            return Listing(posts, keys, more)

        def walk(state: dict[str, Any] | None) -> Iterator[tuple[list[Post], dict[str, Any]]]:
            yield from walk_newest_first(state, fetch, self.settings.max_pages)

        return walk

    def _post(self, hit: Any, where: str) -> tuple[Post, int]:
        if not isinstance(hit, dict) or not hit.get("objectID"):
            raise ParseError(f"{where}: a hit without an objectID")
        try:
            stamp = int(hit["created_at_i"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ParseError(f"{where}: hit {hit['objectID']} has no created_at_i") from exc
        item = str(hit["objectID"])
        title = html_to_text(str(hit.get("title") or hit.get("story_title") or ""))
        body = html_to_text(str(hit.get("story_text") or hit.get("comment_text") or ""))
        post = Post(
            source=self.source_name,
            native_id=item,
            created_at=datetime.fromtimestamp(stamp, UTC),
            title=title or None,
            text=body or title,
            url=f"https://news.ycombinator.com/item?id={item}",
            author=hit.get("author") or None,
            likes=count(hit.get("points")),
            replies=count(hit.get("num_comments")),
            extra={"link": hit.get("url")},
        )
        return post, stamp
