"""Emerging movements: a planted movement is found, quiet weeks stay quiet, identity holds."""

from __future__ import annotations

import copy
import json
import random
from datetime import UTC, datetime, timedelta

import pytest

from groundswell.models._synthetic import background_week, planted_week
from groundswell.models.movements import detect_movements, post_terms
from groundswell.periods import Period

FIELDS = {"id", "kind", "label", "status", "growth", "posts", "authors", "sources", "sentiment",
          "trend", "post_ids", "terms", "score"}
START = Period(2026, 36, "UTC")


def _weeks(n_weeks: int, planted_from: int, per_week: int = 300) -> list[tuple[Period, list[dict]]]:
    weeks = []
    for w in range(n_weeks):
        period = START.shift(w)
        posts = background_week(per_week, period.start, seed=100 + w, first_id=w * 100_000)
        if w >= planted_from:
            posts += planted_week(36 + 12 * (w - planted_from), period.start, seed=w,
                                  first_id=w * 100_000 + 50_000)
        weeks.append((period, posts))
    return weeks


def _run(weeks, baseline_weeks: int = 6):
    previous: list[dict] = []
    results = []
    for w in range(1, len(weeks)):
        period, posts = weeks[w]
        baseline = [p for _, ps in weeks[max(0, w - baseline_weeks):w] for p in ps]
        found = detect_movements(posts, baseline, previous, period)
        results.append((w, found))
        previous = found
    return results


@pytest.fixture(scope="module")
def stream():
    # Eight quiet weeks, then the movement starts in week 8 (the ninth) and goes on in week 9.
    return _run(_weeks(10, planted_from=8))


def _hexley(movements: list[dict]) -> list[dict]:
    return [m for m in movements if any("hexley" in t for t in m["terms"])]


def test_planted_movement_is_reported_the_week_it_starts(stream) -> None:
    week8 = dict(stream)[8]
    found = _hexley(week8)
    assert len(found) == 1
    m = found[0]
    assert m["status"] == "new" and m["kind"] == "conversation"
    assert m["posts"] >= 30 and m["authors"] >= 10 and len(m["sources"]) >= 2
    assert "hexley" in m["label"]
    assert m["growth"] >= 3
    assert sum(m["trend"]) == m["posts"] and len(m["trend"]) == 7
    assert m["post_ids"][0] >= 50_000  # the most representative post is a planted one
    assert abs(sum(m["sentiment"].values()) - 1) < 0.01


def test_quiet_weeks_raise_at_most_one_false_alarm(stream) -> None:
    quiet = [m for w, found in stream if w < 8 for m in found if m["status"] == "new"]
    assert len(quiet) <= 1, [m["label"] for m in quiet]


def test_a_movement_keeps_its_id_the_week_after(stream) -> None:
    by_week = dict(stream)
    first, second = _hexley(by_week[8]), _hexley(by_week[9])
    assert len(second) == 1
    assert second[0]["id"] == first[0]["id"]
    assert second[0]["status"] in {"growing", "steady"}
    assert second[0]["label"] == first[0]["label"]


def test_a_movement_that_stops_fades_then_goes() -> None:
    weeks = _weeks(6, planted_from=3)
    # The movement runs weeks 3-4 and then stops.
    weeks[5] = (weeks[5][0], [p for p in weeks[5][1] if p["id"] % 100_000 < 50_000])
    weeks.append((START.shift(6), background_week(300, START.shift(6).start, seed=999,
                                                  first_id=6 * 100_000)))
    results = dict(_run(weeks))
    ids = {m["id"] for m in _hexley(results[3])}
    assert ids
    assert {m["id"] for m in _hexley(results[4])} == ids
    assert not _hexley(results[6]) or all(m["status"] == "fading" for m in _hexley(results[6]))


def test_one_loud_account_is_not_a_movement() -> None:
    period = START.shift(8)
    posts = background_week(300, period.start, seed=5)
    loud = planted_week(60, period.start, seed=1, first_id=900_000)
    for p in loud:
        p["author"] = "the-same-account"
    baseline = [p for w in range(1, 5) for p in background_week(300, START.shift(8 - w).start,
                                                                seed=50 + w, first_id=w * 10_000)]
    found = detect_movements(posts + loud, baseline, [], period)
    assert not _hexley(found)


