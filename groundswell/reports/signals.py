"""Threats and opportunities: what a leader would otherwise have missed this week.

Each signal says how much (posts, people), how fast (against last week or the four before) and
links to the posts, so a reader can check it rather than trust it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from ..analysis import mentions, post_text
from ..config import Config
from ..periods import Period
from .quotes import choose_quotes, link
from .safety import clean_text, safe_url

__all__ = ["MIN_VOLUME", "count", "opportunities", "petition_momentum", "signed", "threats"]

MIN_VOLUME = 5  # below this many posts a percentage change says nothing
RISING = 0.25
MAX_LINKS = 3
MAX_RISING = 3  # rising themes or movements listed as threats; the rest are in the tables


def signed(value: float | None) -> str:
    """+0.25 / −0.40 with a true minus sign; a dash when there is too little to say."""
    return "—" if value is None else f"{value:+.2f}".replace("-", "−")

_SIGNAL_WORDS = {
    "safeguarding": ("abuse", "neglect", "restraint", "missed medication", "unsafe", "death",
                     "died", "DoLS", "injury", "assault", "safeguarding"),
    "culture": ("bullying", "whistleblowing", "whistleblower", "closed culture", "cover-up",
                "cover up", "toxic", "racism", "harassment", "victimised", "speak up"),
}  # fmt: skip


def _links(posts: Sequence[dict[str, Any]], config: Config) -> list[dict[str, str]]:
    out = []
    for post in posts:
        item = link(post, config)
        if item and item["url"] not in {o["url"] for o in out}:
            out.append(item)
        if len(out) == MAX_LINKS:
            break
    return out


def count(n: int, one: str, many: str | None = None) -> str:
    """'1 post', '3 posts', '1 person', '4 people'."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _people(posts: Sequence[dict[str, Any]]) -> int:
    return len({p.get("author_key") or p.get("id") for p in posts})


def _times(now: float, before: float | None) -> str:
    if not before or before < 1:
        return "almost none in the four weeks before" if now else "none"
    ratio = now / before
    if ratio >= 1.15:
        return f"{ratio:.1f}× the usual {before:g}"
    if ratio <= 0.85:
        return f"down from a usual {before:g}"
    return f"about the usual {before:g}"


def _theme_rows(themes: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in themes}


def threats(week: Sequence[dict[str, Any]], previous_watch: dict[str, int], themes: Sequence[dict[str, Any]],
            movements: Sequence[dict[str, Any]], config: Config) -> list[dict[str, Any]]:  # fmt: skip
    """Watch-list mentions first, then safeguarding and culture signals, then rising negatives."""
    watched: list[dict[str, Any]] = []
    for term in config.organisation.watch:
        hits = [p for p in week if mentions(post_text(p), term)]
        if not hits:
            continue
        negative = sum(p.get("sentiment") == "negative" for p in hits)
        before = previous_watch.get(term, 0)
        quotes, withheld = choose_quotes(hits, config, 1, relevant_only=False)
        watched.append({
            "kind": "watch", "title": f"Mentions of {clean_text(term, 80)}", "posts": len(hits),
            "people": _people(hits), "growth": round(len(hits) / before, 2) if before else None,
            "negative": negative,
            "detail": f"{count(len(hits), 'public post')} from {count(_people(hits), 'person', 'people')} "
                      f"({before} last week); {negative} negative.",
            "links": _links(hits, config), "quotes": quotes, "withheld": withheld,
        })  # fmt: skip
    out = sorted(watched, key=lambda t: (-t["negative"], -t["posts"]))
    rows = _theme_rows(themes)
    relevant = [p for p in week if p.get("relevant")]
    for theme in ("safeguarding", "culture"):
        row = rows.get(theme)
        hits = [p for p in relevant if theme in (p.get("themes") or [])]
        if row is None or not hits:
            continue
        words = [w for w in _SIGNAL_WORDS[theme] if any(_word(w).search(post_text(p)) for p in hits)]
        hits.sort(key=lambda p: (p.get("sentiment") != "negative", -(p.get("relevance") or 0), p.get("id") or 0))
        out.append({
            "kind": theme, "title": f"{row['label']} signals", "posts": row["volume"],
            "people": _people(hits), "growth": row["growth"],
            "detail": f"{count(row['volume'], 'post')} from {count(_people(hits), 'person', 'people')}, "
                      f"{_times(row['volume'], row['previous_average'])}"
                      + (f"; they mention {', '.join(words[:5])}." if words else "."),
            "links": _links(hits, config), "quotes": [], "withheld": 0,
        })  # fmt: skip
    worrying = [r for r in themes if r["id"] not in ("safeguarding", "culture") and _rising(r)
                and (r["net_sentiment"] or 0) <= -0.2]  # fmt: skip
    for row in sorted(worrying, key=lambda r: (-r["growth"], r["id"]))[:MAX_RISING]:
        hits = [p for p in relevant if row["id"] in (p.get("themes") or []) and p.get("sentiment") == "negative"]
        out.append({
            "kind": "rising_negative", "title": f"{row['label']}: rising and negative", "posts": row["volume"],
            "people": _people(hits), "growth": row["growth"],
            "detail": f"{row['volume']} posts, {_times(row['volume'], row['previous_average'])}; "
                      f"net feeling {signed(row['net_sentiment'])}.",
            "links": _links(hits, config), "quotes": [], "withheld": 0,
        })  # fmt: skip
    watched_terms = [t for t in config.organisation.watch if any(w["title"].endswith(t) for w in watched)]
    rising = [m for m in movements if m["status"] in ("new", "growing") and m["sentiment"].get("negative", 0) >= 0.5
              and not any(mentions(m["label"], t) for t in watched_terms)]  # already reported above
    for movement in rising[:MAX_RISING]:
        negative = round(100 * movement["sentiment"].get("negative", 0))
        out.append({
            "kind": "movement", "title": f"Movement: {movement['label']}", "posts": movement["posts"],
            "people": movement["authors"], "growth": movement["growth"],
            "detail": f"{movement['status'].capitalize()}: {count(movement['posts'], 'post')} from "
                      f"{count(movement['authors'], 'person', 'people')} on "
                      f"{count(len(movement['sources']), 'source')}; {negative}% negative.",
            "links": [{"url": q["url"], "label": q["attribution"]} for q in movement["quotes"] if q["url"]],
            "quotes": [], "withheld": 0, "movement": movement["id"],
        })  # fmt: skip
    return out


