"""The sample turned into what each service really returns (fields as their APIs document)."""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from typing import Any

from .sample import SUBREDDITS, Sample, SamplePetition, SamplePost

__all__ = ["build", "iso"]

MASTODON_DOMAIN = "mastodon.example"
FORUM_CATEGORY = 4


def iso(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "topic"


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while number:
        number, rem = divmod(number, 36)
        out = digits[rem] + out
    return out or "0"


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(part)}</p>" for part in text.split("\n") if part.strip())


def build(sample: Sample, base: str) -> dict[str, Any]:
    """Everything the demo server hands out, keyed by what it is."""
    statuses = [_status(post, i, base) for i, post in enumerate(sample.by_channel("mastodon"))]
    statuses.sort(key=lambda s: int(s["id"]), reverse=True)
    topics, posts, users = _forum(sample.by_channel("forum"), base)
    petitions = [_petition(p, base) for p in sample.petitions]
    return {
        "instance": _instance(sample),
        "statuses": statuses,
        "feeds": {name: _rss(sample, name, base) for name in ("care-bulletin", "westmere-gazette")},
        "subreddits": {sub.lower(): _listing(sample, sub) for sub in SUBREDDITS},
        "topic_list": [t["_list"] for t in topics],
        "topics_by_id": {t["id"]: {k: v for k, v in t.items() if k != "_list"} for t in topics},
        "forum_posts": posts,
        "forum_users": users,
        "petitions": petitions,
        "petitions_by_id": {p["id"]: p for p in petitions},
    }


# --- RSS 2.0 ----------------------------------------------------------------------------------
def _rss(sample: Sample, name: str, base: str) -> tuple[bytes, datetime]:
    items = [p for p in sample.by_channel("news") if p.feed == name]
    # A syndicated story: some Care Bulletin pieces also run, word for word, in the local paper.
    if name == "westmere-gazette":
        items += [p for p in sample.by_channel("news") if p.feed != name and int(p.created_at.timestamp()) % 5 == 0]
    items.sort(key=lambda p: p.created_at, reverse=True)
    title = {"care-bulletin": "Care Bulletin", "westmere-gazette": "Westmere Gazette: health and care"}[name]
    ET.register_namespace("dc", "http://purl.org/dc/elements/1.1/")
    rss = ET.Element("rss", version="2.0")
    channel = ET.SubElement(rss, "channel")
    for tag, text in (("title", title), ("link", f"https://www.{name}.example/"), ("description", f"{title} news"),
                      ("language", "en-gb")):  # fmt: skip
        ET.SubElement(channel, tag).text = text
    newest = items[0].created_at if items else sample.now
    ET.SubElement(channel, "lastBuildDate").text = format_datetime(newest, usegmt=True)
    for post in items:
        key = hashlib.sha1(f"{name}|{post.title}|{post.created_at}".encode()).hexdigest()[:12]
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = post.title
        ET.SubElement(item, "link").text = f"https://www.{name}.example/news/{_slug(post.title or '')}-{key}"
        ET.SubElement(item, "guid", isPermaLink="false").text = f"{name}-{key}"
        ET.SubElement(item, "pubDate").text = format_datetime(post.created_at, usegmt=True)
        ET.SubElement(item, "{http://purl.org/dc/elements/1.1/}creator").text = post.author
        ET.SubElement(item, "category").text = "Social care"
        ET.SubElement(item, "description").text = _paragraphs(post.text)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(rss, encoding="utf-8"), newest


# --- Mastodon -----------------------------------------------------------------------------------
def _instance(sample: Sample) -> dict[str, Any]:
    public = {"local": "public", "remote": "public"}
    return {
        "domain": MASTODON_DOMAIN, "title": "Mastodon (Groundswell demo)", "version": "4.5.0",
        "source_url": "https://github.com/mastodon/mastodon", "description": "A demo server on 127.0.0.1",
        "usage": {"users": {"active_month": 1200}}, "languages": ["en"],
        "configuration": {
            "urls": {"streaming": "wss://mastodon.example"},
            "statuses": {"max_characters": 500, "max_media_attachments": 4, "characters_reserved_per_url": 23},
            "timelines_access": {"live_feeds": public, "hashtag_feeds": public, "trending_link_feeds": public},
        },
        "registrations": {"enabled": False, "approval_required": False, "message": None},
        "contact": {"email": "admin@mastodon.example", "account": None}, "rules": [],
    }  # fmt: skip