def test_output_is_json_ready_pure_and_deterministic() -> None:
    weeks = _weeks(4, planted_from=3)
    period, posts = weeks[3]
    baseline = weeks[0][1] + weeks[1][1] + weeks[2][1]
    before = copy.deepcopy(posts)
    a = detect_movements(posts, baseline, [], str(period))  # an ISO week string works too
    b = detect_movements(list(reversed(posts)), baseline, [], period)
    assert posts == before
    assert json.loads(json.dumps(a)) == a
    assert [m["id"] for m in a] == [m["id"] for m in b]
    for m in a:
        assert FIELDS <= set(m)
        assert m["status"] in {"new", "growing", "steady", "fading"}
    assert detect_movements([], [], [], period) == []


def test_rising_petition_is_reported_with_velocity() -> None:
    period = START.shift(8)
    t0 = period.start
    slow = [(t0 - timedelta(days=14) + timedelta(days=d), 1000 + 20 * d) for d in range(14)]
    fast = [(t0 + timedelta(days=d, hours=12), 1300 + 900 * (d + 1)) for d in range(7)]
    petitions = [
        {"source": "petitions", "petition_id": "700001", "title": "Save Hexley Road day centre",
         "url": "https://petition.example/700001", "snapshots": slow + fast},
        {"source": "petitions", "petition_id": "700002", "title": "A quiet petition",
         "url": None, "snapshots": [(t0 - timedelta(days=3), 50), (t0 + timedelta(days=2), 60)]},
    ]
    posts = background_week(300, t0, seed=3) + planted_week(40, t0, seed=4, first_id=900_000)
    baseline = [p for w in range(1, 4) for p in background_week(300, period.shift(-w).start,
                                                                seed=30 + w, first_id=w * 10_000)]
    found = detect_movements(posts, baseline, [], period, petitions=petitions)
    pets = [m for m in found if m["kind"] == "petition"]
    assert [m["petition_id"] for m in pets] == ["700001"]
    pet = pets[0]
    assert pet["status"] == "new" and pet["signatures_per_day"] > 500
    assert pet["signatures"] == fast[-1][1] and len(pet["trend"]) == 7 and sum(pet["trend"]) > 0
    conv = _hexley(found)
    assert conv and "700001" in conv[0].get("petitions", [])
    again = detect_movements(posts, baseline, found, period.shift(1), petitions=petitions)
    assert not [m for m in again if m["kind"] == "petition"]  # no snapshots in that week


def test_post_terms_keeps_phrases_and_hashtags() -> None:
    terms = post_terms("They're closing the Hexley Road day centre #SaveHexleyRoad")
    assert {"hexley road", "day centre", "#savehexleyroad", "closing"} <= terms
    assert "the" not in terms


def test_created_at_must_be_aware() -> None:
    period = START
    post = {"id": 1, "text": "x", "created_at": datetime(2026, 9, 1, tzinfo=UTC), "source": "s",
            "author": "a", "sentiment": None, "relevant": None}
    assert detect_movements([post], [], [], period) == []


def test_label_is_the_phrase_people_use_not_a_list_of_keywords() -> None:
    period = START.shift(8)
    openers = ["Council just cut Dad's morning call to 15 minutes.",
               "Anyone else had their 15 minute visits back?",
               "15 minute visits are back in Hexham and they are dangerous.",
               "My rota is all 15-minute calls now.",
               "Fifteen minutes to wash and dress someone? The 15 minute visits have to go."]
    details = ["Nobody assessed him face to face.", "The carer spends half of it writing notes.",
               "That is not enough time to give medication safely.", "Mum needs two people to stand.",
               "It was decided on a spreadsheet.", "Travel time comes out of their own pocket.", ""]
    rng = random.Random(3)
    week = background_week(300, period.start, seed=7, first_id=1)
    for i in range(60):
        week.append({"id": 10_000 + i, "text": f"{rng.choice(openers)} {rng.choice(details)}",
                     "source": ("reddit", "mastodon")[i % 2], "author": f"v{i}",
                     "created_at": period.start + timedelta(hours=i), "sentiment": "negative"})
    baseline = [p for w in range(6) for p in background_week(300, START.shift(w).start, seed=w, first_id=w * 1000)]
    found = [m for m in detect_movements(week, baseline, [], period) if m["kind"] == "conversation"]
    assert found and max(found, key=lambda m: m["posts"])["label"] == "15 minute visits", found
