"""build_digest over a realistic eight weeks in a real store (SQLite and PostgreSQL).

The seed helpers here are also used by the mail and render tests: posts, labels, collection
runs and petition snapshots all go in through the Store API, as collectors and models put them.
"""

from __future__ import annotations

import atexit
import json
import random
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from groundswell.analysis import analyse_week
from groundswell.config import Config, config_from_dict
from groundswell.periods import Period
from groundswell.posts import Post
from groundswell.reports import build_digest, render_json
from groundswell.store import Store

SOURCES = {
    "mastodon-social": "mastodon", "reddit-carers": "reddit", "carers-forum": "discourse",
    "guardian-social-care": "rss", "bluesky-care": "bluesky",
}  # fmt: skip
KEYS = ["period", "summary", "threats", "opportunities", "emerging", "voices", "themes", "coverage"]


def make_config(tmp_path: Path, **digest: Any) -> Config:
    data: dict[str, Any] = {
        "organisation": {
            "name": "Riverside Care Partnership",
            "watch": ["Millbrook House", "Eastshire", "Riverside Care"],
            "values": ["Shared Lives", "co-production", "carers' rights"],
        },
        "digest": {"recipients": ["ceo@example.org", "chair@example.org"], "sender": "digest@example.org", **digest},
        "sources": [{"name": n, "type": t, "url": f"https://example.org/{n}"} for n, t in SOURCES.items()],
    }
    return config_from_dict(data, tmp_path / "groundswell.toml", check_sources=False)


def this_week() -> Period:
    """The current week, so collection runs (stamped 'now' by the store) fall inside it."""
    return Period.containing(datetime.now(UTC))


CORPUS_SOURCE = {"mastodon": "mastodon-social", "reddit": "reddit-carers", "forum": "carers-forum",
                 "news": "guardian-social-care", "blog": "bluesky-care"}  # fmt: skip
PLANTED = ("overpayment", "allowance", "shared lives", "millbrook", "eastshire", "riverside")


def background() -> list[dict[str, Any]]:
    """The project's labelled corpus, minus anything about this week's planted stories."""
    path = Path(__file__).parent.parent / "groundswell" / "data" / "corpus" / "train.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["source"] in CORPUS_SOURCE and not any(w in r["text"].lower() for w in PLANTED)]


