"""Polite HTTP for collectors: one shared ``httpx.Client``, wrapped with the manners we owe.

Every request identifies Groundswell (User-Agent with a contact address), is paced per host,
backs off with jitter on 429, 5xx and timeouts, honours ``Retry-After`` and the rate-limit
headers services send, refuses oversized bodies and wrong content types, and gives up after a
bounded time. Failures become :mod:`groundswell.errors` types, never raw library errors.
"""

from __future__ import annotations

import email.utils
import json
import random
import re
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from . import __version__
from .errors import AuthError, ParseError, RateLimited, SourceUnavailable

__all__ = ["HttpSession", "Response", "make_client"]

JSON_TYPES = ("application/json", "+json", "text/json", "text/javascript")
XML_TYPES = ("xml", "rss", "atom", "text/plain", "application/octet-stream")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def make_client(user_agent: str, contact: str, timeout: float = 20.0, **kwargs: Any) -> httpx.Client:
    """The one client a run shares: descriptive User-Agent, bounded redirects and timeouts."""
    headers = {"User-Agent": f"{user_agent} groundswell/{__version__} (+contact: {contact})"}
    return httpx.Client(
        headers=headers,
        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        follow_redirects=True,
        max_redirects=5,
        limits=httpx.Limits(max_connections=32, max_keepalive_connections=16),
        **kwargs,
    )


@dataclass(frozen=True)
class Response:
    """What a collector gets back: status, headers, the whole (bounded) body, the final URL."""

    status_code: int
    headers: httpx.Headers
    content: bytes
    url: str

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def json(self) -> Any:
        """Parse JSON, cleaning the control characters some services (GDELT) leave in it."""
        try:
            text = self.content.decode("utf-8-sig", errors="replace")
            return json.loads(_CONTROL.sub(" ", text))
        except ValueError as exc:
            raise ParseError(f"malformed JSON from {self.url}: {exc}") from exc


