"""analyse_week with the real movement detector: saved, idempotent, stable ids, outlives retention."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from test_digest import WEEK, make_config, seeded_sqlite, this_week

from groundswell.analysis import analyse_if_needed, analyse_week, weekly_aggregates
from groundswell.posts import Post
from groundswell.reports import build_digest
from groundswell.store import Store

# The week after: the carers' benefit story carries on, in new words from new people.
FOLLOWING = [
    "Carer's Allowance overpayment update: DWP has paused recovery on my case while they review it.",
    "Tribunal date set for my Carer's Allowance overpayment appeal. Terrified but going ahead.",
    "Our MP raised Carer's Allowance overpayment debts in Parliament today, finally some attention.",
    "Second letter about the Carer's Allowance overpayment, now threatening deductions from my pension.",
    "Charity helpline says Carer's Allowance overpayment calls have tripled since the summer.",
    "I stopped my extra shifts entirely because of the Carer's Allowance overpayment rules. Poorer now.",
    "Carer's Allowance overpayment cases should be written off where the DWP sat on the data for years.",
    "Local carers centre is running a Carer's Allowance overpayment clinic every Tuesday this month.",
    "Read the guidance three times and still cannot see how the Carer's Allowance overpayment was worked out.",
]


def _movement_ids(store: Store, period: str, word: str) -> list[str]:
    saved = store.load_weekly("movements", period).items()
    return [k for k, m in saved if m.get("kind") != "petition" and word in m["label"]]


def test_analysis_is_saved_and_idempotent(tmp_path: Path) -> None:
    config, period = make_config(tmp_path), this_week()
    store = Store.open(seeded_sqlite(tmp_path))
    first = analyse_week(store, config, period)
    saved = store.load_weekly("movements", str(period))
    assert saved and set(saved) == {str(m["id"]) for m in first["movements"]}
    aggregates = store.load_weekly("aggregates", str(period))
    assert aggregates["theme:benefits"]["volume"] == sum("benefits" in row[4] for row in WEEK)
    assert aggregates["meta"]["posts"] == len(store.posts_between(period.start, period.end))
    second = analyse_week(store, config, period)
    assert second == first and store.load_weekly("movements", str(period)) == saved
    assert analyse_if_needed(store, config, period) is False


def test_a_late_post_makes_the_week_be_analysed_again(tmp_path: Path) -> None:
    sqlite_store = Store.open(seeded_sqlite(tmp_path))
    config, period = make_config(tmp_path), this_week()
    assert analyse_if_needed(sqlite_store, config, period) is True
    assert analyse_if_needed(sqlite_store, config, period) is False
    late = Post(source="reddit-carers", native_id="late-1", created_at=period.start + timedelta(days=3),
                text="Collected late: the carers' hub is closing its doors next month.", author="z")  # fmt: skip
    sqlite_store.add_posts([late])
    assert analyse_if_needed(sqlite_store, config, period) is True
    assert sqlite_store.load_weekly("aggregates", str(period))["meta"]["posts"] == len(
        sqlite_store.posts_between(period.start, period.end)
    )


def test_a_movement_keeps_its_id_the_week_after(tmp_path: Path) -> None:
    sqlite_store = Store.open(seeded_sqlite(tmp_path))
    config, period = make_config(tmp_path), this_week()
    analyse_week(sqlite_store, config, period)
    [first_id] = _movement_ids(sqlite_store, str(period), "overpayment")
    following = period.shift(1)
    posts = [
        Post(source=("reddit-carers", "carers-forum", "mastodon-social")[i % 3], native_id=f"next-{i}",
             created_at=following.start + timedelta(days=i % 7, hours=9), text=text, author=f"carer-next-{i}")
        for i, text in enumerate(FOLLOWING)
    ]  # fmt: skip
    sqlite_store.add_posts(posts)
    ids = {p["native_id"]: p["id"] for p in sqlite_store.posts_between(following.start, following.end)}
    sqlite_store.save_labels([
        {"post_id": ids[f"next-{i}"], "relevant": True, "relevance": 0.9, "themes": ["benefits"],
         "sentiment": "negative", "sentiment_score": 0.8, "voice": "carer", "model_version": "test"}
        for i in range(len(FOLLOWING))
    ])  # fmt: skip
    analyse_week(sqlite_store, config, following)
    assert _movement_ids(sqlite_store, str(following), "overpayment") == [first_id]
    card = next(m for m in build_digest(sqlite_store, config, following).emerging if m["id"] == first_id)
    assert card["status"] in ("growing", "steady", "fading") and card["posts"] == len(FOLLOWING)


def test_weekly_counts_outlive_retention(tmp_path: Path) -> None:
    sqlite_store = Store.open(seeded_sqlite(tmp_path))
    config, period = make_config(tmp_path), this_week()
    analyse_week(sqlite_store, config, period)
    volume = sqlite_store.load_weekly("aggregates", str(period))["theme:benefits"]["volume"]
    assert sqlite_store.purge(period.end + timedelta(days=1)) > 0
    after = build_digest(sqlite_store, config, period.shift(1))
    benefits = next(t for t in after.themes if t["id"] == "benefits")
    assert benefits["trend"][-2] == volume
    assert sqlite_store.load_weekly("movements", str(period)), "movements stay after the text is gone"
    purged = weekly_aggregates(sqlite_store.posts_between(period.start, period.end), config, period)
    assert purged["theme:benefits"]["volume"] == volume, "labels stay with purged posts too"


def test_relabelled_posts_make_the_week_be_analysed_again(tmp_path: Path) -> None:
    store = Store.open(seeded_sqlite(tmp_path))
    config, period = make_config(tmp_path), this_week()
    assert analyse_if_needed(store, config, period) is True
    post = next(p for p in store.posts_between(period.start, period.end) if p.get("voice") == "carer")
    relabelled = {"post_id": post["id"], "relevant": True, "relevance": 0.9, "themes": post["themes"],
                  "sentiment": "positive", "sentiment_score": 0.7, "voice": "worker", "model_version": "v2"}
    store.save_labels([relabelled])
    assert analyse_if_needed(store, config, period) is True
    assert analyse_if_needed(store, config, period) is False


def test_watch_terms_match_whole_words_whatever_the_apostrophe() -> None:
    from groundswell.analysis import mentions

    assert mentions("We stand for carers’ rights, always.", "carers' rights")
    assert mentions("Millbrook-House staff spoke out", "Millbrook House")
    assert mentions("MILLBROOK HOUSE again", "Millbrook House")
    assert not mentions("Millbrookhouse", "Millbrook House")
    assert not mentions("the Eastshires", "Eastshire")
    assert not mentions(None, "Eastshire") and not mentions("Eastshire", "  ")
