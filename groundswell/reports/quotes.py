"""Choosing what people said: quotes for movements, threats and the balanced voices section.

Quotes are chosen for what they show, never for popularity: likes and reposts are not read.
A post that could identify a vulnerable person is withheld and counted instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from ..analysis import post_text
from ..config import Config
from .safety import attribution, clean_text, could_identify, safe_url

__all__ = ["FRONT_LINE", "choose_quotes", "link", "quotable", "quote", "voices_section"]

FRONT_LINE = ("person", "carer", "worker")
VOICES = ("person", "carer", "worker", "professional", "organisation", "media", "other")
QUOTE_CHARS = 280


def quotable(post: dict[str, Any]) -> bool:
    """Has text worth quoting and could not identify a vulnerable person."""
    text = post_text(post)
    return len(text.split()) >= 5 and not could_identify(text)


def quote(post: dict[str, Any], config: Config) -> dict[str, Any]:
    """The digest's view of one post: cleaned text, who (by voice and source), a safe link."""
    return {
        "text": clean_text(post_text(post), QUOTE_CHARS),
        "voice": post.get("voice") or "other",
        "source": clean_text(post["source"], 64),
        "sentiment": post.get("sentiment"),
        "attribution": attribution(
            post.get("voice"), clean_text(post["source"], 64), post.get("author"),
            show_handles=config.organisation.show_handles,
        ),
        "url": safe_url(post.get("url")),
        "date": post["created_at"].date().isoformat(),
    }  # fmt: skip


def link(post: dict[str, Any], config: Config) -> dict[str, str] | None:
    url = safe_url(post.get("url"))
    if url is None:
        return None
    who = attribution(post.get("voice"), clean_text(post["source"], 64), post.get("author"),
                      show_handles=config.organisation.show_handles)  # fmt: skip
    return {"url": url, "label": who}


def _ideal_length(post: dict[str, Any]) -> float:
    """Prefer posts that say something whole in a few sentences: 60 to 280 characters."""
    n = len(post_text(post))
    return 0.0 if 60 <= n <= QUOTE_CHARS else min(abs(n - 60), abs(n - QUOTE_CHARS)) / 100


def _rank(post: dict[str, Any]) -> tuple[float, float, int]:
    return (_ideal_length(post), -(post.get("relevance") or 0.0), int(post.get("id") or 0))


def choose_quotes(posts: Iterable[dict[str, Any]], config: Config, n: int = 3, *, relevant_only: bool = True,
                  used: set[int] | None = None) -> tuple[list[dict[str, Any]], int]:  # fmt: skip
    """Up to ``n`` quotes from different people, spreading across voices and feelings.

    Only posts classified as about care are quoted, unless ``relevant_only`` is off (a mention
    of the organisation's own name matters whatever it is about). Returns the quotes and how
    many candidate posts were withheld for privacy. Posts in ``used`` (already quoted elsewhere
    in the digest) come last, and the chosen ones are added to it, so a reader meets new voices.
    """
    used = set() if used is None else used
    candidates, withheld = [], 0
    for post in posts:
        if not post_text(post) or (relevant_only and not post.get("relevant")):
            continue
        if could_identify(post_text(post)):
            withheld += 1
        elif quotable(post):
            candidates.append(post)
    candidates.sort(key=lambda p: (p.get("id") in used, *_rank(p)))
    chosen: list[dict[str, Any]] = []
    seen_authors: set[str] = set()
    seen_kinds: Counter[tuple[str, str]] = Counter()
    while len(chosen) < n:
        best = None
        for post in candidates:
            if post in chosen or post.get("author_key") in seen_authors:
                continue
            kind = (post.get("voice") or "other", post.get("sentiment") or "neutral")
            score = seen_kinds[kind] * 10 + seen_kinds[(kind[0], "*")] * 3
            if best is None or score < best[0]:
                best = (score, post)
                if score == 0:
                    break
        if best is None:
            break
        post = best[1]
        chosen.append(post)
        seen_authors.add(post.get("author_key") or f"post-{post.get('id')}")
        kind = (post.get("voice") or "other", post.get("sentiment") or "neutral")
        seen_kinds[kind] += 1
        seen_kinds[(kind[0], "*")] += 1
    used.update(int(p["id"]) for p in chosen if p.get("id") is not None)
    return [quote(p, config) for p in chosen], withheld


def voices_section(week: Sequence[dict[str, Any]], config: Config, per_voice: int = 2,
                   used: set[int] | None = None) -> dict[str, Any]:  # fmt: skip
    """A short, balanced set from people who use services, carers and frontline workers.

    For each of the three, quotes come from the themes that voice spoke about most this week,
    one hard and one hopeful where both exist, so the section shows the range rather than the
    loudest post. Voices with no posts are named, because silence is also a finding.
    """
    used = set() if used is None else used
    relevant = [p for p in week if p.get("relevant")]
    counts = Counter(p.get("voice") or "other" for p in relevant)
    quotes, missing = [], []
    for voice in FRONT_LINE:
        theirs = [p for p in relevant if p.get("voice") == voice]
        if not theirs:
            missing.append(voice)
            continue
        themes = Counter(t for p in theirs for t in p.get("themes") or [])
        top = {t for t, _ in themes.most_common(3)}
        focus = [p for p in theirs if top & set(p.get("themes") or [])] or theirs
        hard = [p for p in focus if p.get("sentiment") == "negative"]
        hopeful = [p for p in focus if p.get("sentiment") in ("positive", "neutral")]
        picked: list[dict[str, Any]] = []
        for pool in (hard, hopeful, focus, theirs):
            if len(picked) >= per_voice:
                break
            post = _best(pool, picked, used)
            if post is not None:
                picked.append(post)
                used.add(int(post["id"]))
        quotes.extend(quote(p, config) for p in picked)
    withheld = sum(1 for p in relevant if p.get("voice") in FRONT_LINE and could_identify(post_text(p)))
    return {
        "counts": {v: counts.get(v, 0) for v in VOICES},
        "quotes": quotes,
        "missing": missing,
        "withheld": withheld,
    }


def _best(pool: Sequence[dict[str, Any]], picked: Sequence[dict[str, Any]], used: set[int]) -> dict[str, Any] | None:
    """The best-ranked quotable post by someone not already picked, preferring ones not yet quoted."""
    authors = {p.get("author_key") for p in picked}
    ids = {p.get("id") for p in picked}
    options = [p for p in pool if p.get("id") not in ids and p.get("author_key") not in authors and quotable(p)]
    return min(options, key=lambda p: (p.get("id") in used, *_rank(p))) if options else None
