"""Synthetic post streams for the benchmark and the planted-movement test.

Background posts are the seed corpus's relevant texts, re-sampled with pseudonymous authors (a
few loud accounts, a long tail of quiet ones), sources and times spread over the week. A planted
movement is a new topic written in varied words by many authors on several sources.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from ._corpus import load_corpus

SOURCES = ("mastodon", "reddit", "bluesky", "rss", "discourse")
SENTIMENTS = ("negative", "neutral", "positive")

PLANTED = (
    "They're closing the Hexley Road day centre. Where is my son supposed to go on weekdays?",
    "Hexley Road day centre to close in March after council vote #SaveHexleyRoad",
    "Just signed the petition to save Hexley Road day centre. Please share.",
    "My mum has gone to Hexley Road day centre for nine years. It's her whole social life.",
    "The council says Hexley Road will be 'reprovided'. Nobody can tell us where. #SaveHexleyRoad",
    "Support worker at Hexley Road here. We found out about the closure from the local paper.",
    "Protest outside the town hall on Friday against the Hexley Road day centre closure",
    "Families fight plans to shut Hexley Road day centre for disabled adults",
    "Hexley Road closure consultation was a sham, decided before anyone was asked #SaveHexleyRoad",
    "If Hexley Road day centre shuts, who takes the strain? Unpaid carers, as always.",
    "Councillors meet Hexley Road families as anger grows over day centre plans",
    "Hexley Road day centre staff told jobs at risk. Devastated for the members.",
)


def _texts(seed_texts: list[str] | None) -> list[str]:
    if seed_texts is not None:
        return seed_texts
    return [r["text"] for r in load_corpus("train") if r.get("relevant")]


def background_week(n: int, start: datetime, seed: int = 0, *, first_id: int = 1,
                    texts: list[str] | None = None, n_authors: int = 3000) -> list[dict[str, Any]]:
    """``n`` quiet-week posts created in the 7 days from ``start`` (oldest first)."""
    rng = random.Random(seed)
    pool = _texts(texts)
    weights = [1.0 / (k + 1) ** 0.8 for k in range(n_authors)]
    authors = rng.choices(range(n_authors), weights=weights, k=n)
    posts = []
    for i in range(n):
        posts.append({
            "id": first_id + i,
            "text": rng.choice(pool),
            "created_at": start + timedelta(seconds=rng.uniform(0, 7 * 86400)),
            "source": rng.choice(SOURCES),
            "author": f"a{authors[i]}",
            "sentiment": rng.choice(SENTIMENTS),
            "relevant": True,
        })
    posts.sort(key=lambda p: p["created_at"])
    return posts


def planted_week(n: int, start: datetime, seed: int = 0, *, first_id: int = 1_000_000,
                 n_authors: int = 40) -> list[dict[str, Any]]:
    """``n`` posts of a new movement (a day-centre closure), rising through the week."""
    rng = random.Random(seed)
    posts = []
    for i in range(n):
        day = min(6, int(7 * rng.random() ** 0.6))  # more posts later in the week
        posts.append({
            "id": first_id + i,
            "text": rng.choice(PLANTED),
            "created_at": start + timedelta(days=day, seconds=rng.uniform(0, 86400)),
            "source": rng.choice(("mastodon", "reddit", "rss")),
            "author": f"p{rng.randrange(n_authors)}",
            "sentiment": rng.choice(("negative", "negative", "neutral")),
            "relevant": True,
        })
    return posts