# This week: a carers' benefit movement, a hopeful Shared Lives one, safeguarding and culture
# signals, watch-list mentions, and voices from every side.
WEEK = [
    # day, source, author, voice, themes, sentiment, text
    (0, "reddit-carers", "tired_daughter", "carer", ["benefits", "unpaid_carers"], "negative",
     "Just got a letter saying I owe £3,200 in Carer's Allowance overpayment because I worked two extra "
     "shifts. I care for my mum 50 hours a week."),
    (0, "mastodon-social", "carerjo", "carer", ["benefits", "unpaid_carers"], "negative",
     "The Carer's Allowance overpayment scandal is hitting our support group hard. Four of us have debt "
     "letters this month."),
    (1, "carers-forum", "sam_cares", "carer", ["benefits"], "negative",
     "How do you appeal a Carer's Allowance overpayment? The DWP never told me the earnings limit changed."),
    (1, "bluesky-care", "young.carer.voice", "carer", ["benefits", "unpaid_carers"], "negative",
     "Caring since I was 16 and now a Carer's Allowance overpayment demand. Unpaid carers save the state "
     "billions and this is the thanks."),
    (2, "reddit-carers", "nightshift_son", "carer", ["benefits"], "negative",
     "Carer's Allowance overpayment of £1,900. I did not know the limit was weekly, not averaged. Terrified."),
    (2, "guardian-social-care", "Guardian Society", "media", ["benefits", "unpaid_carers"], "negative",
     "Thousands of unpaid carers face Carer's Allowance overpayment demands, charities say."),
    (3, "mastodon-social", "advice_worker_kay", "professional", ["benefits"], "neutral",
     "Advice line is full of Carer's Allowance overpayment cases this week. Keep your payslips and ask "
     "for a mandatory reconsideration."),
    (3, "carers-forum", "pat_in_leeds", "carer", ["benefits", "unpaid_carers"], "negative",
     "Another Carer's Allowance overpayment story here. Nobody checked for two years then a bill for all of it."),
    (4, "reddit-carers", "worn_out_wife", "carer", ["benefits"], "negative",
     "My Carer's Allowance overpayment letter came on the same day as the hospital appointment. I just "
     "sat in the car and cried."),
    (4, "bluesky-care", "carersrights.uk", "organisation", ["benefits", "unpaid_carers"], "negative",
     "We are hearing from hundreds of carers about Carer's Allowance overpayment debts. Tell us your story."),
    (5, "mastodon-social", "dad_and_carer", "carer", ["benefits"], "negative",
     "Signed the petition about Carer's Allowance overpayment debts. Please share, it is rising fast."),
    (6, "carers-forum", "gran_carer", "carer", ["benefits", "unpaid_carers"], "negative",
     "Carer's Allowance overpayment again. I earned £5 over the limit one week and they want the whole year back."),
    # Shared Lives and community-led support: hopeful
    (1, "mastodon-social", "shared_lives_carer", "carer", ["community_models"], "positive",
     "Five years as a Shared Lives carer this week. Tom has lived with us all that time and is part of the family."),
    (2, "carers-forum", "eastvale_pa", "worker", ["community_models", "personalisation"], "positive",
     "Our Shared Lives scheme matched three more people this month. Ordinary homes, real lives, less isolation."),
    (3, "bluesky-care", "coproduce.now", "professional", ["community_models"], "positive",
     "Co-production works: the Shared Lives review was written with the people who use it and it shows."),
    (4, "mastodon-social", "lived_exp_lead", "person", ["community_models", "personalisation"], "positive",
     "Moving into Shared Lives gave me my independence back. I cook, I work two days, I chose this."),
    (5, "reddit-carers", "curious_about_sl", "carer", ["community_models"], "positive",
     "Thinking of becoming a Shared Lives carer after reading the stories this week. Where do I start?"),
    (0, "bluesky-care", "sharedlives.plus", "organisation", ["community_models"], "positive",
     "Shared Lives week: thousands of people across the UK live or stay with a Shared Lives carer. Here "
     "are their stories."),
    (2, "reddit-carers", "short_breaks_mum", "carer", ["community_models", "learning_disability_autism"], "positive",
     "Our son's Shared Lives short breaks are the only respite that has ever worked for him. He asks when "
     "he is going back."),
    (3, "mastodon-social", "commissioner_jo", "professional", ["community_models", "funding"], "positive",
     "We are growing our Shared Lives scheme next year: better lives, and it costs less than residential care."),
    (6, "carers-forum", "new_sl_carer", "carer", ["community_models"], "positive",
     "Approved as a Shared Lives carer today after panel. Nervous and excited in equal measure."),
    (4, "bluesky-care", "ld.advocate", "professional", ["community_models", "learning_disability_autism"], "positive",
     "The Shared Lives model keeps autistic adults out of hospital units. Every area should have a strong scheme."),
    (5, "carers-forum", "sl_host_since_2019", "carer", ["community_models"], "positive",
     "Six years hosting through Shared Lives and I would not change it. Support from our scheme worker is brilliant."),
    # safeguarding and culture
    (1, "reddit-carers", "worried_son", "carer", ["safeguarding", "care_homes"], "negative",
     "Found my dad Arthur with bruises on both arms at the care home and nobody can say what happened."),
    (2, "mastodon-social", "night_carer_rn", "worker", ["safeguarding", "workforce"], "negative",
     "Missed medication rounds again because we are two staff short on nights. Someone will get hurt."),
    (3, "guardian-social-care", "Guardian Society", "media", ["safeguarding", "learning_disability_autism"], "negative",
     "Inspectors find restraint used routinely at a unit for autistic adults."),
    (4, "carers-forum", "anon_support_worker", "worker", ["culture", "workforce"], "negative",
     "I raised a concern about bullying on my shift and now I am the one being moved. Whistleblowing feels pointless."),
    (5, "mastodon-social", "speakup_rm", "professional", ["culture"], "neutral",
     "A closed culture does not announce itself. Leaders, walk the floor at night and listen."),
    # watch list
    (2, "bluesky-care", "eastshire.local", "media", ["care_homes"], "negative",
     "Families say Millbrook House in Eastshire has cut visiting hours without warning."),
    (3, "reddit-carers", "millbrook_visitor", "carer", ["care_homes"], "negative",
     "Visiting at Millbrook House is now two hours a day. Mum does not understand why we leave."),
    (5, "mastodon-social", "eastshire_worker", "worker", ["workforce"], "positive",
     "Proud of the team at Millbrook House today, the garden party was lovely and residents loved it."),
    # home care rising and negative
    (0, "reddit-carers", "late_again", "carer", ["home_care"], "negative",
     "Carers turned up at 11am for a breakfast call again. Dad had been sat in a wet pad since the night."),
    (1, "mastodon-social", "dom_worker", "worker", ["home_care", "workforce"], "negative",
     "Travel time still unpaid. I spent four hours in the car today and got paid for none of it."),
    (2, "carers-forum", "care_pkg_wait", "carer", ["home_care"], "negative",
     "Eight weeks waiting for a home care package. The agency says no staff, the council says no money."),
    (3, "bluesky-care", "home.care.now", "worker", ["home_care"], "negative",
     "Rota changed three times today. Clients do not know who is coming and neither do we."),
    (4, "reddit-carers", "only_child_carer", "carer", ["home_care", "unpaid_carers"], "negative",
     "Cancelled home care visit again so I left work early again. My manager is running out of patience."),
    (5, "mastodon-social", "agency_quit", "worker", ["home_care", "workforce"], "negative",
     "Handed in my notice today. Loved the clients, could not live on the pay and the mileage."),
    (6, "carers-forum", "home_care_hope", "person", ["home_care"], "positive",
     "My regular carer is back after her holiday and the difference is huge. Someone who knows me."),
    # other voices and themes
    (1, "carers-forum", "lives_with_ms", "person", ["personalisation", "funding"], "negative",
     "My personal budget was cut by a third at review. Nothing about my needs changed."),
    (2, "mastodon-social", "ot_on_the_road", "professional", ["hospital_discharge"], "neutral",
     "Discharge to assess is working better where we have the equipment ready on day one."),
    (4, "guardian-social-care", "Guardian Society", "media", ["reform", "funding"], "neutral",
     "Ministers set out the timetable for the next stage of the national care service plans."),
    (6, "bluesky-care", "dementia.cafe", "organisation", ["dementia"], "positive",
     "Our dementia cafe hit 40 regulars this week. Music, tea and no judgement."),
]  # fmt: skip