def _status(post: SamplePost, index: int, base: str) -> dict[str, Any]:
    sid = str((int(post.created_at.timestamp() * 1000) << 16) + index % 65536)
    username, _, server = post.author.partition("@")
    server = server or MASTODON_DOMAIN
    account_id = str(int(hashlib.sha1(post.author.encode()).hexdigest()[:12], 16))
    tag_links = " ".join(
        f'<a href="https://{MASTODON_DOMAIN}/tags/{t.lower()}" class="mention hashtag" rel="tag">#<span>{t}</span></a>'
        for t in post.tags
        if f"#{t.lower()}" not in post.text.lower()
    )
    content = f"<p>{escape(post.text)}</p>" + (f"<p>{tag_links}</p>" if tag_links else "")
    return {
        "id": sid, "created_at": iso(post.created_at), "in_reply_to_id": None, "in_reply_to_account_id": None,
        "sensitive": False, "spoiler_text": "", "visibility": "public", "language": "en",
        "uri": f"https://{server}/users/{username}/statuses/{sid}", "url": f"https://{server}/@{username}/{sid}",
        "replies_count": post.replies, "reblogs_count": post.reposts, "favourites_count": post.likes,
        "edited_at": None, "content": content, "reblog": None, "application": None,
        "account": {
            "id": account_id, "username": username, "acct": post.author, "display_name": post.author_name,
            "locked": False, "bot": False, "discoverable": True, "group": False,
            "created_at": "2023-02-01T00:00:00.000Z", "note": "", "url": f"https://{server}/@{username}",
            "avatar": f"{base}/avatars/missing.png", "followers_count": 120, "following_count": 180,
            "statuses_count": 800, "last_status_at": post.created_at.date().isoformat(), "emojis": [], "fields": [],
        },
        "media_attachments": [], "mentions": [], "emojis": [], "card": None, "poll": None,
        "tags": [{"name": t.lower(), "url": f"https://{MASTODON_DOMAIN}/tags/{t.lower()}"} for t in post.tags],
    }  # fmt: skip


# --- Reddit -------------------------------------------------------------------------------------
def _listing(sample: Sample, sub: str) -> list[dict[str, Any]]:
    posts = [p for p in sample.by_channel("reddit") if SUBREDDITS[hash_index(p) % len(SUBREDDITS)] == sub]
    children = []
    for post in sorted(posts, key=lambda p: p.created_at, reverse=True):
        rid = _base36(int(post.created_at.timestamp()) * 7 + hash_index(post) % 7)
        slug = _slug(post.title or "")[:40]
        children.append({"kind": "t3", "data": {
            "id": rid, "name": f"t3_{rid}", "title": post.title, "selftext": post.text,
            # raw_json=1, as the collector asks: the HTML arrives unescaped
            "selftext_html": f'<!-- SC_OFF --><div class="md">{_paragraphs(post.text)}</div><!-- SC_ON -->',
            "author": post.author, "author_fullname": f"t2_{_base36(hash_index(post))}",
            "subreddit": sub, "subreddit_name_prefixed": f"r/{sub}", "subreddit_id": f"t5_{_base36(len(sub) * 9973)}",
            "created_utc": float(int(post.created_at.timestamp())), "created": float(int(post.created_at.timestamp())),
            "permalink": f"/r/{sub}/comments/{rid}/{slug}/", "url": f"https://www.reddit.com/r/{sub}/comments/{rid}/{slug}/",
            "domain": f"self.{sub}", "is_self": True, "score": post.likes + 1, "ups": post.likes + 1, "downs": 0,
            "upvote_ratio": 0.97, "num_comments": post.replies, "over_18": False, "spoiler": False,
            "stickied": False, "locked": False, "archived": False, "edited": False, "link_flair_text": None,
        }})  # fmt: skip
    return children


def hash_index(post: SamplePost) -> int:
    return int(hashlib.sha1(f"{post.author}|{post.created_at}".encode()).hexdigest()[:8], 16)


# --- Discourse ----------------------------------------------------------------------------------
Rows = list[dict[str, Any]]


