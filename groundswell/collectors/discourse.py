"""Discourse forums (carers' forums, professional communities): latest posts and keyword search.

Any forum by base URL. Latest posts come from ``/posts.json`` (newest first, paged back with
``before``); searches from ``/search.json?q=... order:latest`` (paged with ``page``). Public
forums need no key; a private one takes ``Api-Key`` and ``Api-Username``. Search results carry
a blurb, not the whole post: that is what we store for them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import Field

from ..config import WEB_ADDRESS, secret
from ..errors import ParseError
from ..http import HttpSession
from ..posts import Post, html_to_text
from .base import (
    Collector,
    Listing,
    Page,
    Settings,
    count,
    parse_time,
    run_streams,
    time_key,
    walk_newest_first,
)


class DiscourseSettings(Settings):
    base_url: str = Field(pattern=WEB_ADDRESS, description="the forum's address")
    latest: bool = Field(True, description="collect the forum's latest posts")
    queries: list[str] = Field(default_factory=list, description="keyword searches")
    api_key_env: str | None = Field(None, description="env var holding an API key (private forums)")
    api_username: str | None = Field(None, description="the user the API key acts as")
    page_size: int = Field(50, ge=1, le=50, description="posts Discourse returns per latest page")
    max_pages: int = Field(5, ge=1, le=50, description="pages per stream per run")


class DiscourseCollector(Collector):
    name = "discourse"
    Settings = DiscourseSettings
    settings: DiscourseSettings

    def collect(self, http: HttpSession, cursor: dict[str, Any] | None) -> Iterator[Page]:
        headers: dict[str, str] = {}
        key = secret(self.config, self.settings.api_key_env, f"sources.{self.source_name}.api_key_env")
        if key:
            headers = {"Api-Key": key, "Api-Username": self.settings.api_username or "system"}
        streams = []
        if self.settings.latest:
            streams.append(("latest", self._latest(http, headers)))
        for query in self.settings.queries:
            streams.append((f"search:{query}", self._search(http, headers, query)))
        yield from run_streams(cursor, streams)
        self.check_skipped()

    @property
    def _base(self) -> str:
        return self.settings.base_url.rstrip("/")

    def _latest(self, http: HttpSession, headers: dict[str, str]):  # type: ignore[no-untyped-def]
        def fetch(before: Any, seen: Any) -> Listing:
            params = {"before": before} if before else {}
            response = http.get(f"{self._base}/posts.json", params=params, headers=headers)
            items = response.json_object("latest_posts")["latest_posts"]
            if not isinstance(items, list):
                raise ParseError(f"{response.url}: latest_posts is not a list")
            posts = self.read(items, lambda item: self._post(item, str(response.url)))
            keys = [int(post.native_id) for post in posts]
            more = min(keys) if keys and len(items) >= self.settings.page_size else None
            return Listing(posts, keys, more)

        def walk(state: dict[str, Any] | None) -> Iterator[tuple[list[Post], dict[str, Any]]]:
            yield from walk_newest_first(state, fetch, self.settings.max_pages)

        return walk

    def _search(self, http: HttpSession, headers: dict[str, str], query: str):  # type: ignore[no-untyped-def]
        def fetch(page: Any, seen: Any) -> Listing:
            number = int(page or 1)
            response = http.get(f"{self._base}/search.json", headers=headers,
                                params={"q": f"{query} order:latest", "page": number})  # fmt: skip
            data = response.json_object()
            items = data.get("posts") or []
            topics = {t.get("id"): t for t in data.get("topics") or [] if isinstance(t, dict)}
            def parse(item: Any) -> Post:
                topic = topics.get(item.get("topic_id") if isinstance(item, dict) else None) or {}
                return self._post(item, str(response.url), topic)

            posts = self.read(items, parse)
            keys = [time_key(post.created_at) for post in posts]
            grouped = data.get("grouped_search_result") or {}
            more = number + 1 if items and grouped.get("more_full_page_results") else None
            return Listing(posts, keys, more)

        def walk(state: dict[str, Any] | None) -> Iterator[tuple[list[Post], dict[str, Any]]]:
            yield from walk_newest_first(state, fetch, self.settings.max_pages)

        return walk

    def _post(self, item: Any, where: str, topic: dict[str, Any] | None = None) -> Post:
        if not isinstance(item, dict) or not isinstance(item.get("id"), int):
            raise ParseError(f"{where}: a post without a numeric id")
        topic = topic or {}
        slug = item.get("topic_slug") or topic.get("slug") or "topic"
        topic_id = item.get("topic_id") or topic.get("id")
        title = item.get("topic_title") or topic.get("title")
        body = item.get("cooked") if item.get("cooked") is not None else item.get("blurb")
        likes = item.get("like_count")
        if likes is None:  # /posts.json counts likes in actions_summary (action type 2)
            likes = sum(count(a.get("count")) for a in item.get("actions_summary") or []
                        if isinstance(a, dict) and a.get("id") == 2)  # fmt: skip
        username = item.get("username")
        return Post(
            source=self.source_name,
            native_id=str(item["id"]),
            created_at=parse_time(item.get("created_at"), f"{where} post {item['id']}"),
            title=html_to_text(title) if title else None,
            text=html_to_text(body),
            url=f"{self._base}/t/{slug}/{topic_id}/{item.get('post_number', 1)}" if topic_id else None,
            author=str(username) if username else None,
            author_name=item.get("name") or None,
            likes=count(likes),
            replies=count(item.get("reply_count")),
            extra={"topic_id": topic_id, "post_number": item.get("post_number"),
                   "blurb_only": item.get("cooked") is None},
        )  # fmt: skip