OFF_TOPIC = [
    "Take care on the roads tonight, black ice everywhere.",
    "New skincare routine is finally working, my skin has never been better.",
    "Customer care kept me on hold for forty minutes about a broadband bill.",
]


def _post(source: str, native: str, when: datetime, author: str, text: str) -> Post:
    return Post(source=source, native_id=native, created_at=when, text=text, author=author,
                url=f"https://example.org/{source}/{native}")  # fmt: skip


def seed(
    store: Store, period: Period, *, week: list[tuple] | None = None, failing: str | None = "bluesky-care"
) -> None:
    """Eight weeks of posts with labels, this week's runs, and petition snapshots."""
    rng = random.Random(47)
    labels: dict[tuple[str, str], dict[str, Any]] = {}
    posts: list[Post] = []
    corpus = background()
    news = [r for r in corpus if r["source"] == "news"]
    chatter = [r for r in corpus if r["source"] != "news"]
    for back in range(7, 0, -1):
        start = period.shift(-back).start
        picked = chatter[(7 - back) * 36 : (8 - back) * 36] + news[(7 - back) * 20 : (8 - back) * 20]
        for row in picked:
            source, native = CORPUS_SOURCE[row["source"]], f"bg-{row['id']}"
            when = start + timedelta(minutes=rng.randint(0, 7 * 24 * 60 - 1))
            author = "Guardian Society" if source == "guardian-social-care" else f"{source}-user{rng.randint(1, 400)}"
            posts.append(_post(source, native, when, author, row["text"]))
            labels[(source, native)] = {k: row[k] for k in ("relevant", "themes", "sentiment", "voice")}
    for n, (day, source, author, voice, themes, sentiment, text, *url) in enumerate(week if week is not None else WEEK):
        native = f"wk-{n}"
        when = period.start + timedelta(days=day, hours=8 + (n % 10))
        post = _post(source, native, when, author, text)
        posts.append(replace(post, url=url[0]) if url else post)
        labels[(source, native)] = dict(relevant=True, themes=themes, sentiment=sentiment, voice=voice)
    for n, text in enumerate(OFF_TOPIC):
        native = f"off-{n}"
        posts.append(_post("mastodon-social", native, period.start + timedelta(days=n, hours=20), f"x{n}", text))
        labels[("mastodon-social", native)] = dict(relevant=False, themes=[], sentiment="neutral", voice="other")
    posts.append(_post("carers-forum", "unlabelled-1", period.start + timedelta(days=2, hours=1), "late",
                       "Posted after the last classification run: respite beds closing at the end of the month."))
    by_source: dict[str, list[Post]] = {}
    for post in posts:
        by_source.setdefault(post.source, []).append(post)
    for source, page in by_source.items():
        store.save_page(source, page)
    rows = []
    for post in store.posts_between(period.shift(-8).start, period.end, include_duplicates=True):
        given = labels.get((post["source"], post["native_id"]))
        if given:
            rows.append({"post_id": post["id"], "relevance": 0.9 if given["relevant"] else 0.1,
                         "sentiment_score": 0.8, "model_version": "test", **given})  # fmt: skip
    store.save_labels(rows)
    for source in SOURCES:
        for _ in range(2):
            run = store.start_run(source)
            error = RuntimeError("session expired (HTTP 401)") if source == failing else None
            store.finish_run(run, 0 if error else 5, error)
    start = period.start
    store.save_petition_snapshots("petitions", [
        {"petition_id": "700123", "title": "Write off Carer's Allowance overpayment debts",
         "url": "https://petition.parliament.uk/petitions/700123", "signature_count": count, "taken_at": when}
        for when, count in ((start - timedelta(days=8), 1200), (start - timedelta(hours=2), 2100),
                            (start + timedelta(days=3), 9800), (start + timedelta(days=6), 18400))
    ] + [
        {"petition_id": "700456", "title": "Fund Shared Lives schemes in every area",
         "url": "https://petition.parliament.uk/petitions/700456", "signature_count": count, "taken_at": when}
        for when, count in ((start - timedelta(hours=3), 800), (start + timedelta(days=5), 1150))
    ])  # fmt: skip


