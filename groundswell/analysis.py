"""The weekly analysis: movements and aggregates for one ISO week, saved so they outlive retention.

Post text is deleted after the retention period, but a digest compares this week with the
previous four and a movement keeps its identity from one week to the next; so each week's
movements and counts are saved with ``Store.save_weekly``. Running it twice gives the same
result (the saved rows are replaced), so the scheduler and the CLI can both call it freely.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError

from .config import Config
from .errors import GroundswellError
from .periods import Period
from .store import Store

__all__ = [
    "BASELINE_WEEKS",
    "analyse_if_needed",
    "analyse_week",
    "mentions",
    "post_text",
    "weekly_aggregates",
]

BASELINE_WEEKS = 6
SENTIMENTS = ("negative", "neutral", "positive")


@lru_cache(maxsize=256)
def _term_pattern(term: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in term.split()]
    return re.compile(r"(?<!\w)" + r"[\s\-]+".join(words) + r"(?!\w)", re.IGNORECASE)


def mentions(text: str | None, term: str) -> bool:
    """Whether a post mentions a watch-list or values term as whole words, ignoring case and
    the kind of apostrophe ("carers’ rights" is "carers' rights")."""
    if not text or not term.strip():
        return False
    pattern = _term_pattern(term.strip().replace("\u2019", "'"))
    return bool(pattern.search(text.replace("\u2019", "'")))


def post_text(post: dict[str, Any]) -> str:
    """Title and body as one text; the dash keeps a headline from running into its first line."""
    title, text = (post.get("title") or "").strip(), (post.get("text") or "").strip()
    if not title or title in text:
        return text
    return f"{title} — {text}" if text else title


def _day_index(created_at: datetime, period: Period) -> int:
    local = created_at.astimezone(ZoneInfo(period.tz)).date()
    return min(6, max(0, (local - period.monday).days))


def weekly_aggregates(posts: Iterable[dict[str, Any]], config: Config, period: Period) -> dict[str, Any]:
    """Counts for one week, keyed ``total``, ``theme:<id>``, ``source:<name>``, ``watch:<term>``.

    Themes and sentiment count only posts classified as relevant; sources count everything
    read, because a source that delivered only noise is itself worth knowing about.
    """
    total = {"posts": 0, "relevant": 0, "unlabelled": 0, "authors": 0, "voices": Counter()}
    themes = {t: {"volume": 0, "daily": [0] * 7, **dict.fromkeys(SENTIMENTS, 0)} for t in config.taxonomy.themes}
    sources: dict[str, dict[str, int]] = {}
    watch = {term: 0 for term in config.organisation.watch}
    authors: set[str] = set()
    for post in posts:
        total["posts"] += 1
        source = sources.setdefault(post["source"], {"posts": 0, "relevant": 0})
        source["posts"] += 1
        text = post_text(post)
        for term in watch:
            watch[term] += mentions(text, term)
        if post.get("relevant") is None:
            total["unlabelled"] += 1
            continue
        if not post["relevant"]:
            continue
        total["relevant"] += 1
        source["relevant"] += 1
        authors.add(post.get("author_key") or f"post-{post.get('id')}")
        total["voices"][post.get("voice") or "other"] += 1
        day = _day_index(post["created_at"], period)
        for theme in post.get("themes") or []:
            if theme in themes:
                entry = themes[theme]
                entry["volume"] += 1
                entry["daily"][day] += 1
                if post.get("sentiment") in SENTIMENTS:
                    entry[post["sentiment"]] += 1
    total["authors"] = len(authors)
    total["voices"] = dict(sorted(total["voices"].items()))
    out: dict[str, Any] = {"total": total}
    for theme, entry in themes.items():
        n = entry["volume"]
        entry["net"] = round((entry["positive"] - entry["negative"]) / n, 4) if n else None
        out[f"theme:{theme}"] = entry
    out.update({f"source:{name}": counts for name, counts in sorted(sources.items())})
    out.update({f"watch:{term}": {"posts": n} for term, n in watch.items()})
    return out


def _detector() -> Any:
    try:
        from .models.movements import detect_movements
    except ImportError as exc:
        raise GroundswellError(
            "movement detection is not available (groundswell.models.movements is missing)"
        ) from exc
    return detect_movements


def analyse_week(store: Store, config: Config, period: Period) -> dict[str, Any]:
    """Detect the week's movements and count its themes and sources; save both; return them.

    Movements are detected against a trailing baseline of ``BASELINE_WEEKS`` weeks, and the
    previous week's saved movements are passed on so a movement keeps its id across weeks.
    """
    week_posts = store.posts_between(period.start, period.end)
    baseline_start = period.shift(-BASELINE_WEEKS).start
    baseline = store.posts_between(baseline_start, period.start)
    previous = list(store.load_weekly("movements", str(period.shift(-1))).values())
    petitions = store.petition_history(baseline_start)
    detect = _detector()
    found = detect(week_posts, baseline, previous, period, petitions=petitions)
    movements = {str(m["id"]): m for m in found}
    aggregates = weekly_aggregates(week_posts, config, period)
    aggregates["meta"] = {
        "posts": len(week_posts),
        "labelled": sum(p.get("relevant") is not None for p in week_posts),
        "movements": len(movements),
        "fingerprint": _fingerprint(week_posts),
    }
    _save(store, "movements", str(period), movements)
    _save(store, "aggregates", str(period), aggregates)
    return {"period": str(period), "movements": list(movements.values()), "aggregates": aggregates}


def _save(store: Store, table: str, period: str, items: dict[str, Any]) -> None:
    """Replace a week's saved rows. Two senders analysing the same week at once can collide on
    PostgreSQL (both delete nothing, both insert); the loser tries again and replaces the
    winner's rows, which came from the same posts."""
    for attempt in range(3):
        try:
            store.save_weekly(table, period, items)
            return
        except IntegrityError:
            if attempt == 2:
                raise


def analyse_if_needed(store: Store, config: Config, period: Period) -> bool:
    """Analyse the week unless a saved analysis already covers the same posts and labels.

    Returns True when it ran. A week whose posts arrived, or were classified or re-classified,
    after its last analysis is analysed again, so a late collection is never left out.
    """
    meta = store.load_weekly("aggregates", str(period)).get("meta")
    if meta and meta.get("fingerprint") == _fingerprint(store.posts_between(period.start, period.end)):
        return False
    analyse_week(store, config, period)
    return True


def _fingerprint(posts: Iterable[dict[str, Any]]) -> str:
    """Which posts the week holds and how each is labelled: a late post or a retrained model
    that labels differently changes it, and so the week is analysed again."""
    digest = hashlib.sha1()
    for post in sorted(posts, key=lambda p: p["id"]):
        labels = (post.get("relevant"), post.get("sentiment"), post.get("voice"), sorted(post.get("themes") or []))
        digest.update(f"{post['id']}:{labels}\n".encode())
    return digest.hexdigest()
