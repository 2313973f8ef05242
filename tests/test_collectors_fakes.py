"""Fake services for collector tests: each serves real-shape payloads on the local HTTP server.

Items are cloned from the recorded-shape samples in ``tests/fixtures/collectors/`` and given
their own ids, times and text; each fake pages exactly as its service does (Link headers and
``max_id`` for Mastodon, ``cursor`` for Bluesky, ``after`` for Reddit, ``before``/``page`` for
Discourse, time windows for GDELT, ``links.next`` for petitions, ``page_cursor`` for Lemmy,
``page``/``numericFilters`` for Algolia). This module holds no tests.
"""

from __future__ import annotations

import base64
import copy
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from conftest import LocalServer, Reply

FIXTURES = Path(__file__).parent / "fixtures" / "collectors"
BASE_TIME = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)
JSON = {"Content-Type": "application/json; charset=utf-8"}


def sample(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def query(handler: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(handler.path).query)


def one(q: dict[str, list[str]], key: str, default: str | None = None) -> str | None:
    return q.get(key, [default])[0]


def reply(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Reply:
    return Reply(status, json.dumps(data).encode(), {**JSON, **(headers or {})})


def body(handler: Any) -> bytes:
    length = int(handler.headers.get("Content-Length") or 0)
    return handler.rfile.read(length) if length else b""


def iso(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S.000Z")


class Fake:
    """Base: ``n`` items, oldest first in ``self.times``; ``add(k)`` makes k newer ones."""

    prefix = "/"

    def __init__(self, server: LocalServer, n: int, prefix: str | None = None) -> None:
        self.server = server
        self.prefix = prefix or self.prefix
        self.count = 0
        self.add(n)
        self.install()

    @property
    def url(self) -> str:
        return self.server.url + self.prefix

    def add(self, k: int) -> None:
        self.count += k

    def time(self, i: int) -> datetime:
        return BASE_TIME + timedelta(minutes=i)

    def text(self, i: int) -> str:
        return f"{type(self).__name__} item {i}: carers waiting for assessments"

    def route(self, path: str, fn: Any) -> None:
        self.server.routes[self.prefix.rstrip("/") + path] = fn

    def install(self) -> None:  # pragma: no cover - each fake defines its routes
        raise NotImplementedError


class FakeMastodon(Fake):
    """A server with its own ids (time-ordered, like Mastodon's): status i has id_base + 10 i.

    ``boosts`` lists original indexes someone boosted shortly after they were posted.
    """

    prefix = "/mastodon"

    def __init__(self, server: LocalServer, n: int, prefix: str | None = None, *, id_base: int = 1000,
                 hashtag_feeds: dict[str, str] | None = None, token: str | None = None) -> None:  # fmt: skip
        self.id_base = id_base
        self.feeds = hashtag_feeds or {"local": "public", "remote": "public"}
        self.token = token
        self.boosts: list[int] = []
        super().__init__(server, n, prefix)

    def uri(self, i: int) -> str:
        return f"https://home.example.social/users/u{i % 4}/statuses/{900000 + i}"

    def status(self, i: int) -> dict[str, Any]:
        s = copy.deepcopy(sample("mastodon_status.json"))
        s.update(id=str(self.id_base + 10 * i), created_at=iso(self.time(i)), uri=self.uri(i),
                 url=self.uri(i).replace("/users/", "/@").replace("/statuses/", "/"),
                 content=f"<p>{self.text(i)} <a href='x'>#carers</a></p>", favourites_count=i,
                 reblogs_count=0, replies_count=0)  # fmt: skip
        s["account"] = {**s["account"], "acct": f"u{i % 4}", "username": f"u{i % 4}",
                        "url": f"https://home.example.social/@u{i % 4}"}  # fmt: skip
        return s

    def timeline(self) -> list[dict[str, Any]]:
        items = [self.status(i) for i in range(self.count)]
        for original in self.boosts:
            boost_id = self.id_base + 10 * original + 5
            wrapper = copy.deepcopy(self.status(original))
            when = iso(self.time(original) + timedelta(seconds=30))
            wrapper.update(id=str(boost_id), uri=f"{self.uri(original)}/activity", content="",
                           reblog=self.status(original), created_at=when)  # fmt: skip
            items.append(wrapper)
        return sorted(items, key=lambda s: int(s["id"]), reverse=True)

    def install(self) -> None:
        def instance(handler: Any) -> Reply:
            data = sample("mastodon_instance_v2.json")
            data["configuration"]["timelines_access"]["hashtag_feeds"] = self.feeds
            return reply(data)

        def tag(handler: Any) -> Reply:
            if self.token and handler.headers.get("Authorization") != f"Bearer {self.token}":
                return reply({"error": "The access token is invalid"}, 401)
            q = query(handler)
            limit = int(one(q, "limit", "20"))
            items = self.timeline()
            if one(q, "max_id"):
                items = [s for s in items if int(s["id"]) < int(one(q, "max_id"))]
            if one(q, "since_id"):
                items = [s for s in items if int(s["id"]) > int(one(q, "since_id"))]
            page = items[:limit]
            headers = {}
            if page:
                base = f"{self.url}/api/v1/timelines/tag/socialcare"
                headers["Link"] = (f'<{base}?max_id={page[-1]["id"]}>; rel="next", '
                                   f'<{base}?min_id={page[0]["id"]}>; rel="prev"')  # fmt: skip
            return reply(page, headers=headers)

        self.route("/api/v2/instance", instance)
        self.route("/api/v1/timelines/tag/socialcare", tag)


class FakeBluesky(Fake):
    prefix = "/bsky"

    def __init__(self, server: LocalServer, n: int, prefix: str | None = None, *, password: str = "app-pass") -> None:
        self.password = password
        self.logins = self.refreshes = 0
        self.access = self.refresh = ""
        self.expired_access: set[str] = set()
        self.refresh_dead = False
        super().__init__(server, n, prefix)

    def view(self, i: int) -> dict[str, Any]:
        v = copy.deepcopy(sample("bluesky_searchPosts.json")["posts"][0])
        v["uri"] = f"at://did:plc:user{i % 5}/app.bsky.feed.post/3rk{i:06d}"
        v["record"] = {**v["record"], "createdAt": iso(self.time(i)), "text": self.text(i)}
        v["indexedAt"] = iso(self.time(i) + timedelta(seconds=1))
        v["author"] = {**v["author"], "handle": f"user{i % 5}.bsky.social", "did": f"did:plc:user{i % 5}"}
        v["likeCount"] = i
        return v

    def _issue(self) -> Reply:
        self.access, self.refresh = f"access-{self.logins}-{self.refreshes}", f"refresh-{self.logins}-{self.refreshes}"
        data = sample("bluesky_session.json")
        data.update(accessJwt=self.access, refreshJwt=self.refresh)
        return reply(data)

    def install(self) -> None:
        def create(handler: Any) -> Reply:
            sent = json.loads(body(handler) or b"{}")
            if sent.get("password") != self.password:
                return reply({"error": "AuthenticationRequired", "message": "Invalid identifier or password"}, 401)
            self.logins += 1
            return self._issue()

        def refresh(handler: Any) -> Reply:
            if self.refresh_dead or handler.headers.get("Authorization") != f"Bearer {self.refresh}":
                return reply({"error": "ExpiredToken", "message": "Token has expired"}, 400)
            self.refreshes += 1
            return self._issue()

        def search(handler: Any) -> Reply:
            token = (handler.headers.get("Authorization") or "").removeprefix("Bearer ")
            if token in self.expired_access:
                return reply({"error": "ExpiredToken", "message": "Token has expired"}, 400)
            if token != self.access:
                return reply({"error": "InvalidToken", "message": "Bad token"}, 401)
            q = query(handler)
            items = [self.view(i) for i in reversed(range(self.count))]
            if one(q, "since"):
                items = [v for v in items if v["record"]["createdAt"] >= one(q, "since")]
            offset, limit = int(one(q, "cursor", "0")), int(one(q, "limit", "25"))
            page = items[offset : offset + limit]
            data: dict[str, Any] = {"posts": page, "hitsTotal": len(items)}
            if offset + limit < len(items):
                data["cursor"] = str(offset + limit)
            return reply(data)

        self.route("/xrpc/com.atproto.server.createSession", create)
        self.route("/xrpc/com.atproto.server.refreshSession", refresh)
        self.route("/xrpc/app.bsky.feed.searchPosts", search)


class FakeReddit(Fake):
    prefix = "/reddit"

    def __init__(self, server: LocalServer, n: int, prefix: str | None = None, *, expires_in: int = 86400) -> None:
        self.expires_in = expires_in
        self.tokens_issued = 0
        self.valid: set[str] = set()
        super().__init__(server, n, prefix)

    def child(self, i: int) -> dict[str, Any]:
        c = copy.deepcopy(sample("reddit_listing.json")["data"]["children"][0])
        d = c["data"]
        d.update(id=f"x{i:05d}", name=f"t3_x{i:05d}", created_utc=self.time(i).timestamp(), title=f"Title {i}",
                 selftext=self.text(i), selftext_html=f"&lt;p&gt;{self.text(i)}&lt;/p&gt;", score=i,
                 permalink=f"/r/CaregiverSupport/comments/x{i:05d}/title_{i}/")  # fmt: skip
        d["selftext_html"] = f"<div class=\"md\"><p>{self.text(i)}</p></div>"
        return c

    def install(self) -> None:
        def token(handler: Any) -> Reply:
            auth = handler.headers.get("Authorization", "")
            expected = "Basic " + base64.b64encode(b"cid:csecret").decode()
            form = parse_qs(body(handler).decode())
            if auth != expected or form.get("grant_type") != ["client_credentials"]:
                return reply({"message": "Unauthorized", "error": 401}, 401)
            self.tokens_issued += 1
            data = sample("reddit_token.json")
            data.update(access_token=f"tok-{self.tokens_issued}", expires_in=self.expires_in)
            self.valid.add(data["access_token"])
            return reply(data)

        def listing(handler: Any) -> Reply:
            if (handler.headers.get("Authorization") or "").removeprefix("Bearer ") not in self.valid:
                return reply({"message": "Unauthorized", "error": 401}, 401)
            q = query(handler)
            items = [self.child(i) for i in reversed(range(self.count))]
            if one(q, "after"):
                names = [c["data"]["name"] for c in items]
                items = items[names.index(one(q, "after")) + 1 :]
            limit = int(one(q, "limit", "25"))
            page = items[:limit]
            data = sample("reddit_listing.json")
            data["data"].update(children=page, dist=len(page),
                                after=page[-1]["data"]["name"] if len(items) > limit else None)  # fmt: skip
            return reply(data, headers={"x-ratelimit-remaining": "95.0", "x-ratelimit-used": "5",
                                        "x-ratelimit-reset": "240"})  # fmt: skip

        self.route("/api/v1/access_token", token)
        self.route("/r/CaregiverSupport/new", listing)
        self.route("/search", listing)


class FakeDiscourse(Fake):
    prefix = "/discourse"
    page_size = 5

    def post(self, i: int) -> dict[str, Any]:
        p = copy.deepcopy(sample("discourse_posts.json")["latest_posts"][0])
        p.update(id=50000 + i, created_at=iso(self.time(i)), cooked=f"<p>{self.text(i)}</p>", raw=self.text(i),
                 topic_id=6000 + i // 3, post_number=i % 3 + 1, username=f"member{i % 6}")  # fmt: skip
        return p

    def install(self) -> None:
        def latest(handler: Any) -> Reply:
            q = query(handler)
            items = [self.post(i) for i in reversed(range(self.count))]
            if one(q, "before"):
                items = [p for p in items if p["id"] < int(one(q, "before"))]
            return reply({"latest_posts": items[: self.page_size]})

        def search(handler: Any) -> Reply:
            q = query(handler)
            page = int(one(q, "page", "1"))
            items = [self.post(i) for i in reversed(range(self.count))]
            chunk = items[(page - 1) * self.page_size : page * self.page_size]
            data = sample("discourse_search.json")
            data["posts"] = [{"id": p["id"], "name": p["name"], "username": p["username"],
                              "created_at": p["created_at"], "like_count": 6, "blurb": p["raw"][:200],
                              "post_number": p["post_number"], "topic_id": p["topic_id"]}
                             for p in chunk]  # fmt: skip
            topic = data["topics"][0]
            data["topics"] = [{**topic, "id": p["topic_id"], "slug": f"topic-{p['topic_id']}"}
                              for p in chunk]  # fmt: skip
            more = page * self.page_size < len(items)
            data["grouped_search_result"]["more_full_page_results"] = True if more else None
            return reply(data)

        self.route("/posts.json", latest)
        self.route("/search.json", search)


class FakeGdelt(Fake):
    """``n`` articles spread evenly over the 24 hours before ``now``."""

    prefix = "/gdelt"

    def __init__(self, server: LocalServer, n: int, prefix: str | None = None, clock: Any = None) -> None:
        self.now = datetime.now(UTC).replace(second=0, microsecond=0)
        self.calls: list[dict[str, str]] = []
        self.clock = clock
        self.arrivals: list[float] = []  # the client's clock when each request arrived
        super().__init__(server, n, prefix)

    def time(self, i: int) -> datetime:
        return self.now - timedelta(hours=24) + timedelta(seconds=i * 86400 // max(self.count, 1) + 1)

    def article(self, i: int) -> dict[str, Any]:
        template = sample("gdelt_artlist.json")["articles"][0]
        return {**template, "url": f"https://news{i % 7}.example.co.uk/story/{i}", "title": self.text(i),
                "seendate": self.time(i).strftime("%Y%m%dT%H%M%SZ")}  # fmt: skip

    def install(self) -> None:
        def doc(handler: Any) -> Reply:
            q = {k: v[0] for k, v in query(handler).items()}
            self.calls.append(q)
            if self.clock is not None:
                self.arrivals.append(self.clock())
            lo = datetime.strptime(q["startdatetime"], "%Y%m%d%H%M%S").replace(tzinfo=UTC)
            hi = datetime.strptime(q["enddatetime"], "%Y%m%d%H%M%S").replace(tzinfo=UTC)
            if q["mode"] == "timelinetone":
                data = sample("gdelt_timelinetone.json")
                data["timeline"][0]["data"] = [{"date": (lo + timedelta(minutes=15 * k)).strftime("%Y%m%dT%H%M%SZ"),
                                                "value": -1.5 + k / 10} for k in range(3)]  # fmt: skip
                return reply(data)
            found = [self.article(i) for i in range(self.count) if lo <= self.time(i) < hi]
            found.reverse()
            if not found:
                return Reply(200, b"{}", JSON)
            cap = int(q.get("maxrecords", 75))
            # GDELT leaves raw control characters in titles now and then
            text = json.dumps({"articles": found[:cap]}).replace("carers", "carers\\u0001").replace("\\u0001", "\x01")
            return Reply(200, text.encode(), JSON)

        self.route("/api/v2/doc/doc", doc)


class FakePetitions(Fake):
    prefix = "/petitions"
    per_page = 3

    def __init__(self, server: LocalServer, n: int, prefix: str | None = None) -> None:
        self.signatures = 100
        super().__init__(server, n, prefix)

    def petition(self, i: int) -> dict[str, Any]:
        p = copy.deepcopy(sample("petitions.json")["data"][0])
        p["id"] = 700000 + i
        p["links"]["self"] = f"{self.url}/petitions/{700000 + i}.json"
        p["attributes"].update(action=f"Petition {i}: fund respite for unpaid carers",
                               signature_count=self.signatures + i, opened_at=iso(self.time(i)),
                               background=self.text(i))  # fmt: skip
        return p

    def install(self) -> None:
        def listing(handler: Any) -> Reply:
            q = query(handler)
            page = int(one(q, "page", "1"))
            items = [self.petition(i) for i in range(self.count)]
            chunk = items[(page - 1) * self.per_page : page * self.per_page]
            data = sample("petitions.json")
            more = page * self.per_page < len(items)
            data["links"]["next"] = f"{self.url}/petitions.json?page={page + 1}&q=carers&state=open" if more else None
            data["data"] = chunk
            return reply(data)

        def single(handler: Any) -> Reply:
            return reply({"links": {}, "data": self.petition(0)})

        self.route("/petitions.json", listing)
        self.route("/petitions/700000.json", single)


class FakeLemmy(Fake):
    prefix = "/lemmy"

    def view(self, i: int) -> dict[str, Any]:
        v = copy.deepcopy(sample("lemmy_post_list.json")["posts"][0])
        v["post"].update(id=300000 + i, ap_id=f"https://lemmy.example.org/post/{300000 + i}", body=self.text(i),
                         name=f"Lemmy title {i}", published=self.time(i).strftime("%Y-%m-%dT%H:%M:%S.%fZ"))  # fmt: skip
        return v

    def install(self) -> None:
        def posts(handler: Any) -> Reply:
            q = query(handler)
            limit = int(one(q, "limit", "10"))
            items = [self.view(i) for i in reversed(range(self.count))]
            if one(q, "page_cursor"):
                items = [v for v in items if v["post"]["id"] < int(one(q, "page_cursor")[2:])]
            page = items[:limit]
            return reply({"posts": page, "next_page": f"Pa{page[-1]['post']['id']}" if page else None})

        self.route("/api/v3/post/list", posts)


class FakeHackerNews(Fake):
    prefix = "/hn"
    per_page = 4

    def hit(self, i: int) -> dict[str, Any]:
        h = copy.deepcopy(sample("hn_search_by_date.json")["hits"][0])
        stamp = int(self.time(i).timestamp())
        h.update(objectID=str(42000000 + i), created_at_i=stamp, title=self.text(i), points=i,
                 created_at=self.time(i).strftime("%Y-%m-%dT%H:%M:%SZ"))  # fmt: skip
        return h

    def install(self) -> None:
        def search(handler: Any) -> Reply:
            q = query(handler)
            per, page = int(one(q, "hitsPerPage", "20")), int(one(q, "page", "0"))
            items = [self.hit(i) for i in reversed(range(self.count))]
            if one(q, "numericFilters"):
                floor = int(one(q, "numericFilters").split(">=")[1])
                items = [h for h in items if h["created_at_i"] >= floor]
            data = sample("hn_search_by_date.json")
            pages = (len(items) + per - 1) // per
            data.update(hits=items[page * per : (page + 1) * per], nbHits=len(items), nbPages=pages, page=page,
                        hitsPerPage=per)  # fmt: skip
            return reply(data)

        self.route("/api/v1/search_by_date", search)


class FakeRss(Fake):
    prefix = "/rss"

    def install(self) -> None:
        def feed(handler: Any) -> Reply:
            etag = f'"v{self.count}"'
            if handler.headers.get("If-None-Match") == etag:
                return Reply(304, b"", {"ETag": etag})
            items = "".join(
                f"<item><title>Story {i}</title><link>https://carenews.example.org/{i}</link>"
                f"<guid>carenews-{i}</guid><pubDate>{self.time(i).strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate>"
                f"<description>&lt;p&gt;{self.text(i)}&lt;/p&gt;</description></item>"
                for i in reversed(range(self.count))
            )
            xml = (FIXTURES / "feed.xml").read_text(encoding="utf-8")
            start, end = xml.index("<item>"), xml.rindex("</item>") + len("</item>")
            return Reply(200, (xml[:start] + items + xml[end:]).encode(),
                         {"Content-Type": "application/rss+xml; charset=utf-8", "ETag": etag})  # fmt: skip

        self.route("/feed.xml", feed)