class HttpSession:
    """The shared client plus pacing, retry and size rules. Thread-safe; one per run."""

    def __init__(
        self,
        client: httpx.Client,
        *,
        max_body_bytes: int = 10_000_000,
        max_retry_seconds: float = 120.0,
        max_attempts: int = 6,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = client
        self.max_body_bytes = max_body_bytes
        self.max_retry_seconds = max_retry_seconds
        self.max_attempts = max_attempts
        self._sleep = sleep
        self._clock = clock
        self._lock = threading.Lock()
        self._next_slot: dict[str, float] = {}
        self._intervals: dict[str, float] = {}
        self.requests = 0

    def set_min_interval(self, host: str, seconds: float) -> None:
        """At most one request per ``seconds`` to ``host`` (published limits, e.g. GDELT 5 s)."""
        with self._lock:
            self._intervals[host] = max(seconds, self._intervals.get(host, 0.0))

    def _wait_turn(self, host: str) -> None:
        with self._lock:
            now = self._clock()
            slot = max(now, self._next_slot.get(host, now))
            self._next_slot[host] = slot + self._intervals.get(host, 0.0)
        if slot > now:
            self._sleep(slot - now)

    def _hold_host(self, host: str, seconds: float) -> None:
        with self._lock:
            self._next_slot[host] = max(self._next_slot.get(host, 0.0), self._clock() + seconds)

    def request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, Any] | Iterable[tuple[str, Any]] | None = None,
        headers: Mapping[str, str] | None = None,
        data: Mapping[str, Any] | None = None,
        json_body: Any = None,
        auth: httpx.Auth | tuple[str, str] | None = None,
        expect: str = "json",
        ok: tuple[int, ...] = (200,),
    ) -> Response:
        """Send a request with retries. ``expect`` is json | xml | any; ``ok`` lists the
        statuses handed back to the caller (e.g. 304 for conditional GET)."""
        host = urlsplit(url).netloc
        started = self._clock()
        attempt = 0
        while True:
            attempt += 1
            self._wait_turn(host)
            try:
                response = self._send(method, url, params=params, headers=headers, data=data,
                                      json_body=json_body, auth=auth)  # fmt: skip
            except httpx.TooManyRedirects as exc:
                raise SourceUnavailable(f"redirect loop at {url}") from exc
            except (httpx.TimeoutException, httpx.TransportError) as exc:
                reason = "timed out" if isinstance(exc, httpx.TimeoutException) else f"network error: {exc}"
                wait = self._backoff(attempt)
                if not self._may_retry(started, attempt, wait):
                    raise SourceUnavailable(f"{url} {reason} after {attempt} attempt(s)") from exc
                self._sleep(wait)
                continue
            self._respect_rate_headers(host, response.headers)
            status = response.status_code
            if status in ok:
                self._check_type(response, expect)
                return response
            if status == 429 or status >= 500:
                retry_after = _retry_after(response.headers)
                wait = retry_after if retry_after is not None else self._backoff(attempt)
                if retry_after is not None:
                    self._hold_host(host, retry_after)
                if not self._may_retry(started, attempt, wait):
                    kind = RateLimited if status == 429 else SourceUnavailable
                    hint = f" (Retry-After {retry_after:.0f}s is beyond our limit)" if retry_after else ""
                    raise kind(f"{url} answered {status} after {attempt} attempt(s){hint}")
                self._sleep(wait)
                continue
            if status in (401, 403):
                raise AuthError(f"{url} answered {status}: credentials missing, expired or revoked")
            raise SourceUnavailable(f"{url} answered {status}")

    def get(self, url: str, **kwargs: Any) -> Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> Response:
        return self.request("POST", url, **kwargs)

    # --- internals -----------------------------------------------------------------------
    def _send(self, method: str, url: str, *, json_body: Any = None, **kwargs: Any) -> Response:
        self.requests += 1
        with self.client.stream(method, url, json=json_body, **kwargs) as response:
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > self.max_body_bytes:
                raise ParseError(f"{url}: body of {declared} bytes exceeds the {self.max_body_bytes}-byte limit")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > self.max_body_bytes:
                    raise ParseError(f"{url}: body exceeds the {self.max_body_bytes}-byte limit")
            return Response(response.status_code, response.headers, bytes(body), str(response.url))

    def _check_type(self, response: Response, expect: str) -> None:
        if response.status_code == 304 or expect == "any":
            return
        ctype = response.content_type
        head = response.content[:512].lstrip().lower()
        looks_html = head.startswith((b"<!doctype html", b"<html")) or ctype == "text/html"
        if expect == "json":
            if looks_html or (ctype and not any(t in ctype for t in JSON_TYPES)):
                raise ParseError(f"{response.url}: expected JSON, got {ctype or 'no content type'}"
                                 + (" (an HTML page)" if looks_html else ""))  # fmt: skip
        elif expect == "xml":
            if looks_html or (ctype and not any(t in ctype for t in XML_TYPES)):
                raise ParseError(f"{response.url}: expected a feed, got {ctype or 'no content type'}"
                                 + (" (an HTML page)" if looks_html else ""))  # fmt: skip

    def _backoff(self, attempt: int) -> float:
        return min(60.0, 0.5 * 2 ** (attempt - 1)) * (0.5 + random.random())

    def _may_retry(self, started: float, attempt: int, wait: float) -> bool:
        return attempt < self.max_attempts and self._clock() - started + wait <= self.max_retry_seconds

    def _respect_rate_headers(self, host: str, headers: httpx.Headers) -> None:
        """When a service says the quota is spent, wait for its reset before the next call."""
        remaining = headers.get("x-ratelimit-remaining")
        reset = headers.get("x-ratelimit-reset")
        if remaining is None or reset is None:
            return
        try:
            if float(remaining) >= 1:
                return
        except ValueError:
            return
        seconds = _reset_seconds(reset)
        if seconds is not None and seconds > 0:
            self._hold_host(host, min(seconds, self.max_retry_seconds))


def _retry_after(headers: httpx.Headers) -> float | None:
    value = headers.get("retry-after")
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _reset_seconds(value: str) -> float | None:
    """Reset is seconds from now (Reddit), epoch seconds, or an ISO time (Mastodon)."""
    try:
        number = float(value)
    except ValueError:
        try:
            when = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return (when - datetime.now(UTC)).total_seconds()
    if number > 1_000_000_000:
        return number - time.time()
    return number
