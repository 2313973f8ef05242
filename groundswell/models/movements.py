"""Emerging movements: what is rising this week against a trailing baseline, grouped and tracked.

``detect_movements`` is a pure function of its arguments. In outline:

1. Every post becomes a set of terms: content words, adjacent-word phrases and hashtags.
2. A term *bursts* when its share of this week's posts is at least ``min_growth`` times its share
   of the baseline's (smoothed), the excess is significant (a Poisson z-score ≥ ``min_z``), and it
   is used by at least ``min_authors`` distinct authors, none of whom wrote more than half of it.
3. Bursting terms that share most of their posts are grouped into one movement; its label comes
   from its most distinctive terms, so movements are not limited to the taxonomy. A movement of
   one lone term needs a burst half as strong again (z ≥ 1.5 × ``min_z``): real movements
   bring several new words and phrases with them, noise usually brings one.
4. Each movement is scored by growth, breadth (distinct authors), spread (sources) and size.
5. Last week's movements (``previous``) give identity: a movement whose terms overlap one of
   them keeps its ``id``, and its status is growing / steady / fading by its change in posts.
   A previous movement that no longer bursts is still followed by its terms and reported while
   it has posts; a fading one that has gone quiet is dropped. Anything unmatched is ``new``.

Petitions' signature velocity is reported in the same list as movements with ``kind``
``"petition"`` (conversation movements have ``kind`` ``"conversation"``), with extra keys
``petition_id``, ``url``, ``signatures``, ``signatures_per_day`` and ``trend`` in signatures a day.
A conversation movement whose terms match a rising petition's title lists it under ``petitions``.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

__all__ = ["detect_movements", "post_terms"]

BASELINE_SAMPLE = 120_000
MAX_IDS = 200
LABEL_POSTS = 200  # the most representative posts a label is read from
_WORD = re.compile(r"#?[a-z][a-z0-9'\-]*[a-z0-9]")
_PHRASE_WORD = re.compile(r"#?[a-z0-9][a-z0-9'\-]*")
STOPWORDS = frozenset("""
a about above after again against all also am an and any are aren't as at be because been before
being below between both but by can can't cannot could couldn't did didn't do does doesn't doing
don't down during each even ever every few for from further get gets got had hadn't has hasn't
have haven't having he he'd he'll he's her here here's hers herself him himself his how how's i
i'd i'll i'm i've if in into is isn't it it's its itself just let's like make many may me more
most much must mustn't my myself new no nor not now of off on once one only or other ought our
ours ourselves out over own really same say says said see shan't she she'd she'll she's should
shouldn't so some still such than that that's the their theirs them themselves then there there's
these they they'd they'll they're they've this those through to too two under until up upon us
very was wasn't way we we'd we'll we're we've week weeks were weren't what what's when when's where
where's which while who who's whom why why's will with won't would wouldn't yes yet you you'd
you'll you're you've your yours yourself yourselves today yesterday tonight last next times
year years know think going go went come came back people thing things im ive dont cant
amp http https www com co uk
""".split())


def post_terms(text: str) -> set[str]:
    """Distinctive terms of one post: content words (3+ letters), hashtags, adjacent pairs."""
    words = _WORD.findall(text.lower().replace("\u2019", "'"))
    content = [w for w in words if len(w) > 2 and w not in STOPWORDS]
    terms = set(content)
    pairs = zip(content, content[1:], strict=False)
    if "#" in text:  # no phrase runs through a hashtag
        terms.update(a + " " + b for a, b in pairs if a[0] != "#" and b[0] != "#")
    else:
        terms.update(map(" ".join, pairs))
    return terms


def detect_movements(
    week_posts: Sequence[dict[str, Any]],
    baseline_posts: Sequence[dict[str, Any]],
    previous: Sequence[dict[str, Any]],
    period: Any,
    petitions: Sequence[dict[str, Any]] | None = None,
    *,
    min_posts: int = 10,
    min_authors: int = 5,
    min_growth: float = 3.0,
    min_z: float = 5.0,
    max_movements: int = 12,
    min_signatures_per_day: float = 50.0,
) -> list[dict[str, Any]]:
    """The week's movements, best first. ``period`` is a ``groundswell.periods.Period`` or an ISO
    week string like ``"2026-W47"``. See the module docstring for the method and the output."""
    start, tz = _period_bounds(period)
    week = [p for p in week_posts if p.get("relevant") is not False]
    base = [p for p in baseline_posts if p.get("relevant") is not False]
    n_week = len(week)
    base_scale = 1.0
    if len(base) > BASELINE_SAMPLE:  # a deterministic sample is plenty to estimate a share
        step = len(base) / BASELINE_SAMPLE
        base_scale = step
        base = [base[int(i * step)] for i in range(BASELINE_SAMPLE)]
    n_base = max(1.0, len(base) * base_scale)

    week_terms = [post_terms(_text(p)) for p in week]
    base_terms = [post_terms(_text(p)) for p in base]
    wc: Counter[str] = Counter()
    for ts in week_terms:
        wc.update(ts)
    bc: Counter[str] = Counter()
    for ts in base_terms:
        bc.update(ts)

    ratio = n_week / n_base
    cands: dict[str, float] = {}
    for term, c in wc.items():
        if c < min_posts:
            continue
        b = bc.get(term, 0) * base_scale
        e = b * ratio
        growth = (c + 2.0) / (e + 2.0)
        # Poisson z for the difference of two rates: the baseline's own noise counts too.
        z = (c - e) / math.sqrt(e + b * ratio * ratio + 1.0)
        if growth >= min_growth and z >= min_z:
            cands[term] = z
    authors = [_author(p) for p in week]
    posts_of = _index(week_terms, cands)
    bursting = []
    for t, _z in sorted(cands.items(), key=lambda kv: (-kv[1], kv[0])):
        by = Counter(authors[i] for i in posts_of[t])
        if len(by) >= min_authors and by.most_common(1)[0][1] <= 0.5 * len(posts_of[t]):
            bursting.append(t)
    clusters = [ts for ts in _cluster(bursting[:300], posts_of)
                # a lone word needs a much stronger burst than a cluster of related terms
                if len(ts) > 1 or cands[ts[0]] >= min_z * 1.5]
    # Membership by index: which week and baseline posts hold each term of a movement (or of
    # last week's movements), found in one pass over each rather than one pass a movement.
    prev = [p for p in previous if p.get("kind", "conversation") == "conversation" and p.get("terms")]
    tracked = {t for ts in clusters for t in ts} | {t for p in prev for t in p["terms"]}
    week_of = _index(week_terms, tracked - set(posts_of))
    week_of.update(posts_of)
    base_of = _index(base_terms, tracked)

    def growth(terms: Sequence[str], n_members: int) -> float:
        e = len(_members(terms, base_of)) * base_scale / n_base * n_week
        return round((n_members + 2.0) / (e + 2.0), 2)

    movements = []
    for terms in clusters:
        members = _members(terms, week_of)
        m = _describe(terms, members, week, week_terms, authors, start, tz)
        if m["authors"] < min_authors:
            continue
        m["growth"] = growth(terms, len(members))
        movements.append(m)

    movements = _track(movements, prev, week, week_terms, authors, week_of, growth, start, tz,
                       str(period))
    for m in movements:
        m["score"] = _score(m)
    movements.sort(key=lambda m: (-m["score"], m["id"]))
    movements = movements[:max_movements]

    rising = _petitions(petitions or [], previous, start, tz, min_signatures_per_day)
    for pet in rising:
        words = post_terms(pet["label"])
        for m in movements:
            if len(words.intersection(m["terms"])) >= 2 or (
                m["terms"] and m["terms"][0] in words and " " in m["terms"][0]
            ):
                m.setdefault("petitions", []).append(pet["petition_id"])
    return movements + rising


# --- helpers ---------------------------------------------------------------------------------


def _period_bounds(period: Any) -> tuple[datetime, str]:
    if hasattr(period, "start") and hasattr(period, "tz"):
        return period.start, period.tz
    from ..periods import parse_period

    p = parse_period(str(period))
    return p.start, p.tz


def _text(post: dict[str, Any]) -> str:
    title, text = post.get("title") or "", post.get("text") or ""
    body = f"{title}\n{text}" if title and title not in text else text
    tags = post.get("hashtags") or []
    return body + (" " + " ".join("#" + t.lstrip("#") for t in tags) if tags else "")


def _author(post: dict[str, Any]) -> str:
    # An unknown author counts as one voice per source: breadth is never inflated.
    author = post.get("author")
    return f"{post.get('source', '')}:{author}" if author else f"?{post.get('source', '')}"


def _cluster(terms: list[str], posts_of: dict[str, list[int]]) -> list[list[str]]:
    """Greedy grouping: a term joins the first cluster holding most of its posts."""
    clusters: list[tuple[list[str], set[int]]] = []
    for t in terms:
        mine = set(posts_of[t])
        for ts, core in clusters:
            if len(mine & core) >= 0.5 * len(mine):
                ts.append(t)
                break
        else:
            clusters.append(([t], mine))
    return [ts for ts, _ in clusters]


def _describe(terms, members, week, week_terms, authors, start, tz) -> dict[str, Any]:
    zone = ZoneInfo(tz)
    monday = start.astimezone(zone).date()
    tset = set(terms)
    rank = sorted(members, key=lambda i: (-len(week_terms[i] & tset), _ts(week[i]), i))
    trend = [0] * 7
    sentiment = Counter()
    for i in members:
        p = week[i]
        created = p.get("created_at")
        if isinstance(created, datetime):
            d = (created.astimezone(zone).date() - monday).days
            trend[min(6, max(0, d))] += 1
        if p.get("sentiment"):
            sentiment[p["sentiment"]] += 1
    labelled = sum(sentiment.values())
    return {
        "kind": "conversation",
        "label": _label(terms, [_text(week[i]) for i in rank[:LABEL_POSTS]]),
        "posts": len(members),
        "authors": len({authors[i] for i in members}),
        "sources": sorted({str(week[i].get("source") or "unknown") for i in members}),
        "sentiment": {s: round(sentiment[s] / labelled, 3) if labelled else 0.0
                      for s in ("negative", "neutral", "positive")},
        "trend": trend,
        "post_ids": [week[i]["id"] for i in rank[:MAX_IDS]],
        "terms": list(terms[:8]),
    }


def _ts(post: dict[str, Any]) -> float:
    created = post.get("created_at")
    return created.timestamp() if isinstance(created, datetime) else 0.0


def _label(terms: Sequence[str], texts: Sequence[str]) -> str:
    """A readable name: the phrase the movement's own posts use most, as they wrote it.

    Candidates are runs of one to four words from the most representative posts (numbers kept,
    so "15 minute visits" stays whole) that hold a word of the movement's terms and neither
    start nor end with a stopword; a plural and its singular count as one. The phrase used most
    wins (by posts, with a bonus for each more of the movement's own words it holds), and grows
    into a longer phrase that holds it while at least two in five of its posts use that. A
    second phrase sharing no word is added when at least three in five as many posts use it.
    Without texts, the distinctive terms themselves are the name.
    """
    words = {w.lstrip("#") for t in terms[:8] for w in t.split()}
    posts: Counter = Counter()
    forms: dict[tuple[str, ...], Counter] = {}
    for text in texts:
        toks = _PHRASE_WORD.findall(text.lower().replace("\u2019", "'"))
        grams = {}
        for n in range(1, 5):
            for i in range(len(toks) - n + 1):
                g = toks[i:i + n]
                if g[0] in STOPWORDS or g[-1] in STOPWORDS or not words.intersection(g):
                    continue
                if n == 1 and (len(g[0]) < 3 or g[0].isdigit()):
                    continue
                grams[tuple(w.removesuffix("s") if len(w) > 3 else w for w in g)] = " ".join(g)
        posts.update(grams.keys())
        for key, form in grams.items():
            forms.setdefault(key, Counter())[form] += 1
    need = max(2, 0.2 * len(texts))
    common = {k: c for k, c in posts.items() if c >= need}
    if not common:
        return _terms_label(terms)
    stems = {w.removesuffix("s") if len(w) > 3 else w for w in words}
    value = {k: c * (1 + 0.5 * (sum(w in stems for w in k) - 1)) for k, c in common.items()}
    first = min(common, key=lambda k: (-value[k], k))
    while True:
        longer = [k for k in common if len(k) > len(first) and _holds(k, first)
                  and common[k] >= 0.4 * common[first]]
        if not longer:
            break
        first = min(longer, key=lambda k: (-common[k], k))
    chosen = [first]
    rest = [k for k in common if not set(k) & set(first) and common[k] >= 0.6 * common[first]]
    if rest:
        chosen.append(min(rest, key=lambda k: (-value[k], k)))
    return " · ".join(forms[k].most_common(1)[0][0] for k in chosen)


def _holds(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


def _terms_label(terms: Sequence[str]) -> str:
    """Up to three distinctive terms that share no word; phrases first."""
    chosen: list[str] = []
    for t in sorted(terms[:8], key=lambda t: (" " not in t, terms.index(t))):
        if not any(set(t.lstrip("#").split()) & set(c.lstrip("#").split()) for c in chosen):
            chosen.append(t)
        if len(chosen) == 3:
            break
    return " · ".join(chosen)


def _index(term_sets: Sequence[set[str]], terms: set[str]) -> dict[str, list[int]]:
    """For each of ``terms``, the positions of the posts that hold it."""
    where: dict[str, list[int]] = {t: [] for t in terms}
    if terms:
        for i, ts in enumerate(term_sets):
            for t in ts.intersection(terms):
                where[t].append(i)
    return where


def _members(terms: Sequence[str], where: dict[str, list[int]]) -> list[int]:
    """The posts of a movement, in order: those with its lead term or two of its terms."""
    hits = Counter(i for t in set(terms) for i in where[t])
    lead = set(where[terms[0]])
    return sorted(i for i, n in hits.items() if n >= 2 or i in lead)


def _score(m: dict[str, Any]) -> float:
    spread = 1.0 + 0.25 * max(0, len(m["sources"]) - 1)
    return round(math.log2(1.0 + m["growth"]) * math.sqrt(m["authors"]) * spread
                 * math.log2(2.0 + m["posts"]), 3)


def _new_id(terms: Sequence[str], period: str) -> str:
    key = period + "|" + "|".join(sorted(terms[:3]))
    return "mv-" + hashlib.sha1(key.encode()).hexdigest()[:10]


def _similar(a: Sequence[str], b: Sequence[str]) -> float:
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def _status(now: int, before: int) -> str:
    if now >= 1.5 * before:
        return "growing"
    if now <= 0.67 * before:
        return "fading"
    return "steady"


def _track(movements, prev, week, week_terms, authors, week_of, growth, start, tz,
           period) -> list[dict[str, Any]]:
    used: set[str] = set()
    for m in movements:
        best, best_sim = None, 0.0
        for p in prev:
            if p["id"] in used:
                continue
            sim = _similar(m["terms"], p["terms"])
            if sim > best_sim:
                best, best_sim = p, sim
        if best is not None and best_sim >= 0.34:
            used.add(best["id"])
            m["id"] = best["id"]
            m["label"] = best.get("label") or m["label"]  # a name should not change weekly
            m["status"] = _status(m["posts"], int(best.get("posts") or 0))
            m["first_seen"] = best.get("first_seen", period)
        else:
            m["id"] = _new_id(m["terms"], period)
            m["status"] = "new"
            m["first_seen"] = period
    # Previous movements that no longer burst: follow them by their own terms.
    for p in prev:
        if p["id"] in used:
            continue
        members = _members(p["terms"], week_of)
        if not members:
            continue
        m = _describe(list(p["terms"]), members, week, week_terms, authors, start, tz)
        m["label"] = p.get("label") or m["label"]
        m["growth"] = growth(p["terms"], len(members))
        status = _status(len(members), int(p.get("posts") or 0))
        if m["growth"] < 1.5:  # back to its usual level: it fades once, then it is gone
            status = "fading"
        if status == "fading" and p.get("status") == "fading":
            continue
        m["id"] = p["id"]
        m["status"] = status
        m["first_seen"] = p.get("first_seen", period)
        movements.append(m)
    return movements


def _petitions(petitions, previous, start, tz, min_rate) -> list[dict[str, Any]]:
    end = start + timedelta(days=7)
    before = {p["id"]: p for p in previous if p.get("kind") == "petition"}
    out = []
    for pet in petitions:
        snaps = sorted((_aware(t), int(c)) for t, c in pet.get("snapshots") or [])
        if len(snaps) < 2:
            continue
        in_week = [s for s in snaps if start <= s[0] < end]
        earlier = [s for s in snaps if s[0] < start]
        if not in_week:
            continue
        first = earlier[-1] if earlier else in_week[0]
        last = in_week[-1]
        days = max((last[0] - first[0]).total_seconds() / 86400, 1 / 24)
        rate = (last[1] - first[1]) / days
        if rate < min_rate:
            continue
        base_rate = 0.0
        if len(earlier) >= 2:
            bdays = max((earlier[-1][0] - earlier[0][0]).total_seconds() / 86400, 1 / 24)
            base_rate = (earlier[-1][1] - earlier[0][1]) / bdays
        growth = round((rate + 10.0) / (base_rate + 10.0), 2)
        pid = f"petition-{pet.get('source', 'petitions')}-{pet['petition_id']}"
        prev = before.get(pid)
        if prev is None and growth < 2.0:
            continue
        status = "new" if prev is None else _status(int(rate), int(prev.get("signatures_per_day") or 0))
        trend = _daily_gain(snaps, start, tz)
        out.append({
            "kind": "petition", "id": pid, "petition_id": str(pet["petition_id"]),
            "label": pet.get("title") or str(pet["petition_id"]), "url": pet.get("url"),
            "status": status, "growth": growth, "posts": 0, "authors": 0,
            "sources": [str(pet.get("source", "petitions"))],
            "sentiment": {"negative": 0.0, "neutral": 0.0, "positive": 0.0},
            "trend": trend, "post_ids": [], "terms": sorted(post_terms(pet.get("title") or ""))[:8],
            "signatures": last[1], "signatures_per_day": round(rate, 1),
            "score": round(math.log2(1.0 + growth) * math.log10(10.0 + rate), 3),
            "first_seen": prev.get("first_seen") if prev else None,
        })
    out.sort(key=lambda m: (-m["score"], m["id"]))
    return out


def _daily_gain(snaps, start, tz) -> list[int]:
    """Signatures gained on each day of the week, by linear interpolation between snapshots."""
    zone = ZoneInfo(tz)
    day0 = datetime.combine(start.astimezone(zone).date(), datetime.min.time(), zone)
    edges = [day0 + timedelta(days=d) for d in range(8)]

    def count_at(t: datetime) -> float:
        if t <= snaps[0][0]:
            return float(snaps[0][1])
        for (t0, c0), (t1, c1) in zip(snaps, snaps[1:], strict=False):
            if t0 <= t <= t1:
                span = (t1 - t0).total_seconds() or 1.0
                return c0 + (c1 - c0) * (t - t0).total_seconds() / span
        return float(snaps[-1][1])

    values = [count_at(e) for e in edges]
    return [max(0, round(values[d + 1] - values[d])) for d in range(7)]


def _aware(t: datetime) -> datetime:
    return t if t.tzinfo else t.replace(tzinfo=UTC)
