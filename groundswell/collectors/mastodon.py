"""Mastodon hashtag timelines on any number of servers.

One request per server covers every hashtag (``/timelines/tag/{first}?any[]=...``). Each server
sees only what federated to it, so posts are keyed on their ActivityPub ``uri``: the same post
read on three servers is stored once. A boost is counted as spread (the original's reposts),
never as a new post. Since Mastodon 4.5 a server may restrict hashtag feeds
(``configuration.timelines_access.hashtag_feeds`` in ``/api/v2/instance``); we respect it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Any
from urllib.parse import parse_qs, quote, urlsplit

from pydantic import Field

from ..config import WEB_ADDRESS, secret
from ..errors import AuthError, ConfigError, ParseError, SourceUnavailable
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
    walk_newest_first,
)

_LINK = re.compile(r'<([^>]+)>\s*;\s*rel="?([a-z]+)"?')


class MastodonSettings(Settings):
    servers: list[Annotated[str, Field(pattern=WEB_ADDRESS)]] = Field(
        default_factory=lambda: ["https://mastodon.social"], min_length=1,
        description="server base URLs, e.g. https://mastodon.social",
    )  # fmt: skip
    hashtags: list[str] | None = Field(None, description="without '#'; default: topics.hashtags")
    token_env: str | None = Field(None, description="env var holding an optional access token")
    limit: int = Field(40, ge=1, le=40, description="statuses per request (Mastodon's maximum is 40)")
    max_pages: int = Field(10, ge=1, le=100, description="pages per server per run")
    local_only: bool = Field(False, description="only posts made on each server itself")


class MastodonCollector(Collector):
    name = "mastodon"
    Settings = MastodonSettings
    settings: MastodonSettings

    def collect(self, http: HttpSession, cursor: dict[str, Any] | None) -> Iterator[Page]:
        tags = [t.lstrip("#") for t in (self.settings.hashtags or self.config.topics.hashtags) if t.strip("#")]
        if not tags:
            raise ConfigError(f"{self.config.path}: source {self.source_name}: no hashtags configured")
        token = secret(self.config, self.settings.token_env, f"sources.{self.source_name}.token_env")
        merged: dict[str, tuple[int, int, int]] = {}  # uri -> best counts seen this run
        streams = [(server.rstrip("/"), self._stream(http, server.rstrip("/"), tags, token, merged))
                   for server in self.settings.servers]  # fmt: skip
        yield from run_streams(cursor, streams)
        self.check_skipped()

    def _stream(self, http: HttpSession, server: str, tags: list[str], token: str | None,
                merged: dict[str, tuple[int, int, int]]):  # type: ignore[no-untyped-def]  # fmt: skip
        headers = {"Authorization": f"Bearer {token}"} if token else {}

        def walk(state: dict[str, Any] | None) -> Iterator[tuple[list[Post], dict[str, Any]]]:
            scope = self._scope(http, server, headers)
            url = f"{server}/api/v1/timelines/tag/{quote(tags[0], safe='')}"

            def fetch(token_max_id: Any, seen: Any) -> Listing:
                params: list[tuple[str, Any]] = [("any[]", t) for t in tags[1:]]
                params.append(("limit", self.settings.limit))
                params.extend(scope)
                if token_max_id:
                    params.append(("max_id", token_max_id))
                if seen is not None:
                    params.append(("since_id", seen))
                response = http.get(url, params=params, headers=headers)
                statuses = response.json()
                if not isinstance(statuses, list):
                    raise ParseError(f"{response.url}: expected a list of statuses")
                posts, keys = self._page(statuses, server, merged, str(response.url))
                older = _next_max_id(response.headers.get("link", ""))
                return Listing(posts, keys, older if len(statuses) >= self.settings.limit else None)

            yield from walk_newest_first(state, fetch, self.settings.max_pages)

        return walk

    def _scope(self, http: HttpSession, server: str, headers: dict[str, str]) -> list[tuple[str, str]]:
        """Read the server's hashtag-feed access rule; return the params that fit it."""
        response = http.get(f"{server}/api/v2/instance", headers=headers, ok=(200, 404))
        if response.status_code == 404:  # before Mastodon 4.0: no v2 instance, feeds are public
            return [("local", "true")] if self.settings.local_only else []
        feeds = _dig(response.json(), "configuration", "timelines_access", "hashtag_feeds")
        local, remote = feeds.get("local", "public"), feeds.get("remote", "public")
        signed_in = bool(headers)
        allowed = {
            side: rule == "public" or (rule == "authenticated" and signed_in)
            for side, rule in (("local", local), ("remote", remote))
        }
        if not allowed["local"] and not allowed["remote"]:
            if "authenticated" in (local, remote) and not signed_in:
                raise AuthError(f"{server} shows hashtag feeds only to signed-in accounts; "
                                "set token_env to an access token's environment variable")  # fmt: skip
            raise SourceUnavailable(f"{server} has disabled hashtag feeds")
        if self.settings.local_only or not allowed["remote"]:
            return [("local", "true")]
        if not allowed["local"]:
            return [("remote", "true")]
        return []

    def _page(self, statuses: list[Any], server: str, merged: dict[str, tuple[int, int, int]],
              where: str) -> tuple[list[Post], list[int]]:  # fmt: skip
        boosts: dict[str, int] = {}
        originals: dict[str, dict[str, Any]] = {}
        keys: dict[str, int] = {}
        for key, original, boost in self.read(statuses, lambda status: _unwrap(status, where)):
            uri = original["uri"]
            boosts[uri] = boosts.get(uri, 0) + boost
            originals.setdefault(uri, original)
            keys[uri] = max(keys.get(uri, key), key)
        public = [(uri, o) for uri, o in originals.items()
                  if o.get("visibility") in (None, "public", "unlisted")
                  and not _opted_out(o.get("account"))]  # fmt: skip
        pairs = self.read(public, lambda item: (self._post(item[1], server, boosts[item[0]], merged, where),
                                                keys[item[0]]), raw=lambda item: item[1])  # fmt: skip
        return [post for post, _ in pairs], [key for _, key in pairs]

    def _post(self, status: dict[str, Any], server: str, boosts_seen: int,
              merged: dict[str, tuple[int, int, int]], where: str) -> Post:  # fmt: skip
        account = status.get("account") or {}
        uri = status["uri"]
        counts = (count(status.get("favourites_count")),
                  max(count(status.get("reblogs_count")), boosts_seen),
                  count(status.get("replies_count")))  # fmt: skip
        best = merged.get(uri)
        if best:  # the same post read on another server: keep the fuller counts
            counts = tuple(max(a, b) for a, b in zip(counts, best, strict=True))  # type: ignore[assignment]
        merged[uri] = counts
        text = html_to_text(status.get("content"))
        if status.get("spoiler_text"):
            text = f"{html_to_text(status['spoiler_text'])}\n\n{text}".strip()
        return Post(
            source=self.source_name,
            native_id=str(uri)[:500],
            created_at=parse_time(status.get("created_at"), f"{where} status {status.get('id')}"),
            text=text,
            url=status.get("url") or uri,
            author=_handle(account),
            author_name=account.get("display_name") or None,
            lang=(status.get("language") or None),
            likes=counts[0],
            reposts=counts[1],
            replies=counts[2],
            extra={
                "server": urlsplit(server).netloc,
                "tags": [t.get("name") for t in status.get("tags") or [] if isinstance(t, dict)][:30],
                "edited_at": status.get("edited_at"),
            },
        )


