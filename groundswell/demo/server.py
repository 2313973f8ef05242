"""A local server on 127.0.0.1 that serves the demo sample in each service's real API shape.

RSS 2.0 feeds with ETag / Last-Modified (304 on a repeat); Mastodon ``/api/v2/instance`` and
``/api/v1/timelines/tag/{tag}`` (``any[]/all[]/none[]``, ``max_id/since_id/min_id``, ``Link``
headers); Reddit's OAuth token endpoint and ``/r/{sub}/new`` listings (``after`` paging, bearer
token required); Discourse ``/latest.json`` and ``/posts.json``; UK Parliament
``/petitions.json``, ``/petitions/{id}.json`` and ``/petitions/{id}/count.json``. The real
collectors run against it unchanged: only their base URLs point here.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import threading
from collections import Counter
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from . import shapes
from .sample import Sample

__all__ = ["REDDIT_CLIENT", "DemoServer"]

REDDIT_CLIENT = ("groundswell-demo", "demo-secret")  # what the demo config names by env var


class DemoServer:
    """``with DemoServer(sample) as server: server.url`` — a threaded server on a free port."""

    def __init__(self, sample: Sample) -> None:
        self.sample = sample
        self.requests: Counter[str] = Counter()
        self.base = "http://127.0.0.1:0"
        self._token = hashlib.sha256(repr(sample.now).encode()).hexdigest()[:32]
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        host, port = self.httpd.server_address[:2]
        self.base = f"http://{host}:{port}"
        self.data = shapes.build(sample, self.base)
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="demo-server", daemon=True)

    @property
    def url(self) -> str:
        return self.base

    def __enter__(self) -> DemoServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # --- routing ------------------------------------------------------------------------------
    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _serve(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                query = parse_qs(parts.query, keep_blank_values=True)
                server.requests[parts.path] += 1
                status, headers, payload = server.route(self.command, parts.path, query, dict(self.headers), body)
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)

            do_GET = do_POST = do_HEAD = _serve

            def log_message(self, *args: object) -> None:
                pass

        return Handler

    def route(self, method: str, path: str, query: dict[str, list[str]], headers: dict[str, str],
              body: bytes) -> tuple[int, dict[str, str], bytes]:  # fmt: skip
        """(status, headers, body) for one request; unknown paths are 404 as on the real services."""
        lower = {k.lower(): v for k, v in headers.items()}
        if m := re.fullmatch(r"/feeds/([\w-]+)\.xml", path):
            return self._feed(m[1], lower)
        if path == "/api/v2/instance":
            return _json(self.data["instance"])
        if m := re.fullmatch(r"/api/v1/timelines/tag/([^/]+)", path):
            return self._timeline(m[1], query)
        if path == "/api/v1/access_token" and method == "POST":
            return self._reddit_token(lower, body)
        if m := re.fullmatch(r"/r/(\w+)/(new|search)(?:\.json)?", path):
            return self._reddit_listing(m[1], m[2], query, lower)
        if path == "/latest.json":
            return self._latest(query)
        if path == "/posts.json":
            return self._posts(query)
        if m := re.fullmatch(r"/t/(?:[\w-]+/)?(\d+)\.json", path):
            topic = self.data["topics_by_id"].get(int(m[1]))
            return _json(topic) if topic else _not_found()
        if path == "/petitions.json":
            return self._petitions(query)
        if m := re.fullmatch(r"/petitions/(\d+)(/count)?\.json", path):
            petition = self.data["petitions_by_id"].get(int(m[1]))
            if petition is None:
                return _not_found()
            if m[2]:
                return _json({"signature_count": petition["attributes"]["signature_count"]})
            return _json({"links": {"self": petition["links"]["self"]}, "data": petition})
        return _not_found()

    # --- RSS --------------------------------------------------------------------------------
    def _feed(self, name: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        feed = self.data["feeds"].get(name)
        if feed is None:
            return _not_found()
        xml, newest = feed
        etag = '"' + hashlib.sha1(xml).hexdigest()[:16] + '"'
        common = {"ETag": etag, "Last-Modified": format_datetime(newest, usegmt=True)}
        if headers.get("if-none-match") == etag:
            return 304, common, b""
        return 200, {**common, "Content-Type": "application/rss+xml; charset=utf-8"}, xml

    # --- Mastodon ---------------------------------------------------------------------------
    def _timeline(self, tag: str, query: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
        wanted_any = {tag.lower(), *(t.lower() for t in query.get("any[]", []))}
        wanted_all = {t.lower() for t in query.get("all[]", [])}
        unwanted = {t.lower() for t in query.get("none[]", [])}
        local, remote = _flag(query, "local"), _flag(query, "remote")
        limit = min(40, max(1, int(_one(query, "limit") or 20)))
        max_id, since_id, min_id = (int(_one(query, k) or 0) for k in ("max_id", "since_id", "min_id"))
        matches = []
        for status in self.data["statuses"]:  # newest first
            sid = int(status["id"])
            names = {t["name"].lower() for t in status["tags"]}
            remote_account = "@" in status["account"]["acct"]
            if (max_id and sid >= max_id) or (since_id and sid <= since_id) or (min_id and sid <= min_id):
                continue
            if not names & wanted_any or not wanted_all <= names or names & unwanted:
                continue
            if (local and remote_account) or (remote and not remote_account):
                continue
            matches.append(status)
        page = matches[-limit:] if min_id else matches[:limit]  # min_id: the page just after it
        headers = {"Content-Type": "application/json; charset=utf-8", "X-RateLimit-Limit": "300",
                   "X-RateLimit-Remaining": "299", "X-RateLimit-Reset": shapes.iso(self.sample.now)}  # fmt: skip
        if page:
            keep = [(k, v) for k, vs in query.items() if k not in ("max_id", "since_id", "min_id") for v in vs]
            link = f"{self.base}/api/v1/timelines/tag/{tag}"
            headers["Link"] = (f'<{link}?{urlencode([*keep, ("max_id", page[-1]["id"])])}>; rel="next", '
                               f'<{link}?{urlencode([*keep, ("min_id", page[0]["id"])])}>; rel="prev"')  # fmt: skip
        return 200, headers, json.dumps(page).encode()

    # --- Reddit -----------------------------------------------------------------------------
    def _reddit_token(self, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, str], bytes]:
        expected = "Basic " + base64.b64encode(":".join(REDDIT_CLIENT).encode()).decode()
        form = parse_qs(body.decode("utf-8", "replace"))
        if headers.get("authorization") != expected:
            return _json({"message": "Unauthorized", "error": 401}, 401)
        if form.get("grant_type") != ["client_credentials"]:
            return _json({"error": "unsupported_grant_type"}, 400)
        return _json({"access_token": self._token, "token_type": "bearer", "expires_in": 86400, "scope": "*"})

    def _reddit_listing(self, sub: str, kind: str, query: dict[str, list[str]],
                        headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:  # fmt: skip
        if headers.get("authorization", "").lower() != f"bearer {self._token}":
            return _json({"message": "Unauthorized", "error": 401}, 401)
        children = self.data["subreddits"].get(sub.lower())
        if children is None:
            return _json({"reason": "banned", "message": "Not Found", "error": 404}, 404)
        if kind == "search":
            terms = (_one(query, "q") or "").lower().split()
            children = [c for c in children if all(t in (c["data"]["title"] + " " + c["data"]["selftext"]).lower()
                                                   for t in terms)]  # fmt: skip
        limit = min(100, max(1, int(_one(query, "limit") or 25)))
        after, before = _one(query, "after"), _one(query, "before")
        names = [c["data"]["name"] for c in children]
        if after in names:
            children = children[names.index(after) + 1 :]
        elif before in names:
            children = children[: names.index(before)][-limit:]
        page = children[:limit]
        listing = {"kind": "Listing", "data": {
            "after": page[-1]["data"]["name"] if len(children) > limit else None,
            "dist": len(page), "modhash": "", "geo_filter": "", "children": page,
            "before": None}}  # fmt: skip
        return _json(listing, extra={"x-ratelimit-used": "1", "x-ratelimit-remaining": "99.0",
                                     "x-ratelimit-reset": "540"})  # fmt: skip

    # --- Discourse --------------------------------------------------------------------------
    def _latest(self, query: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
        page = int(_one(query, "page") or 0)
        topics = self.data["topic_list"]
        chunk = topics[page * 30 : (page + 1) * 30]
        more = f"/latest?order=created&page={page + 1}" if len(topics) > (page + 1) * 30 else None
        topic_list = {"can_create_topic": False, "per_page": 30, "topics": chunk}
        if more:
            topic_list["more_topics_url"] = more
        return _json({"users": self.data["forum_users"], "primary_groups": [], "topic_list": topic_list})

    def _posts(self, query: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
        before = int(_one(query, "before") or 0)
        posts = [p for p in self.data["forum_posts"] if not before or p["id"] < before]
        return _json({"latest_posts": posts[:50]})

    # --- UK Parliament petitions -----------------------------------------------------------
    def _petitions(self, query: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
        terms = (_one(query, "q") or "").lower().split()
        state = _one(query, "state") or "all"
        page = max(1, int(_one(query, "page") or 1))
        found = [p for p in self.data["petitions"]
                 if all(t in (p["attributes"]["action"] + " " + p["attributes"]["background"]).lower() for t in terms)
                 and state in ("all", p["attributes"]["state"])]  # fmt: skip
        per_page = 50
        last = max(1, -(-len(found) // per_page))

        def link(n: int) -> str:
            return f"{self.base}/petitions.json?" + urlencode({**({"q": " ".join(terms)} if terms else {}),
                                                                "state": state, "page": n})  # fmt: skip

        links = {"self": link(page), "first": link(1), "last": link(last),
                 "next": link(page + 1) if page < last else None, "prev": link(page - 1) if page > 1 else None}
        return _json({"links": links, "data": found[(page - 1) * per_page : page * per_page]})  # fmt: skip


def _one(query: dict[str, list[str]], key: str) -> str | None:
    values = query.get(key)
    return values[-1] if values else None


def _flag(query: dict[str, list[str]], key: str) -> bool:
    return (_one(query, key) or "").lower() in ("1", "true")


def _json(value: Any, status: int = 200, extra: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    return status, {"Content-Type": "application/json; charset=utf-8", **(extra or {})}, json.dumps(value).encode()


def _not_found() -> tuple[int, dict[str, str], bytes]:
    return 404, {"Content-Type": "text/plain"}, b"not found"
