"""Bluesky: ``app.bsky.feed.searchPosts`` through the user's PDS with an app-password session.

Since 2025 search needs a session. ``createSession`` is limited (30 per 5 minutes, 300 a day per
account), so a session is created once per process and account, reused by every run, refreshed
with ``refreshSession`` when the service says ``ExpiredToken``, and created again only when the
refresh token itself is dead — never a login per request.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

from pydantic import Field

from ..config import WEB_ADDRESS, secret
from ..errors import AuthError, ConfigError, ParseError, SourceUnavailable
from ..http import HttpSession, Response
from ..posts import Post
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

_SESSIONS: dict[tuple[str, str], dict[str, str]] = {}
_SESSION_LOCK = threading.Lock()
_LOGIN_LOCK = threading.Lock()
_XRPC = "/xrpc/"


class BlueskySettings(Settings):
    pds_url: str = Field("https://bsky.social", pattern=WEB_ADDRESS,
                         description="your PDS (not public.api.bsky.app, which refuses search)")  # fmt: skip
    handle: str = Field(min_length=3, description="account handle, e.g. ourorg.bsky.social")
    app_password_env: str = Field(min_length=1, description="env var holding an app password")
    queries: list[str] | None = Field(None, description="search queries; default: topics.keywords")
    lang: str | None = Field("en", description="language filter (ISO 639-1) or none")
    limit: int = Field(100, ge=1, le=100, description="posts per request")
    max_pages: int = Field(5, ge=1, le=100, description="pages per query per run")


class BlueskyCollector(Collector):
    name = "bluesky"
    Settings = BlueskySettings
    settings: BlueskySettings

    def collect(self, http: HttpSession, cursor: dict[str, Any] | None) -> Iterator[Page]:
        queries = self.settings.queries or self.config.topics.keywords
        if not queries:
            raise ConfigError(f"{self.config.path}: source {self.source_name}: no queries")
        streams = [(query, self._stream(http, query)) for query in queries]
        yield from run_streams(cursor, streams)
        self.check_skipped()

    def _stream(self, http: HttpSession, query: str):  # type: ignore[no-untyped-def]
        def fetch(token: Any, seen: Any) -> Listing:
            params: dict[str, Any] = {"q": query, "sort": "latest", "limit": self.settings.limit}
            if self.settings.lang:
                params["lang"] = self.settings.lang
            if seen:
                params["since"] = seen
            if token:
                params["cursor"] = token
            response = self._call(http, "app.bsky.feed.searchPosts", params)
            data = response.json_object("posts")
            pairs = [pair for pair in self.read(data["posts"], lambda view: self._post(view, str(response.url)))
                     if pair is not None]  # fmt: skip
            posts, keys = [p for p, _ in pairs], [k for _, k in pairs]
            more = data.get("cursor") if len(data["posts"]) >= self.settings.limit else None
            return Listing(posts, keys, more)

        def walk(state: dict[str, Any] | None) -> Iterator[tuple[list[Post], dict[str, Any]]]:
            yield from walk_newest_first(state, fetch, self.settings.max_pages)

        return walk

    # --- the session -------------------------------------------------------------------
    @property
    def _key(self) -> tuple[str, str]:
        return self.settings.pds_url.rstrip("/"), self.settings.handle.lower()

    def _call(self, http: HttpSession, method: str, params: dict[str, Any]) -> Response:
        url = f"{self._key[0]}{_XRPC}{method}"
        for attempt in range(3):
            session = self._session(http)
            response = http.get(url, params=params, ok=(200, 400, 401),
                                headers={"Authorization": f"Bearer {session['accessJwt']}"})  # fmt: skip
            if response.status_code == 200:
                return response
            error = _error_name(response)
            if error == "ExpiredToken" and attempt == 0:
                self._refresh(http, session)
            elif response.status_code == 401 and attempt < 2:
                self._forget(session)  # revoked or unknown token: one fresh login
            elif response.status_code == 401 or error == "ExpiredToken":
                raise AuthError(f"{url}: the session was refused again after a fresh login ({error})")
            else:
                raise SourceUnavailable(f"{url} answered 400 {error}: {_message(response)}")
        raise AuthError(f"{url}: could not get a working session")

    def _session(self, http: HttpSession) -> dict[str, str]:
        with _SESSION_LOCK:
            session = _SESSIONS.get(self._key)
        if session is not None:
            return session
        with _LOGIN_LOCK:  # two sources on one account must not both log in
            with _SESSION_LOCK:
                session = _SESSIONS.get(self._key)
            if session is not None:
                return session
            password = secret(self.config, self.settings.app_password_env,
                              f"sources.{self.source_name}.app_password_env")  # fmt: skip
            response = http.post(f"{self._key[0]}{_XRPC}com.atproto.server.createSession",
                                 json_body={"identifier": self.settings.handle, "password": password},
                                 ok=(200, 400, 401))  # fmt: skip
            if response.status_code != 200:
                raise AuthError(f"Bluesky login for {self.settings.handle} refused "
                                f"({_error_name(response)}): check the app password is not revoked")  # fmt: skip
            return self._keep(response)

    def _refresh(self, http: HttpSession, session: dict[str, str]) -> None:
        response = http.post(f"{self._key[0]}{_XRPC}com.atproto.server.refreshSession",
                             headers={"Authorization": f"Bearer {session['refreshJwt']}"},
                             ok=(200, 400, 401))  # fmt: skip
        if response.status_code == 200:
            self._keep(response)
        else:
            self._forget(session)  # the refresh token is dead too: the next call logs in once

    def _keep(self, response: Response) -> dict[str, str]:
        data = response.json_object("accessJwt", "refreshJwt")
        session = {"accessJwt": str(data["accessJwt"]), "refreshJwt": str(data["refreshJwt"])}
        with _SESSION_LOCK:
            _SESSIONS[self._key] = session
        return session

    def _forget(self, session: dict[str, str]) -> None:
        with _SESSION_LOCK:
            if _SESSIONS.get(self._key) is session:
                del _SESSIONS[self._key]

    # --- mapping -----------------------------------------------------------------------
    def _post(self, view: Any, where: str) -> tuple[Post, str] | None:
        if not isinstance(view, dict) or not isinstance(view.get("record"), dict):
            raise ParseError(f"{where}: a post without a record")
        uri, record, author = view.get("uri"), view["record"], view.get("author") or {}
        labels = author.get("labels") if isinstance(author.get("labels"), list) else []
        if any(isinstance(lb, dict) and lb.get("val") == "!no-unauthenticated" for lb in labels):
            return None  # the author asked apps not to show them to people who are not signed in
        if not isinstance(uri, str) or not uri.startswith("at://"):
            raise ParseError(f"{where}: post uri {uri!r} is not an at:// uri")
        created = parse_time(record.get("createdAt") or view.get("indexedAt"), f"{where} {uri}")
        indexed = parse_time(view.get("indexedAt") or record.get("createdAt"), f"{where} {uri}")
        handle = author.get("handle") or author.get("did")
        langs = record.get("langs") or []
        post = Post(
            source=self.source_name,
            native_id=uri[:500],
            created_at=created,
            text=str(record.get("text") or ""),
            url=f"https://bsky.app/profile/{handle}/post/{uri.rsplit('/', 1)[-1]}" if handle else None,
            author=handle,
            author_name=author.get("displayName") or None,
            lang=str(langs[0])[:16] if langs else None,
            likes=count(view.get("likeCount")),
            reposts=count(view.get("repostCount")),
            replies=count(view.get("replyCount")),
            extra={"quotes": count(view.get("quoteCount")), "did": author.get("did"),
                   "tags": list(record.get("tags") or [])[:30]},
        )  # fmt: skip
        return post, time_key(min(created, indexed))


def _error_name(response: Response) -> str:
    try:
        data = response.json()
    except ParseError:
        return f"status {response.status_code}"
    return str(data.get("error")) if isinstance(data, dict) and data.get("error") else "unknown error"


def _message(response: Response) -> str:
    try:
        data = response.json()
    except ParseError:
        return ""
    return str(data.get("message", ""))[:200] if isinstance(data, dict) else ""


def forget_sessions() -> None:
    """Drop cached sessions (tests; or after changing an app password)."""
    with _SESSION_LOCK:
        _SESSIONS.clear()
