"""Reddit: new posts in named subreddits and keyword search, with an app-only OAuth token.

Unauthenticated ``.json`` is blocked, so we use the client-credentials grant: one token per
client id, kept until shortly before it expires (``expires_in``, a day) and shared by every run
in the process; a 401 mid-run fetches a new token once. Reddit asks for a unique, descriptive
User-Agent; ``user_agent`` overrides the shared one for this source.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from pydantic import Field, field_validator

from ..config import WEB_ADDRESS, header_text, secret
from ..errors import AuthError, ConfigError, ParseError
from ..http import HttpSession, Response
from ..posts import Post, html_to_text
from .base import Collector, Listing, Page, Settings, count, run_streams, walk_newest_first

_TOKENS: dict[tuple[str, str], tuple[str, float]] = {}
_TOKEN_LOCK = threading.Lock()
_ISSUE_LOCK = threading.Lock()


class RedditSettings(Settings):
    api_url: str = Field("https://oauth.reddit.com", pattern=WEB_ADDRESS, description="API base URL")
    token_url: str = Field("https://www.reddit.com/api/v1/access_token", pattern=WEB_ADDRESS,
                           description="OAuth token endpoint")  # fmt: skip
    client_id_env: str = Field(min_length=1, description="env var holding the app's client id")
    client_secret_env: str = Field(min_length=1, description="env var holding the app's secret")
    subreddits: list[str] = Field(default_factory=list, description="names without r/")
    queries: list[str] = Field(default_factory=list, description="keyword searches (sort=new)")
    search_in_subreddits: bool = Field(False, description="limit searches to `subreddits`")
    user_agent: str | None = Field(None, description="e.g. 'web:groundswell-ourorg:0.1 (by /u/name)'")
    include_nsfw: bool = Field(False, description="keep posts marked over_18")
    limit: int = Field(100, ge=1, le=100, description="posts per request")
    max_pages: int = Field(5, ge=1, le=50, description="pages per listing per run")

    @field_validator("user_agent")
    @classmethod
    def _header_text(cls, value: str | None) -> str | None:
        return header_text(value) if value is not None else None


class RedditCollector(Collector):
    name = "reddit"
    Settings = RedditSettings
    settings: RedditSettings

    def collect(self, http: HttpSession, cursor: dict[str, Any] | None) -> Iterator[Page]:
        s = self.settings
        if not s.subreddits and not s.queries:
            raise ConfigError(f"{self.config.path}: source {self.source_name}: "
                              "set subreddits or queries")  # fmt: skip
        base = s.api_url.rstrip("/")
        listings: list[tuple[str, str, dict[str, Any]]] = []
        for sub in s.subreddits:
            listings.append((f"r/{sub}/new", f"{base}/r/{sub}/new", {}))
        for query in s.queries:
            if s.search_in_subreddits and s.subreddits:
                where = "+".join(s.subreddits)
                url, params = f"{base}/r/{where}/search", {"q": query, "restrict_sr": 1}
            else:
                url, params = f"{base}/search", {"q": query}
            listings.append((f"search:{query}", url, {**params, "sort": "new", "type": "link"}))
        streams = [(key, self._stream(http, url, params)) for key, url, params in listings]
        yield from run_streams(cursor, streams)
        self.check_skipped()

    def _stream(self, http: HttpSession, url: str, extra: dict[str, Any]):  # type: ignore[no-untyped-def]
        def fetch(after: Any, seen: Any) -> Listing:
            params = {**extra, "limit": self.settings.limit, "raw_json": 1}
            if after:
                params["after"] = after
            response = self._get(http, url, params)
            data = response.json_object("data").get("data")
            if not isinstance(data, dict) or not isinstance(data.get("children"), list):
                raise ParseError(f"{response.url}: not a Reddit Listing")
            read = self.read(data["children"], lambda child: self._post(child, str(response.url)))
            posts = [post for post in read if post is not None]
            keys = [post.created_at.timestamp() for post in posts]
            more = data.get("after") if len(data["children"]) >= self.settings.limit else None
            return Listing(posts, keys, more)

        def walk(state: dict[str, Any] | None) -> Iterator[tuple[list[Post], dict[str, Any]]]:
            yield from walk_newest_first(state, fetch, self.settings.max_pages)

        return walk

    def _get(self, http: HttpSession, url: str, params: dict[str, Any]) -> Response:
        headers = {"User-Agent": self.settings.user_agent} if self.settings.user_agent else {}
        refused: str | None = None
        for _attempt in range(2):
            token = self._token(http, refused=refused)
            response = http.get(url, params=params, ok=(200, 401),
                                headers={**headers, "Authorization": f"Bearer {token}"})  # fmt: skip
            if response.status_code == 200:
                return response
            refused = token
        raise AuthError(f"{url} refused a freshly issued token: is the app revoked?")

    def _token(self, http: HttpSession, *, refused: str | None = None) -> str:
        """The cached token for this client id, or a new one (one at a time per process)."""
        client_id = secret(self.config, self.settings.client_id_env,
                           f"sources.{self.source_name}.client_id_env") or ""  # fmt: skip
        key = (self.settings.token_url, client_id)
        with _ISSUE_LOCK:
            with _TOKEN_LOCK:
                cached = _TOKENS.get(key)
            if cached and cached[0] != refused and cached[1] > time.time() + 60:
                return cached[0]
            client_secret = secret(self.config, self.settings.client_secret_env,
                                   f"sources.{self.source_name}.client_secret_env") or ""  # fmt: skip
            headers = {"User-Agent": self.settings.user_agent} if self.settings.user_agent else {}
            response = http.post(self.settings.token_url, data={"grant_type": "client_credentials"},
                                 auth=(client_id, client_secret), headers=headers)  # fmt: skip
            data = response.json_object()
            if "access_token" not in data:  # Reddit answers 200 {"error": "invalid_grant"} too
                raise AuthError(f"{self.settings.token_url}: no token issued "
                                f"({data.get('error', 'no reason')}); check the client id and secret")  # fmt: skip
            lifetime = data.get("expires_in") if isinstance(data.get("expires_in"), int | float) else 3600
            with _TOKEN_LOCK:
                _TOKENS[key] = (str(data["access_token"]), time.time() + float(lifetime))
            return str(data["access_token"])

    def _post(self, child: Any, where: str) -> Post | None:
        if not isinstance(child, dict) or not isinstance(child.get("data"), dict):
            raise ParseError(f"{where}: a listing child without data")
        if child.get("kind") != "t3":
            return None
        d = child["data"]
        if d.get("over_18") and not self.settings.include_nsfw:
            return None
        if d.get("removed_by_category"):  # removed by moderators, Reddit or its author
            return None
        try:
            created = datetime.fromtimestamp(float(d["created_utc"]), UTC)
        except (KeyError, TypeError, ValueError) as exc:
            raise ParseError(f"{where}: post {d.get('name')!r} has no created_utc") from exc
        name = d.get("name") or (f"t3_{d['id']}" if d.get("id") else None)
        if not name:
            raise ParseError(f"{where}: a post without a name")
        author = d.get("author")
        title = str(d.get("title") or "")
        body = html_to_text(d.get("selftext_html")) if d.get("selftext_html") else str(d.get("selftext") or "")
        permalink = d.get("permalink") or ""
        return Post(
            source=self.source_name,
            native_id=str(name),
            created_at=created,
            title=title or None,
            text=body or title,
            url=f"https://www.reddit.com{permalink}" if permalink.startswith("/") else d.get("url"),
            author=None if author in (None, "[deleted]") else f"u/{author}",
            lang=None,
            likes=count(d.get("score")),
            reposts=count(d.get("num_crossposts")),
            replies=count(d.get("num_comments")),
            extra={"subreddit": d.get("subreddit"), "link": d.get("url"), "flair": d.get("link_flair_text")},
        )


def forget_tokens() -> None:
    """Drop cached tokens (tests; or after rotating the app's secret)."""
    with _TOKEN_LOCK:
        _TOKENS.clear()