def _opted_out(account: Any) -> bool:
    """People who asked not to be indexed (``noindex``) or not to be read by bots (#nobot)."""
    if not isinstance(account, dict):
        return False
    return account.get("noindex") is True or "#nobot" in str(account.get("note") or "").lower()


def _dig(data: Any, *keys: str) -> dict[str, Any]:
    """``data[k1][k2]...`` when every step is an object, else {} (older servers lack keys)."""
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data if isinstance(data, dict) else {}


def _unwrap(status: Any, where: str) -> tuple[int, dict[str, Any], int]:
    """(timeline key, the original status, 1 if this was a boost of it else 0)."""
    if not isinstance(status, dict) or "id" not in status:
        raise ParseError(f"{where}: a status without an id")
    try:
        key = int(status["id"])
    except (TypeError, ValueError) as exc:
        raise ParseError(f"{where}: status id {status.get('id')!r} is not a number") from exc
    original = status["reblog"] if isinstance(status.get("reblog"), dict) else status
    if not original.get("uri"):
        raise ParseError(f"{where}: status {status['id']} has no uri")
    return key, original, int(original is not status)


def _handle(account: dict[str, Any]) -> str | None:
    """``user@domain`` everywhere: a server shows its own users without the domain."""
    acct = account.get("acct") or account.get("username")
    if not acct:
        return None
    if "@" in acct:
        return str(acct)
    domain = urlsplit(account.get("url") or "").netloc
    return f"{acct}@{domain}" if domain else str(acct)


def _next_max_id(link: str) -> str | None:
    """The ``max_id`` of the ``rel="next"`` (older) page in a Link header."""
    for target, rel in _LINK.findall(link):
        if rel == "next":
            values = parse_qs(urlsplit(target).query).get("max_id")
            return values[0] if values else None
    return None
