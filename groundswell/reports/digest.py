"""The digest's data: one pure function from the store and a week to everything a leader reads.

``build_digest`` only reads the store. Renderers (HTML email, text, JSON) read only the
``Digest`` it returns, so what a leader sees and what ``--format json`` prints never disagree.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import timedelta
from typing import Any

from ..analysis import post_text, weekly_aggregates
from ..config import Config
from ..periods import Period
from ..store import Store
from .quotes import choose_quotes, voices_section
from .safety import clean_text, could_identify
from .signals import MIN_VOLUME, count, opportunities, petition_momentum, signed, threats

__all__ = ["Digest", "build_digest", "theme_label"]

TREND_WEEKS = 8
COMPARE_WEEKS = 4
MAX_MOVEMENTS = 6
THIN_SHARE = 0.3  # a source that brought under 30% of its usual posts is "thin"
LIMITS = (
    "Only public posts are read: many people who use services, and most carers, never post in "
    "public, so their absence here is not their absence from the story.",
    "Labels come from trained models and are estimates: read the quotes and links before acting.",
    "A rise can be a change in what was collected; check the coverage table beside it.",
    "Reposts and the same article in several feeds are counted once.",
)


@dataclass
class Digest:
    """The week's digest; its fields are the JSON object's top-level keys, in order."""

    period: dict[str, Any]
    summary: list[str]
    threats: list[dict[str, Any]]
    opportunities: list[dict[str, Any]]
    emerging: list[dict[str, Any]]
    voices: dict[str, Any]
    themes: list[dict[str, Any]]
    coverage: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def theme_label(theme: str) -> str:
    special = {"learning_disability_autism": "Learning disability and autism", "culture": "Culture and speaking up"}
    return special.get(theme, theme.replace("_", " ").capitalize())


def _finite(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return round(number, 2) if math.isfinite(number) else None


def _whole(value: Any, default: int) -> int:
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return default


def _aggregates(store: Store, config: Config, period: Period) -> dict[str, Any]:
    saved = store.load_weekly("aggregates", str(period))
    if saved:
        return saved
    return weekly_aggregates(store.posts_between(period.start, period.end), config, period)


def _net(entries: list[dict[str, Any]]) -> float | None:
    n = sum(e.get("volume", 0) for e in entries)
    if n < MIN_VOLUME:
        return None
    return round(sum(e.get("positive", 0) - e.get("negative", 0) for e in entries) / n, 2)


def _themes(config: Config, now: dict[str, Any], history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per theme: this week, the average of the four before, net feeling, eight weeks of volume."""
    rows = []
    for theme in config.taxonomy.themes:
        key = f"theme:{theme}"
        entry = now.get(key) or {"volume": 0}
        before = [h.get(key) or {"volume": 0} for h in history[-COMPARE_WEEKS:]]
        average = sum(e.get("volume", 0) for e in before) / COMPARE_WEEKS
        volume = entry.get("volume", 0)
        rows.append({
            "id": theme, "label": theme_label(theme), "volume": volume,
            "previous_average": round(average, 1),
            "change": round((volume - average) / average, 2) if average else None,
            "growth": round(volume / average, 2) if average else None,
            "net_sentiment": entry.get("net") if volume >= MIN_VOLUME else None,
            "previous_net": _net(before),
            "sentiment": {k: entry.get(k, 0) for k in ("negative", "neutral", "positive")},
            "trend": [(h.get(key) or {}).get("volume", 0) for h in history] + [volume],
            "daily": entry.get("daily", [0] * 7),
        })  # fmt: skip
    return rows