_TEMPLATE: dict[str, Path] = {}


def seeded_sqlite(folder: Path) -> str:
    """A fresh copy of one store seeded (once per session, through the Store API) with ``seed``
    for this week: copying a file is much quicker than saving four hundred posts again."""
    if "db" not in _TEMPLATE:
        base = Path(tempfile.mkdtemp(prefix="groundswell-seed-"))
        atexit.register(shutil.rmtree, base, True)
        store = Store.open(f"sqlite:///{base / 'seed.db'}")
        seed(store, this_week())
        store.close()
        _TEMPLATE["db"] = base / "seed.db"
    target = folder / "groundswell.db"
    for suffix in ("", "-wal", "-shm"):
        source = _TEMPLATE["db"].with_name(_TEMPLATE["db"].name + suffix)
        if source.exists():
            shutil.copyfile(source, target.with_name(target.name + suffix))
    return f"sqlite:///{target}"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Config, Period]]:
    """One seeded and analysed SQLite store for the read-only tests of this module."""
    folder = tmp_path_factory.mktemp("digest")
    store = Store.open(seeded_sqlite(folder))
    config, period = make_config(folder), this_week()
    analyse_week(store, config, period)
    yield store, config, period
    store.close()


def test_the_same_digest_on_sqlite_and_postgresql(seeded: tuple[Store, Config, Period], pg_url: str) -> None:
    store, config, period = seeded
    pg = Store.open(pg_url)
    try:
        seed(pg, period)
        analyse_week(pg, config, period)
        assert build_digest(pg, config, period).to_dict() == build_digest(store, config, period).to_dict()
    finally:
        pg.close()


