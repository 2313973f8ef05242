"""UK Parliament petitions matching care keywords, with a signature-count snapshot every run.

The petitions site keeps no history of counts, so momentum (signatures a day) needs our own
snapshots: each run sweeps every matching petition (plus any tracked by id) and records
(petition_id, title, url, signature_count, taken_at) through ``Page.snapshots``. Each petition
is also a post (its action, background and details) so it can be classified like any other.
A sweep is a full measurement, so a run always starts from page one; the cursor only notes when
the last sweep finished.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

from pydantic import Field

from ..config import WEB_ADDRESS
from ..errors import ParseError
from ..http import HttpSession
from ..posts import Post, html_to_text
from .base import Collector, Page, Settings, count, parse_time


class PetitionsSettings(Settings):
    base_url: str = Field("https://petition.parliament.uk", pattern=WEB_ADDRESS,
                          description="the petitions site")  # fmt: skip
    queries: list[str] | None = Field(None, description="keywords; default: topics.keywords")
    state: str = Field("open", pattern=r"^(open|closed|all|debated|awaiting_response|with_response)$",
                       description="which petitions to search")  # fmt: skip
    track: list[int] = Field(default_factory=list, description="petition ids always snapshotted")
    max_pages: int = Field(10, ge=1, le=100, description="result pages per query per run")


class PetitionsCollector(Collector):
    name = "petitions"
    Settings = PetitionsSettings
    settings: PetitionsSettings

    @property
    def _base(self) -> str:
        return self.settings.base_url.rstrip("/")

    def collect(self, http: HttpSession, cursor: dict[str, Any] | None) -> Iterator[Page]:
        taken_at = datetime.now(UTC)
        seen: set[str] = set()
        progress = {"last_sweep": (cursor or {}).get("last_sweep")}
        for query in self.settings.queries or self.config.topics.keywords:
            page: int | None = 1
            for _ in range(self.settings.max_pages):
                if page is None:
                    break
                response = http.get(f"{self._base}/petitions.json",
                                    params={"q": query, "state": self.settings.state, "page": page})  # fmt: skip
                data = response.json_object("data")
                items = data["data"]
                if not isinstance(items, list):
                    raise ParseError(f"{response.url}: data is not a list")
                yield self._page([i for i in items if _new(i, seen)], taken_at, progress, str(response.url))
                page = _next_page(data.get("links"))
        for petition_id in self.settings.track:
            if str(petition_id) in seen:
                continue
            response = http.get(f"{self._base}/petitions/{petition_id}.json")
            item = response.json_object("data")["data"]
            seen.add(str(petition_id))
            yield self._page([item], taken_at, progress, str(response.url))
        yield Page([], {"last_sweep": taken_at.isoformat()})
        self.check_skipped()

    def _page(self, items: list[Any], taken_at: datetime, progress: dict[str, Any],
              where: str) -> Page:  # fmt: skip
        posts, snapshots = self.read(items, lambda item: self._post(item, where)), []
        for post in posts:
            snapshots.append({"petition_id": post.native_id, "title": post.title, "url": post.url,
                              "signature_count": post.likes, "taken_at": taken_at})  # fmt: skip
        return Page(posts, dict(progress), snapshots=snapshots)

    def _post(self, item: Any, where: str) -> Post:
        if not isinstance(item, dict) or not isinstance(item.get("attributes"), dict) or "id" not in item:
            raise ParseError(f"{where}: a petition without id and attributes")
        a = item["attributes"]
        pid = str(item["id"])
        action = html_to_text(str(a.get("action") or ""))
        parts = [action, html_to_text(str(a.get("background") or "")),
                 html_to_text(str(a.get("additional_details") or ""))]  # fmt: skip
        when = a.get("opened_at") or a.get("created_at")
        response = a.get("government_response") if isinstance(a.get("government_response"), dict) else None
        debate = a.get("debate") if isinstance(a.get("debate"), dict) else None
        return Post(
            source=self.source_name,
            native_id=pid,
            created_at=parse_time(when, f"{where} petition {pid}"),
            title=action or None,
            text="\n\n".join(p for p in parts if p),
            url=f"{self._base}/petitions/{pid}",
            author=None,
            lang="en",
            likes=count(a.get("signature_count")),
            extra={"state": a.get("state"), "signature_count": count(a.get("signature_count")),
                   "closed_at": a.get("closed_at"), "topics": list(a.get("topics") or [])[:20],
                   "government_response_at": (response or {}).get("responded_on")
                   or a.get("government_response_at"),
                   "debate_outcome_at": (debate or {}).get("debated_on") or a.get("debate_outcome_at")},
        )  # fmt: skip


def _new(item: Any, seen: set[str]) -> bool:
    key = str(item.get("id")) if isinstance(item, dict) else None
    if key is None or key in seen:
        return key is None  # malformed items pass on, to be reported by _post
    seen.add(key)
    return True


def _next_page(links: Any) -> int | None:
    """The page number in ``links.next`` (a URL on the petitions site), or None at the end."""
    target = links.get("next") if isinstance(links, dict) else None
    if not target:
        return None
    values = parse_qs(urlsplit(str(target)).query).get("page")
    try:
        return int(values[0]) if values else None
    except ValueError:
        return None
