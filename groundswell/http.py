"""Polite HTTP for collectors: one shared ``httpx.Client``, wrapped with the manners we owe.

Every request identifies Groundswell (User-Agent with a contact address), is paced per host
(a minimum interval where a service publishes one, at most ``per_host`` requests in flight),
backs off with jitter on 429, 5xx and timeouts, honours ``Retry-After`` and the rate-limit
headers services send (``X-RateLimit-Reset`` as seconds from now for Reddit, an ISO time for
Mastodon, epoch seconds elsewhere), refuses oversized bodies and wrong content types, and
gives up after a bounded time. Failures become :mod:`groundswell.errors` types, never raw
library errors, so a collector's run is recorded with a kind that says what went wrong.
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
from .errors import (
    AuthError,
    BodyTooLarge,
    ErrorPage,
    ParseError,
    RateLimited,
    RedirectLoop,
    SourceUnavailable,
    TimedOut,
    WrongContentType,
)

__all__ = ["SHARED_LEDGER", "HostLedger", "HttpSession", "Response", "make_client"]

JSON_TYPES = ("application/json", "+json", "text/json", "text/javascript")
XML_TYPES = ("xml", "rss", "atom", "text/plain", "application/octet-stream")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_FEED_START = (b"<?xml", b"<rss", b"<feed", b"<rdf:rdf")


def make_client(user_agent: str, contact: str, timeout: float = 20.0, **kwargs: Any) -> httpx.Client:
    """The one client a run shares: descriptive User-Agent, bounded redirects and timeouts."""
    headers = {"User-Agent": f"{user_agent} groundswell/{__version__} (+contact: {contact})"}
    return httpx.Client(
        headers=headers,
        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        follow_redirects=True,
        max_redirects=5,
        limits=httpx.Limits(max_connections=64, max_keepalive_connections=32),
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

    def json_object(self, *required: str) -> dict[str, Any]:
        """Parse a JSON object and check it has the keys a collector relies on."""
        data = self.json()
        if not isinstance(data, dict):
            raise ParseError(f"{self.url}: expected a JSON object, got {type(data).__name__}")
        missing = [key for key in required if key not in data]
        if missing:
            raise ParseError(f"{self.url}: JSON lacks {', '.join(missing)}")
        return data


class HostLedger:
    """Per-host pacing state: next free slot, holds a service asked for, intervals, gates.

    Sessions on real time share one ledger per process (:data:`SHARED_LEDGER`), so pacing and
    holds span every run the scheduler starts, not just one run's session.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.next_slot: dict[str, float] = {}  # our own pacing
        self.blocked: dict[str, float] = {}  # holds a service asked for (Retry-After, quota reset)
        self.intervals: dict[str, float] = {}
        self.in_flight: dict[tuple[str, int], threading.BoundedSemaphore] = {}


SHARED_LEDGER = HostLedger()