def test_digest_has_the_agreed_keys_and_survives_json(seeded: tuple[Store, Config, Period]) -> None:
    store, config, period = seeded
    data = json.loads(render_json(build_digest(store, config, period)))
    assert list(data) == KEYS
    assert data["period"]["id"] == str(period)
    assert len(data["summary"]) == 3 and all(isinstance(line, str) and line for line in data["summary"])


def test_the_planted_movement_is_emerging_with_quotes(seeded: tuple[Store, Config, Period]) -> None:
    store, config, period = seeded
    data = build_digest(store, config, period).to_dict()
    labels = [m["label"] for m in data["emerging"]]
    carers = [m for m in data["emerging"] if "overpayment" in m["label"] or "allowance" in m["label"]]
    assert carers, f"no Carer's Allowance movement among {labels}"
    card = carers[0]
    assert card["status"] == "new" and card["authors"] >= 5
    assert len(card["sources"]) >= 3
    assert card["sentiment"]["negative"] > 0.5 and len(card["trend"]) == 7 and sum(card["trend"]) == card["posts"]
    assert 2 <= len(card["quotes"]) <= 3
    assert [p["title"] for p in card["petitions"]] == ["Write off Carer's Allowance overpayment debts"]
    assert len({q["attribution"] for q in card["quotes"]}) >= 1
    assert "Biggest rise" in data["summary"][0]


def test_threats_cover_watch_list_safeguarding_and_culture(seeded: tuple[Store, Config, Period]) -> None:
    store, config, period = seeded
    threats = build_digest(store, config, period).threats
    kinds = [t["kind"] for t in threats]
    assert kinds[0] == "watch"
    millbrook = next(t for t in threats if t["title"] == "Mentions of Millbrook House")
    assert millbrook["posts"] == 3 and "2 negative" in millbrook["detail"]
    assert all(link["url"].startswith("https://") for link in millbrook["links"])
    assert "safeguarding" in kinds and "culture" in kinds
    culture = next(t for t in threats if t["kind"] == "culture")
    assert "bullying" in culture["detail"] and "whistleblowing" in culture["detail"]
    home = next(t for t in threats if t["kind"] == "rising_negative" and "Home care" in t["title"])
    assert home["posts"] == sum("home_care" in row[4] for row in WEEK)


def test_opportunities_match_values_and_show_petition_momentum(seeded: tuple[Store, Config, Period]) -> None:
    store, config, period = seeded
    found = build_digest(store, config, period).opportunities
    petition = next(o for o in found if o["kind"] == "petition" and "700123" in o["links"][0]["url"])
    assert petition["petition"]["gained"] == 18400 - 2100
    assert petition["petition"]["previous_gained"] == 2100 - 1200
    shared = [o for o in found if o["kind"] == "movement" and "Shared Lives" in o["values"]]
    assert shared, [o["title"] for o in found]


def test_privacy_names_with_health_details_are_counted_not_quoted(seeded: tuple[Store, Config, Period]) -> None:
    store, config, period = seeded
    digest = build_digest(store, config, period)
    text = json.dumps(digest.to_dict())
    assert "Arthur" not in text and "bruises on both arms" not in text
    assert digest.coverage["withheld"] >= 1
    handles = {"tired_daughter", "carerjo", "worried_son", "night_carer_rn"}
    assert not any(h in text for h in handles), "personal handles must not appear"
    assert "Guardian Society" in text  # the press is named


def test_voices_are_balanced_across_the_front_line(seeded: tuple[Store, Config, Period]) -> None:
    store, config, period = seeded
    voices = build_digest(store, config, period).voices
    quoted = [q["voice"] for q in voices["quotes"]]
    assert {"person", "carer", "worker"} <= set(quoted)
    assert all(quoted.count(v) <= 2 for v in set(quoted))
    for voice in ("carer", "worker"):  # a hard and a hopeful one where both exist
        assert {q["sentiment"] for q in voices["quotes"] if q["voice"] == voice} >= {"negative"}
    assert voices["counts"]["carer"] > voices["counts"]["person"] > 0


