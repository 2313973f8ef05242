"""Lemmy communities (0.19, API v3): new posts, paged with ``page_cursor``.

Like Mastodon, Lemmy is many federated servers; posts are keyed on their ActivityPub id
(``ap_id``) so a post read through two instances is stored once.
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


class LemmySettings(Settings):
    base_url: str = Field(pattern=WEB_ADDRESS, description="the instance, e.g. https://lemmy.world")
    communities: list[str] = Field(min_length=1, description="name or name@instance")
    token_env: str | None = Field(None, description="env var holding an optional bearer token")
    limit: int = Field(50, ge=1, le=50, description="posts per request")
    max_pages: int = Field(5, ge=1, le=50, description="pages per community per run")


class LemmyCollector(Collector):
    name = "lemmy"
    Settings = LemmySettings
    settings: LemmySettings

    def collect(self, http: HttpSession, cursor: dict[str, Any] | None) -> Iterator[Page]:
        token = secret(self.config, self.settings.token_env, f"sources.{self.source_name}.token_env")
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        streams = [(c, self._stream(http, c, headers)) for c in self.settings.communities]
        yield from run_streams(cursor, streams)
        self.check_skipped()

    def _stream(self, http: HttpSession, community: str, headers: dict[str, str]):  # type: ignore[no-untyped-def]
        url = f"{self.settings.base_url.rstrip('/')}/api/v3/post/list"

        def fetch(page_cursor: Any, seen: Any) -> Listing:
            params = {"community_name": community, "sort": "New", "limit": self.settings.limit}
            if page_cursor:
                params["page_cursor"] = page_cursor
            response = http.get(url, params=params, headers=headers)
            data = response.json_object("posts")
            if not isinstance(data["posts"], list):
                raise ParseError(f"{response.url}: posts is not a list")
            read = self.read(data["posts"], lambda view: self._post(view, str(response.url)))
            posts = [post for post in read if post is not None]
            more = data.get("next_page") if len(data["posts"]) >= self.settings.limit else None
            return Listing(posts, [time_key(p.created_at) for p in posts], more)

        def walk(state: dict[str, Any] | None) -> Iterator[tuple[list[Post], dict[str, Any]]]:
            yield from walk_newest_first(state, fetch, self.settings.max_pages)

        return walk

    def _post(self, view: Any, where: str) -> Post | None:
        if not isinstance(view, dict) or not isinstance(view.get("post"), dict):
            raise ParseError(f"{where}: a post view without a post")
        post, creator = view["post"], view.get("creator") or {}
        if post.get("deleted") or post.get("removed"):
            return None
        counts = view.get("counts") or {}
        ap_id = post.get("ap_id")
        if not isinstance(ap_id, str) or not ap_id:
            raise ParseError(f"{where}: post {post.get('id')!r} has no ap_id")
        actor = str(creator.get("actor_id") or "")
        domain = actor.split("/")[2] if actor.count("/") >= 2 else None
        name = creator.get("name")
        return Post(
            source=self.source_name,
            native_id=ap_id[:500],
            created_at=parse_time(post.get("published"), f"{where} post {post.get('id')}"),
            title=html_to_text(str(post.get("name") or "")) or None,
            text=html_to_text(str(post.get("body") or "")) or html_to_text(str(post.get("name") or "")),
            url=ap_id,
            author=f"{name}@{domain}" if name and domain else name,
            author_name=creator.get("display_name") or None,
            likes=count(counts.get("score")),
            replies=count(counts.get("comments")),
            extra={"community": (view.get("community") or {}).get("name"), "link": post.get("url")},
        )