def _word(term: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)", re.IGNORECASE)


def _rising(row: dict[str, Any]) -> bool:
    return row["volume"] >= MIN_VOLUME and row["growth"] is not None and row["growth"] >= 1 + RISING


def _values_matched(texts: Sequence[str], config: Config) -> list[str]:
    return [v for v in config.organisation.values if any(mentions(t, v) for t in texts)]


def opportunities(week_by_id: dict[int, dict[str, Any]], themes: Sequence[dict[str, Any]],
                  movements: Sequence[dict[str, Any]], petitions: Sequence[dict[str, Any]],
                  config: Config) -> list[dict[str, Any]]:  # fmt: skip
    """Rising hopeful movements (values-matching first), rising positive themes, fast petitions."""
    found: list[dict[str, Any]] = []
    for movement in movements:
        shares = movement["sentiment"]
        texts = [movement["label"], " ".join(movement.get("terms") or [])]
        texts += [post_text(week_by_id[i]) for i in movement.get("post_ids") or [] if i in week_by_id]
        values = _values_matched(texts, config)
        hopeful = shares.get("positive", 0) >= max(0.3, shares.get("negative", 0))
        if movement["status"] in ("new", "growing") and (hopeful or (values and shares.get("negative", 0) < 0.5)):
            found.append({
                "kind": "movement", "title": movement["label"], "values": values,
                "posts": movement["posts"], "people": movement["authors"], "growth": movement["growth"],
                "detail": f"{movement['status'].capitalize()}: {count(movement['posts'], 'post')} from "
                          f"{count(movement['authors'], 'person', 'people')}; "
                          f"{round(100 * shares.get('positive', 0))}% positive"
                          + (f"; matches your values: {', '.join(values)}." if values else "."),
                "links": [{"url": q["url"], "label": q["attribution"]} for q in movement["quotes"] if q["url"]],
                "movement": movement["id"],
            })  # fmt: skip
    found.sort(key=lambda o: (not o["values"], -(o["posts"] or 0)))
    for row in themes:
        if _rising(row) and (row["net_sentiment"] or 0) >= 0.2:
            found.append({
                "kind": "theme", "title": f"{row['label']}: rising and hopeful", "values": [],
                "posts": row["volume"], "people": None, "growth": row["growth"],
                "detail": f"{row['volume']} posts, {_times(row['volume'], row['previous_average'])}; "
                          f"net feeling {signed(row['net_sentiment'])}.",
                "links": [],
            })  # fmt: skip
    for petition in petitions[:3]:
        values = _values_matched([petition["title"]], config)
        found.append({
            "kind": "petition", "title": petition["title"], "values": values, "posts": None, "people": None,
            "growth": petition["acceleration"],
            "detail": f"{petition['signatures']:,} signatures, +{petition['gained']:,} this week "
                      f"(about {petition['per_day']:,.0f} a day; +{petition['previous_gained']:,} the week before)"
                      + (f"; matches your values: {', '.join(values)}." if values else "."),
            "links": [{"url": petition["url"], "label": "The petition"}] if petition["url"] else [],
            "petition": petition,
        })  # fmt: skip
    return found


def _count_at(snapshots: Sequence[tuple[datetime, int]], when: datetime) -> int | None:
    """The latest count taken before ``when``; None if none was."""
    before = [count for taken, count in snapshots if taken < when]
    return before[-1] if before else None


def petition_momentum(history: Sequence[dict[str, Any]], period: Period) -> list[dict[str, Any]]:
    """Signatures gained this week and the week before, from our own snapshots, fastest first.

    The petitions site gives only the current count, so momentum is what our snapshots saw; a
    petition first seen mid-week counts from its first snapshot.
    """
    out = []
    for item in history:
        snaps = sorted(item["snapshots"])
        in_week = [(t, c) for t, c in snaps if period.start <= t < period.end]
        if not in_week:
            continue
        start = _count_at(snaps, period.start)
        first = start if start is not None else in_week[0][1]
        end = in_week[-1][1]
        earlier = _count_at(snaps, period.shift(-1).start)
        previous_gained = (start - earlier) if start is not None and earlier is not None else 0
        gained = max(0, end - first)
        if gained <= 0:
            continue
        span_start = period.start if start is not None else in_week[0][0]
        days = max(1.0, (in_week[-1][0] - span_start).total_seconds() / 86400)
        out.append({
            "id": clean_text(str(item["petition_id"]), 40), "title": clean_text(item.get("title") or "A petition", 200),
            "url": safe_url(item.get("url")), "signatures": end, "gained": gained, "per_day": round(gained / days, 1),
            "previous_gained": max(0, previous_gained),
            "acceleration": round(gained / previous_gained, 2) if previous_gained > 0 else None,
        })  # fmt: skip
    out.sort(key=lambda p: (-p["gained"], p["id"]))
    return out