def test_themes_compare_with_the_previous_four_weeks(seeded: tuple[Store, Config, Period]) -> None:
    store, config, period = seeded
    themes = {t["id"]: t for t in build_digest(store, config, period).themes}
    assert list(themes) == list(config.taxonomy.themes)
    home = themes["home_care"]
    planted = sum("home_care" in row[4] for row in WEEK)
    assert home["volume"] == planted and len(home["trend"]) == 8 and home["trend"][-1] == planted
    assert home["previous_average"] == pytest.approx(sum(home["trend"][-5:-1]) / 4)
    assert home["change"] > 0.25 and home["net_sentiment"] < 0


def test_coverage_names_failed_and_thin_sources_and_the_unlabelled(seeded: tuple[Store, Config, Period]) -> None:
    store, config, period = seeded
    coverage = build_digest(store, config, period).coverage
    status = {s["name"]: s for s in coverage["sources"]}
    assert status["bluesky-care"]["status"] == "failed" and "401" in status["bluesky-care"]["reason"]
    assert status["guardian-social-care"]["status"] == "thin"
    assert status["reddit-carers"]["status"] == "ok"
    assert coverage["unlabelled"] == 1 and coverage["posts_read"] == len(WEEK) + len(OFF_TOPIC) + 1
    assert any("not yet classified" in limit for limit in coverage["limits"])
    assert set(coverage["gaps"]) == {"bluesky-care", "guardian-social-care"}


def test_build_digest_writes_nothing(tmp_path: Path) -> None:
    config, period = make_config(tmp_path), this_week()
    sqlite_store = Store.open(seeded_sqlite(tmp_path))
    first = build_digest(sqlite_store, config, period).to_dict()
    assert sqlite_store.load_weekly("movements", str(period)) == {}
    assert sqlite_store.load_weekly("aggregates", str(period)) == {}
    assert any("not been run" in limit for limit in first["coverage"]["limits"])
    assert build_digest(sqlite_store, config, period).to_dict() == first


def test_an_empty_week_still_says_what_it_could_not_see(sqlite_store: Store, tmp_path: Path) -> None:
    config = make_config(tmp_path)
    data = build_digest(sqlite_store, config, this_week().shift(-30)).to_dict()
    assert data["coverage"]["posts_read"] == 0 and data["emerging"] == [] and data["threats"] == []
    assert all(s["status"] == "failed" for s in data["coverage"]["sources"])
    assert data["summary"][0] == "Biggest rise: nothing rose markedly this week."


def test_an_odd_saved_movement_does_not_break_the_digest(tmp_path: Path) -> None:
    """Saved movements outlive the code that wrote them; missing or odd fields are tolerated."""
    store = Store.open(seeded_sqlite(tmp_path))
    config, period = make_config(tmp_path), this_week()
    store.save_weekly("movements", str(period), {
        "odd": {"id": "odd", "label": "<b>odd</b>\u202e label", "growth": "not a number", "status": "exploding",
                "post_ids": [999_999], "sentiment": {"negative": None}, "trend": [1, "x", 3], "posts": "many"},
        "bare": {"id": "bare"},
    })  # fmt: skip
    cards = {c["id"]: c for c in build_digest(store, config, period).emerging}
    assert cards["odd"]["label"] == "<b>odd</b> label" and cards["odd"]["growth"] is None
    assert cards["odd"]["status"] == "steady" and cards["odd"]["quotes"] == []
    assert cards["odd"]["trend"] == [1, 0, 3, 0, 0, 0, 0] and cards["odd"]["posts"] == 0
    assert cards["bare"]["label"] == "Unnamed" and cards["bare"]["trend"] == [0] * 7
    store.close()


def test_look_first_prefers_criticism_of_our_own_services(tmp_path: Path) -> None:
    """A neutral mention of our name does not outrank a rising safeguarding signal."""
    store = Store.open(seeded_sqlite(tmp_path))
    config, period = make_config(tmp_path), this_week()
    config.organisation.watch = ["Eastshire"]  # its one mention is negative...
    digest = build_digest(store, config, period)
    assert digest.summary[2].startswith("Look first at: Mentions of Eastshire")
    config.organisation.watch = ["garden party"]  # ...this one is positive
    digest = build_digest(store, config, period)
    assert digest.threats[0]["title"] == "Mentions of garden party"
    assert not digest.summary[2].startswith("Look first at: Mentions of garden party")
    store.close()
