"""GDELT DOC 2.0: news articles on care queries by time window, and each query's tone timeline.

GDELT has no cursor and returns at most 250 articles a call, so we walk time windows: each run
covers from where the last one stopped to a little before now; a window that comes back full is
split in half until it fits (or reaches ``min_slice_minutes``). Windows are saved oldest first,
each with the cursor that ends at it, so a crash loses nothing. Articles have no id, author or
body: they are keyed on URL, with the headline as text and the domain as author.

The tone timeline (``mode=timelinetone``) for the same window rides on ``Page.series`` and is
stored in the ``news_tone`` table (source, query, bucket_at, tone). GDELT asks for one request
every 5 seconds; the session paces this host accordingly.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from pydantic import Field

from ..config import WEB_ADDRESS
from ..errors import ErrorPage, ParseError, WrongContentType
from ..http import JSON_TYPES, HttpSession, Response
from ..posts import Post, html_to_text
from .base import Collector, Page, Settings

CAP = 250
_STAMP = "%Y%m%d%H%M%S"
_LANGS = {"english": "en", "welsh": "cy", "french": "fr", "german": "de", "spanish": "es",
          "italian": "it", "portuguese": "pt", "dutch": "nl", "polish": "pl", "irish": "ga"}  # fmt: skip


class GdeltSettings(Settings):
    api_url: str = Field("https://api.gdeltproject.org/api/v2/doc/doc", pattern=WEB_ADDRESS,
                         description="the DOC 2.0 API endpoint")  # fmt: skip
    queries: list[str] | None = Field(None, description="GDELT queries; default: topics.keywords")
    sourcecountry: str | None = Field("UK", description="added as sourcecountry:XX; none for all")
    lookback_hours: float = Field(24.0, gt=0, le=24 * 90, description="first run reaches back this far")
    lag_minutes: float = Field(15.0, ge=0, description="GDELT updates every 15 minutes")
    min_slice_minutes: float = Field(15.0, gt=0, description="smallest window when splitting")
    max_requests: int = Field(60, ge=1, description="article requests per query per run")
    tone: bool = Field(True, description="also store the query's tone timeline")
    min_interval_seconds: float = Field(5.0, ge=5.0, description="GDELT's published pacing")


class GdeltCollector(Collector):
    name = "gdelt"
    Settings = GdeltSettings
    settings: GdeltSettings

    def queries(self) -> list[str]:
        """Configured queries, or one query OR-ing the topic keywords."""
        queries = self.settings.queries
        if not queries:
            words = [f'"{k}"' if " " in k else k for k in self.config.topics.keywords]
            queries = [f"({' OR '.join(words)})" if len(words) > 1 else words[0]] if words else []
        if self.settings.sourcecountry:
            queries = [f"{q} sourcecountry:{self.settings.sourcecountry}" for q in queries]
        return queries

    def collect(self, http: HttpSession, cursor: dict[str, Any] | None) -> Iterator[Page]:
        http.set_min_interval(urlsplit(self.settings.api_url).netloc, self.settings.min_interval_seconds)
        state: dict[str, Any] = dict((cursor or {}).get("queries") or {})
        now = datetime.now(UTC).replace(second=0, microsecond=0)
        end = now - timedelta(minutes=self.settings.lag_minutes)
        for query in self.queries():
            until = state.get(query)
            start = _parse_stamp(until) if until else end - timedelta(hours=self.settings.lookback_hours)
            if end <= start:
                continue
            if self.settings.tone:
                series = self._tone(http, query, start, end)
                yield Page([], {"queries": dict(state)}, series=series)
            for posts, slice_end in self._windows(http, query, start, end):
                state[query] = slice_end.strftime(_STAMP)
                yield Page(posts, {"queries": dict(state)})
        self.check_skipped()

    def _windows(self, http: HttpSession, query: str, start: datetime,
                 end: datetime) -> Iterator[tuple[list[Post], datetime]]:  # fmt: skip
        pending = [(start, end)]
        smallest = timedelta(minutes=self.settings.min_slice_minutes)
        for _ in range(self.settings.max_requests):
            if not pending:
                return
            lo, hi = pending.pop(0)
            articles = self._articles(http, query, lo, hi)
            if len(articles) >= CAP and hi - lo > smallest:
                middle = lo + max(smallest, (hi - lo) / 2)
                pending[:0] = [(lo, middle), (middle, hi)]
                continue
            posts: dict[str, Post] = {}
            for post in self.read(articles, lambda article: self._post(article, query)):
                if post is not None:
                    posts.setdefault(post.native_id, post)
            yield list(posts.values()), hi
        # out of requests for this run: the rest waits for the next run (cursor marks the spot)

    def _get(self, http: HttpSession, params: dict[str, Any]) -> dict[str, Any]:
        response = http.get(self.settings.api_url, params={**params, "format": "json"}, expect="any")
        _check(response)
        return response.json_object()

    def _articles(self, http: HttpSession, query: str, lo: datetime, hi: datetime) -> list[Any]:
        data = self._get(http, {"query": query, "mode": "artlist", "maxrecords": CAP, "sort": "datedesc",
                                "startdatetime": lo.strftime(_STAMP), "enddatetime": hi.strftime(_STAMP)})  # fmt: skip
        articles = data.get("articles", [])  # no results is {}
        if not isinstance(articles, list):
            raise ParseError(f"{self.settings.api_url}: articles is not a list")
        return articles

    def _tone(self, http: HttpSession, query: str, lo: datetime, hi: datetime) -> list[dict[str, Any]]:
        data = self._get(http, {"query": query, "mode": "timelinetone",
                                "startdatetime": lo.strftime(_STAMP), "enddatetime": hi.strftime(_STAMP)})  # fmt: skip
        rows = []
        for series in data.get("timeline") or []:
            for point in (series.get("data") or []) if isinstance(series, dict) else []:
                try:
                    bucket = _parse_seen(point["date"])
                    tone = float(point["value"])
                except (KeyError, TypeError, ValueError) as exc:
                    raise ParseError(f"{self.settings.api_url}: bad tone point {point!r}") from exc
                rows.append({"query": query, "bucket_at": bucket, "tone": tone})
        return rows

    def _post(self, article: Any, query: str) -> Post | None:
        if not isinstance(article, dict):
            raise ParseError(f"{self.settings.api_url}: an article that is not an object")
        url = article.get("url")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            return None
        title = html_to_text(str(article.get("title") or ""))
        try:
            seen = _parse_seen(article.get("seendate"))
        except (TypeError, ValueError) as exc:
            raise ParseError(f"{self.settings.api_url}: article {url} has a bad seendate") from exc
        language = str(article.get("language") or "")
        return Post(
            source=self.source_name,
            native_id=url[:500],
            created_at=seen,
            title=title or None,
            text=title,
            url=url,
            author=article.get("domain") or urlsplit(url).netloc,
            lang=_LANGS.get(language.lower()),
            extra={"query": query, "domain": article.get("domain"), "language": language or None,
                   "sourcecountry": article.get("sourcecountry")},
        )  # fmt: skip


def _check(response: Response) -> None:
    """GDELT answers a bad query with 200 and a plain-text complaint; say what it said."""
    ctype = response.content_type
    head = response.content[:256].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        raise ErrorPage(f"{response.url}: an HTML page came back where JSON was expected")
    if ctype and not any(t in ctype for t in JSON_TYPES):
        said = response.content[:200].decode("utf-8", errors="replace").strip()
        raise WrongContentType(f"{response.url}: expected JSON, got {ctype}: {said!r}")


def _parse_stamp(value: str) -> datetime:
    return datetime.strptime(value, _STAMP).replace(tzinfo=UTC)


def _parse_seen(value: Any) -> datetime:
    return datetime.strptime(str(value), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