def _movements(saved: dict[str, Any], week_by_id: dict[int, dict[str, Any]], config: Config,
               used: set[int], petitions: list[dict[str, Any]]) -> list[dict[str, Any]]:  # fmt: skip
    """Movement cards, best first; each names the petitions the detector linked it to."""
    by_id = {p["id"]: p for p in petitions}
    cards = []
    ranked = sorted(saved.values(), key=lambda m: (-(_finite(m.get("score")) or 0), str(m.get("id"))))
    conversations = [m for m in ranked if m.get("kind") != "petition"]  # petitions: shown with momentum
    for movement in conversations[:MAX_MOVEMENTS]:
        posts = [week_by_id[i] for i in movement.get("post_ids") or [] if i in week_by_id]
        quotes, withheld = choose_quotes(posts, config, 3, used=used)
        shares = movement.get("sentiment") or {}
        cards.append({
            "id": str(movement.get("id")), "label": clean_text(str(movement.get("label") or "Unnamed"), 80),
            "status": movement.get("status") if movement.get("status") in ("new", "growing", "steady", "fading")
            else "steady",
            "growth": _finite(movement.get("growth")), "posts": _whole(movement.get("posts"), len(posts)),
            "authors": _whole(movement.get("authors"), 0),
            "sources": sorted(clean_text(str(s), 64) for s in movement.get("sources") or []),
            "sentiment": {k: _finite(shares.get(k)) or 0.0 for k in ("negative", "neutral", "positive")},
            "trend": ([_whole(v, 0) for v in movement.get("trend") or []] + [0] * 7)[:7],
            "terms": [clean_text(str(t), 40) for t in (movement.get("terms") or [])[:6]],
            "score": _finite(movement.get("score")), "quotes": quotes, "withheld": withheld,
            "petitions": [{k: by_id[str(i)][k] for k in ("title", "url", "signatures", "gained")}
                          for i in movement.get("petitions") or [] if str(i) in by_id],
        })  # fmt: skip
    return cards


def _coverage(store: Store, config: Config, period: Period, week: list[dict[str, Any]],
              history: list[dict[str, Any]], analysed: bool, snapshots: Counter[str]) -> dict[str, Any]:  # fmt: skip
    # a run early on Monday, before the digest, still collects Sunday's posts
    runs = store.runs_between(period.start, period.end + timedelta(hours=12))
    posted = Counter(p["source"] for p in week)
    configured = {s.name: s for s in config.sources}
    names = sorted(set(configured) | {r["source"] for r in runs} | set(posted) | set(snapshots))
    sources = []
    for name in names:
        mine = [r for r in runs if r["source"] == name]
        failed = [r for r in mine if r["status"] == "failed"]
        usual = sum((h.get(f"source:{name}") or {}).get("posts", 0) for h in history[-COMPARE_WEEKS:]) / COMPARE_WEEKS
        n_posts, source, snaps = posted.get(name, 0), configured.get(name), snapshots.get(name, 0)
        last_error = clean_text(f"{failed[-1]['error_kind']}: {failed[-1]['error']}", 160) if failed else None
        if source is not None and not source.enabled:
            status, reason = "disabled", "turned off in the config"
        elif mine and len(failed) == len(mine):
            status, reason = "failed", f"all {len(mine)} collection runs failed; last: {last_error}"
        elif not mine and snaps:
            status, reason = "ok", f"{snaps} petition count(s) taken this week"
        elif source is not None and not mine and not n_posts:
            status, reason = "failed", "no collection ran this week (was the scheduler running?)"
        elif source is not None and not mine:
            status, reason = "ok", "collected later (no run recorded this week)"
        elif failed:
            status, reason = "partial", f"{len(failed)} of {len(mine)} runs failed; last: {last_error}"
        elif usual >= 10 and n_posts < THIN_SHARE * usual:
            status, reason = "thin", f"{n_posts} posts against a usual {usual:.0f} a week"
        else:
            status, reason = "ok", "imported posts" if source is None and not mine else ""
        sources.append({"name": clean_text(name, 64), "type": source.type if source else "import", "status": status,
                        "runs": len(mine), "failed_runs": len(failed), "posts": n_posts, "reason": reason})  # fmt: skip
    relevant = [p for p in week if p.get("relevant")]
    unlabelled = sum(p.get("relevant") is None for p in week)
    withheld = sum(could_identify(post_text(p)) for p in relevant)
    limits = list(LIMITS)
    if unlabelled:
        limits.insert(0, f"{count(unlabelled, 'post was', 'posts were')} not yet classified, "
                         "so they are in no theme or movement.")
    if not analysed:
        limits.insert(0, "Movement analysis has not been run for this week, so no movements are shown.")
    if withheld:
        limits.append(f"{count(withheld, 'post was', 'posts were')} not quoted because they could identify "
                      "a vulnerable person.")
    return {
        "posts_read": len(week), "relevant": len(relevant), "unlabelled": unlabelled,
        "duplicates_linked": sum(store.duplicate_counts([p["id"] for p in week]).values()) if week else 0,
        "withheld": withheld, "sources": sources, "limits": limits,
        "gaps": [s["name"] for s in sources if s["status"] in ("failed", "partial", "thin")],
    }  # fmt: skip