class HttpSession:
    """The shared client plus pacing, retry and size rules. Thread-safe; one per run."""

    def __init__(
        self,
        client: httpx.Client,
        *,
        max_body_bytes: int = 10_000_000,
        max_retry_seconds: float = 120.0,
        max_attempts: int = 6,
        per_host: int = 4,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        ledger: HostLedger | None = None,
    ) -> None:
        self.client = client
        self.max_body_bytes = max_body_bytes
        self.max_retry_seconds = max_retry_seconds
        self.max_attempts = max_attempts
        self.per_host = per_host
        self._sleep = sleep
        self._clock = clock
        self._lock = threading.Lock()
        if ledger is None:  # real time: share the process's ledger; a test clock gets its own
            ledger = SHARED_LEDGER if clock is time.monotonic else HostLedger()
        self.ledger = ledger
        self.requests = 0

    def set_min_interval(self, host: str, seconds: float) -> None:
        """At most one request per ``seconds`` to ``host`` (published limits, e.g. GDELT 5 s).

        ``host`` is a URL's netloc (``api.gdeltproject.org``); a whole URL is accepted too.
        """
        host = urlsplit(host).netloc or host
        ledger = self.ledger
        with ledger.lock:
            ledger.intervals[host] = max(seconds, ledger.intervals.get(host, 0.0))

    def _wait_turn(self, host: str, url: str) -> None:
        """Wait for this host's next slot: our own pacing, and any hold the service asked for.

        Only a service's hold counts against ``max_retry_seconds``; queueing behind our own
        pacing is the price of politeness, not a failure.
        """
        ledger = self.ledger
        with ledger.lock:
            now = self._clock()
            blocked = ledger.blocked.get(host, now)
            if blocked - now > self.max_retry_seconds:
                raise RateLimited(f"{url}: the service asked us to wait {blocked - now:.0f}s, "
                                  f"beyond the {self.max_retry_seconds:.0f}s we allow")  # fmt: skip
            slot = max(now, blocked, ledger.next_slot.get(host, now))
            ledger.next_slot[host] = slot + ledger.intervals.get(host, 0.0)
        if slot > now:
            self._sleep(slot - now)

    def _hold_host(self, host: str, seconds: float) -> None:
        ledger = self.ledger
        with ledger.lock:
            ledger.blocked[host] = max(ledger.blocked.get(host, 0.0), self._clock() + seconds)

    def _gate(self, host: str) -> threading.BoundedSemaphore:
        ledger = self.ledger
        with ledger.lock:
            gate = ledger.in_flight.get((host, self.per_host))
            if gate is None:
                gate = ledger.in_flight[(host, self.per_host)] = threading.BoundedSemaphore(self.per_host)
            return gate

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
        statuses handed back to the caller (e.g. 304 for conditional GET, 400 for a service
        whose error body says more than its status)."""
        host = urlsplit(url).netloc
        started = self._clock()
        attempt = 0
        while True:
            attempt += 1
            self._wait_turn(host, url)
            try:
                with self._gate(host):
                    response = self._send(method, url, params=params, headers=headers, data=data,
                                          json_body=json_body, auth=auth)  # fmt: skip
            except httpx.TooManyRedirects as exc:
                raise RedirectLoop(f"redirect loop at {url}") from exc
            except httpx.LocalProtocolError as exc:  # not worth a retry; its text quotes the header,
                # which may carry a credential, so it is not repeated
                raise SourceUnavailable(f"{url}: could not send the request: a header value is not valid") from exc
            except (httpx.TimeoutException, httpx.TransportError) as exc:
                timed_out = isinstance(exc, httpx.TimeoutException)
                reason = "timed out" if timed_out else f"network error: {exc}"
                wait = self._backoff(attempt)
                if not self._may_retry(started, attempt, wait):
                    kind = TimedOut if timed_out else SourceUnavailable
                    raise kind(f"{url} {reason} after {attempt} attempt(s)") from exc
                self._sleep(wait)
                continue
            except (httpx.HTTPError, httpx.InvalidURL) as exc:  # decoding errors, bad URLs
                raise SourceUnavailable(f"{url}: {type(exc).__name__}: {exc}") from exc
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
                if retry_after is None:
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
        with self._lock:
            self.requests += 1
        with self.client.stream(method, url, json=json_body, **kwargs) as response:
            declared = response.headers.get("content-length")
            limit = self.max_body_bytes
            if declared and declared.isdigit() and int(declared) > limit:
                raise BodyTooLarge(f"{url}: body of {declared} bytes exceeds the {limit}-byte limit")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > limit:
                    raise BodyTooLarge(f"{url}: body exceeds the {limit}-byte limit")
            return Response(response.status_code, response.headers, bytes(body), str(response.url))

    def _check_type(self, response: Response, expect: str) -> None:
        if response.status_code == 304 or expect == "any":
            return
        ctype = response.content_type
        head = response.content[:512].lstrip().lower()
        shown = ctype or "no content type"
        if head.startswith((b"<!doctype html", b"<html")):
            raise ErrorPage(f"{response.url}: an HTML page ({shown}) came back with status "
                            f"{response.status_code} where {expect.upper()} was expected")  # fmt: skip
        if expect == "json" and ctype and not any(t in ctype for t in JSON_TYPES):
            raise WrongContentType(f"{response.url}: expected JSON, got {shown}")
        if expect == "xml" and ctype and not any(t in ctype for t in XML_TYPES):
            if not head.startswith(_FEED_START):  # some servers label good feeds text/html
                raise WrongContentType(f"{response.url}: expected a feed, got {shown}")

    def _backoff(self, attempt: int) -> float:
        return min(60.0, 0.5 * 2 ** (attempt - 1)) * (0.5 + random.random())

    def _may_retry(self, started: float, attempt: int, wait: float) -> bool:
        return attempt < self.max_attempts and self._clock() - started + wait <= self.max_retry_seconds

    def _respect_rate_headers(self, host: str, headers: httpx.Headers) -> None:
        """Spread the remaining quota over the time to its reset; wait for the reset when spent.

        A request that would wait longer than ``max_retry_seconds`` fails as RateLimited.
        """
        remaining = headers.get("x-ratelimit-remaining")
        reset = headers.get("x-ratelimit-reset")
        if remaining is None or reset is None:
            return
        try:
            left = float(remaining)
        except ValueError:
            return
        seconds = _reset_seconds(reset)
        if seconds is None or seconds <= 0:
            return
        if left < 1:
            self._hold_host(host, seconds)
        elif left < 10:  # nearly spent: pace the rest evenly instead of bursting into a 429
            self._hold_host(host, seconds / (left + 1))


def _retry_after(headers: httpx.Headers) -> float | None:
    value = headers.get("retry-after")
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
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
            when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return (when - datetime.now(UTC)).total_seconds()
    if number > 1_000_000_000:
        return number - time.time()
    return number