def _forum(posts: list[SamplePost], base: str) -> tuple[Rows, Rows, Rows]:
    topics: dict[str, dict[str, Any]] = {}
    out_posts: list[dict[str, Any]] = []
    users: dict[str, dict[str, Any]] = {}
    for number, post in enumerate(sorted(posts, key=lambda p: p.created_at), start=1):
        user = users.setdefault(post.author, {
            "id": len(users) + 10, "username": post.author, "name": post.author_name,
            "avatar_template": "/user_avatar/{size}/x.png", "trust_level": 1,
        })  # fmt: skip
        key = post.thread or f"topic-{number}"
        if key not in topics:
            title = "15 minute visits - share your experience here" if post.thread else (post.title or "Untitled")
            topics[key] = {"id": 1000 + len(topics), "title": title, "slug": _slug(title),
                           "created_at": iso(post.created_at), "posts": [], "posters": []}  # fmt: skip
        topic = topics[key]
        pid = 50000 + number
        cooked = _paragraphs(post.text)
        item = {
            "id": pid, "name": post.author_name, "username": post.author, "avatar_template": user["avatar_template"],
            "created_at": iso(post.created_at), "updated_at": iso(post.created_at), "cooked": cooked, "raw": post.text,
            "post_number": len(topic["posts"]) + 1, "post_type": 1, "reply_count": 0, "reply_to_post_number": None,
            "quote_count": 0, "incoming_link_count": 0, "reads": 3 + post.likes, "score": float(post.likes),
            "yours": False, "topic_id": topic["id"], "topic_slug": topic["slug"], "topic_title": topic["title"],
            "topic_html_title": escape(topic["title"]), "category_id": FORUM_CATEGORY,
            "display_username": post.author_name,
            "version": 1, "user_id": user["id"], "hidden": False, "trust_level": 1, "deleted_at": None,
            "user_deleted": False, "wiki": False, "like_count": post.likes,
        }  # fmt: skip
        topic["posts"].append(item)
        topic["posters"].append(user["id"])
        out_posts.append(item)
    out_posts.sort(key=lambda p: p["id"], reverse=True)
    shaped = []
    for topic in topics.values():
        first, last = topic["posts"][0], topic["posts"][-1]
        listed = {
            "id": topic["id"], "title": topic["title"], "fancy_title": escape(topic["title"]), "slug": topic["slug"],
            "posts_count": len(topic["posts"]), "reply_count": len(topic["posts"]) - 1,
            "highest_post_number": len(topic["posts"]),
            "created_at": topic["created_at"], "last_posted_at": last["created_at"], "bumped": True,
            "bumped_at": last["created_at"], "archetype": "regular", "unseen": False, "pinned": False, "visible": True,
            "closed": False, "archived": False, "views": 10 * len(topic["posts"]), "like_count": first["like_count"],
            "category_id": FORUM_CATEGORY, "excerpt": first["raw"][:200],
            "posters": [{"extras": None, "description": "Original Poster", "user_id": topic["posters"][0]}],
        }  # fmt: skip
        stream = {"posts": topic["posts"], "stream": [p["id"] for p in topic["posts"]]}
        shaped.append({**listed, "_list": listed, "post_stream": stream})
    shaped.sort(key=lambda t: t["created_at"], reverse=True)
    return shaped, out_posts, list(users.values())


# --- UK Parliament petitions -------------------------------------------------------------------
def _petition(petition: SamplePetition, base: str) -> dict[str, Any]:
    count = petition.signature_count
    opened = iso(petition.created_at.replace(hour=10))
    reached = {"response_threshold_reached_at": opened if count >= 10_000 else None,
               "debate_threshold_reached_at": opened if count >= 100_000 else None}  # fmt: skip
    return {
        "type": "petition", "id": petition.id, "links": {"self": f"{base}/petitions/{petition.id}.json"},
        "attributes": {
            "action": petition.action, "background": petition.background,
            "additional_details": petition.additional_details, "committee_note": None, "state": "open",
            "signature_count": count, "created_at": iso(petition.created_at), "updated_at": iso(petition.created_at),
            "rejected_at": None, "opened_at": opened, "closed_at": None,
            "moderation_threshold_reached_at": opened, **reached, "government_response_at": None,
            "scheduled_debate_date": None, "debate_outcome_at": None, "creator_name": None, "rejection": None,
            "government_response": None, "debate": None, "departments": [], "topics": list(petition.topics),
        },
    }  # fmt: skip