def _summary(themes: list[dict[str, Any]], emerging: list[dict[str, Any]], threat_list: list[dict[str, Any]],
             opportunity_list: list[dict[str, Any]]) -> list[str]:  # fmt: skip
    rising = [m for m in emerging if m["status"] in ("new", "growing")]
    theme_rise = max(themes, key=lambda t: (t["volume"] - t["previous_average"], t["volume"]), default=None)
    if rising:
        m = rising[0]
        how = "new this week" if m["status"] == "new" or not m["growth"] else f"{m['growth']:.1f}× its baseline"
        who = f"{count(m['authors'], 'person', 'people')} on {count(len(m['sources']), 'source')}"
        first = f"Biggest rise: “{m['label']}” — {count(m['posts'], 'post')} from {who}, {how}."
    elif theme_rise and theme_rise["volume"] - theme_rise["previous_average"] >= MIN_VOLUME:
        first = (f"Biggest rise: {theme_rise['label']} — {theme_rise['volume']} posts against a usual "
                 f"{theme_rise['previous_average']:g}.")  # fmt: skip
    else:
        first = "Biggest rise: nothing rose markedly this week."
    shifts = [t for t in themes if t["net_sentiment"] is not None and t["previous_net"] is not None]
    shift = max(shifts, key=lambda t: abs(t["net_sentiment"] - t["previous_net"]), default=None)
    if shift and abs(shift["net_sentiment"] - shift["previous_net"]) >= 0.15:
        way = "more negative" if shift["net_sentiment"] < shift["previous_net"] else "more positive"
        second = (f"Sharpest change in feeling: {shift['label']} turned {way} (net {signed(shift['net_sentiment'])}, "
                  f"from {signed(shift['previous_net'])} over the previous four weeks).")  # fmt: skip
    else:
        second = "Sharpest change in feeling: none — no theme's net feeling moved by 0.15 or more."
    top = _first_look(threat_list, opportunity_list)
    third = f"Look first at: {top['title']} — {top['detail']}" if top else "Look first at: nothing urgent this week."
    return [first, second, third]


def _first_look(threat_list: list[dict[str, Any]], opportunity_list: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Criticism of the organisation's own services, then a rising safeguarding or culture
    signal, then any other threat before a mention that is not critical; an opportunity only
    when nothing threatens."""
    for wanted in (
        lambda t: t["kind"] == "watch" and t.get("negative"),
        lambda t: t["kind"] in ("safeguarding", "culture") and (t["growth"] is None or t["growth"] >= 1.25),
        lambda t: t["kind"] != "watch",
        lambda t: True,
    ):
        for item in threat_list:
            if wanted(item):
                return item
    return opportunity_list[0] if opportunity_list else None


def build_digest(store: Store, config: Config, period: Period) -> Digest:
    """Everything the week's digest says, from the store alone; it writes nothing."""
    week = store.posts_between(period.start, period.end)
    week_by_id = {int(p["id"]): p for p in week}
    now = weekly_aggregates(week, config, period)
    history = [_aggregates(store, config, period.shift(-k)) for k in range(TREND_WEEKS - 1, 0, -1)]
    saved = store.load_weekly("movements", str(period))
    analysed = bool(saved) or bool(store.load_weekly("aggregates", str(period)).get("meta"))
    themes = _themes(config, now, history)
    used: set[int] = set()  # posts already quoted: each section prefers voices not yet heard
    petition_history = store.petition_history(period.shift(-2).start)
    petitions = petition_momentum(petition_history, period)
    emerging = _movements(saved, week_by_id, config, used, petitions)
    previous_watch = {t: (history[-1].get(f"watch:{t}") or {}).get("posts", 0) for t in config.organisation.watch}
    threat_list = threats(week, previous_watch, themes, emerging, config)
    snapshots = Counter(item["source"] for item in petition_history for taken, _ in item["snapshots"]
                        if period.start <= taken < period.end)  # fmt: skip
    opportunity_list = opportunities(week_by_id, themes, emerging, petitions, config)
    last_day = period.monday + timedelta(days=6)
    period_info = {
        "id": str(period), "start": period.monday.isoformat(), "end": last_day.isoformat(),
        "timezone": period.tz, "organisation": clean_text(config.organisation.name, 80),
        "label": f"{period.monday.day} {period.monday:%B} – {last_day.day} {last_day:%B %Y}",
    }  # fmt: skip
    return Digest(
        period=period_info,
        summary=_summary(themes, emerging, threat_list, opportunity_list),
        threats=threat_list,
        opportunities=opportunity_list,
        emerging=emerging,
        voices=voices_section(week, config, used=used),
        themes=themes,
        coverage=_coverage(store, config, period, week, history, analysed, snapshots),
    )
