"""The store on SQLite and PostgreSQL: idempotent saves, duplicates linked, cursors atomic."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from groundswell.errors import SourceUnavailable
from groundswell.posts import Post
from groundswell.store import Store

T0 = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
ARTICLE = ("Council confirms cuts to home care packages across the county as providers warn that "
           "visits will be shortened to fifteen minutes from January")  # fmt: skip


def post(native: str, text: str, source: str = "feed", minutes: int = 0, **kw) -> Post:
    return Post(source=source, native_id=native, created_at=T0 + timedelta(minutes=minutes), text=text, **kw)


def test_recollecting_never_duplicates(store: Store) -> None:
    page = [post("1", "Respite for carers has been cut again"), post("2", "Our Shared Lives scheme grew")]
    first = store.save_page("feed", page, {"etag": "a"})
    second = store.save_page("feed", page, {"etag": "b"})
    assert (first.new, second.new) == (2, 0)
    assert store.count_posts() == 2
    assert store.get_cursor("feed") == {"etag": "b"}


def test_engagement_counts_are_updated_on_recollection(store: Store) -> None:
    store.save_page("feed", [post("1", "Carers Week starts today", likes=1)])
    result = store.save_page("feed", [post("1", "Carers Week starts today", likes=40, reposts=3)])
    assert result.updated == 1
    [row] = store.posts_between(T0 - timedelta(days=1), T0 + timedelta(days=1))
    assert (row["likes"], row["reposts"]) == (40, 3)
    # A later read that reports fewer (a feed without counts, a deleted like) never lowers them.
    again = store.save_page("feed", [post("1", "Carers Week starts today", likes=12, reposts=5)])
    assert again.updated == 1
    [row] = store.posts_between(T0 - timedelta(days=1), T0 + timedelta(days=1))
    assert (row["likes"], row["reposts"]) == (40, 5)
    assert store.save_page("feed", [post("1", "Carers Week starts today")]).updated == 0


def test_exact_and_near_duplicates_are_linked_not_counted(store: Store) -> None:
    store.save_page("guardian", [post("g1", ARTICLE, source="guardian")])
    store.save_page("bbc", [post("b1", ARTICLE.upper() + "  https://bbc.example/x", source="bbc", minutes=5)])
    near = ARTICLE.replace("January", "January, the BBC understands")
    store.save_page("local", [post("l1", near, source="local", minutes=9)])
    store.save_page("other", [post("o1", "A completely different story about dementia cafes in Leeds opening",
                                   source="other")])  # fmt: skip
    assert store.count_posts() == 4
    assert store.count_posts(unique_only=True) == 2
    rows = store.posts_between(T0 - timedelta(days=1), T0 + timedelta(days=1), include_duplicates=True)
    original = next(r for r in rows if r["native_id"] == "g1")
    assert {r["native_id"] for r in rows if r["duplicate_of"] == original["id"]} == {"b1", "l1"}
    assert store.duplicate_counts([original["id"]]) == {original["id"]: 2}


def test_short_texts_are_not_near_duplicates(store: Store) -> None:
    store.add_posts([post("1", "thank you carers"), post("2", "thank you nurses")])
    assert store.count_posts(unique_only=True) == 2


def test_cursor_is_saved_only_with_its_posts(store: Store) -> None:
    good = post("1", "Hospital discharge delays again")
    store.save_page("feed", [good], {"page": 1})
    with pytest.raises(AttributeError):
        # a page that fails half way (a bad post) rolls back the posts and the cursor together
        store.save_page("feed", [post("2", "Fine post"), None], {"page": 2})  # type: ignore[list-item]
    assert store.get_cursor("feed") == {"page": 1}
    assert store.count_posts() == 1


def test_runs_are_recorded_per_source(store: Store) -> None:
    ok = store.start_run("a")
    store.finish_run(ok, 3)
    bad = store.start_run("b")
    store.finish_run(bad, 0, SourceUnavailable("https://b.example answered 503"))
    status = store.source_status()
    assert status["a"]["last_success"] is not None
    assert status["b"]["last_error"] == "unavailable: https://b.example answered 503"
    runs = store.runs_between(datetime.now(UTC) - timedelta(minutes=5), datetime.now(UTC) + timedelta(minutes=1))
    assert [(r["source"], r["status"], r["items"]) for r in runs] == [("a", "ok", 3), ("b", "failed", 0)]


def test_labels_round_trip_and_unlabelled_queue(store: Store) -> None:
    store.add_posts([post("1", "Carer's Allowance overpayment letter arrived"), post("2", "skincare haul")])
    queue = store.unlabelled_posts(10)
    assert [text for _, text in queue] == ["Carer's Allowance overpayment letter arrived", "skincare haul"]
    store.save_labels([
        {"post_id": queue[0][0], "relevant": True, "relevance": 0.97, "themes": ["benefits", "unpaid_carers"],
         "sentiment": "negative", "sentiment_score": 0.9, "voice": "carer", "model_version": "m1"},
    ])  # fmt: skip
    assert [pid for pid, _ in store.unlabelled_posts(10)] == [queue[1][0]]
    assert [pid for pid, _ in store.unlabelled_posts(10, model_version="m2")] == [queue[0][0], queue[1][0]]
    rows = store.posts_between(T0 - timedelta(days=1), T0 + timedelta(days=1))
    assert rows[0]["themes"] == ["benefits", "unpaid_carers"] and rows[0]["voice"] == "carer"
    assert rows[1]["relevant"] is None


def test_lock_is_exclusive_until_it_expires(store: Store) -> None:
    assert store.acquire_lock("scheduler", "one", timedelta(minutes=5))
    assert not store.acquire_lock("scheduler", "two", timedelta(minutes=5))
    assert store.acquire_lock("scheduler", "one", timedelta(minutes=5))  # renewal
    store.release_lock("scheduler", "one")
    assert store.acquire_lock("scheduler", "two", timedelta(seconds=-1))  # already expired
    assert store.acquire_lock("scheduler", "three", timedelta(minutes=5))


def test_delivery_is_claimed_once(store: Store) -> None:
    assert store.claim_delivery("2026-W47", "a@example.org")
    store.finish_delivery("2026-W47", "a@example.org", message_id="<m1@x>")
    assert not store.claim_delivery("2026-W47", "a@example.org")
    assert store.claim_delivery("2026-W47", "b@example.org")
    store.finish_delivery("2026-W47", "b@example.org", message_id=None, error="550 no such user")
    assert store.claim_delivery("2026-W47", "b@example.org")  # a failure may be retried
    assert store.delivery("2026-W47", "b@example.org")["attempts"] == 2


def test_purge_drops_text_but_keeps_counts(store: Store) -> None:
    old = Post(source="feed", native_id="old", created_at=T0 - timedelta(days=100), text="old words",
               author="someone", raw={"x": 1})  # fmt: skip
    store.add_posts([old, post("new", "new words")])
    store.save_weekly("aggregates", "2026-W30", {"themes": {"funding": 3}})
    assert store.purge(T0 - timedelta(days=90)) == 1
    rows = store.posts_between(T0 - timedelta(days=200), T0 + timedelta(days=1))
    assert [(r["native_id"], r["text"], r["author"], r["raw"]) for r in rows] == [
        ("old", None, None, None), ("new", "new words", None, None)]  # fmt: skip
    assert store.load_weekly("aggregates", "2026-W30") == {"themes": {"funding": 3}}


texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=300)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, native=st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)),
                                  min_size=1, max_size=60))  # fmt: skip
def test_any_text_round_trips(sqlite_store: Store, text: str, native: str) -> None:
    native = f"{sqlite_store.count_posts()}:{native}"  # the store is shared across examples
    saved = Post(source="h", native_id=native, created_at=T0, text=text)
    sqlite_store.save_page("h", [saved])
    rows = [r for r in sqlite_store.iter_export() if r["native_id"] == native]
    assert len(rows) == 1 and rows[0]["text"] == text


def test_open_errors_are_one_clear_line(tmp_path) -> None:
    from groundswell.errors import StoreError

    with pytest.raises(StoreError, match=r"the folder .*missing does not exist"):
        Store.open(f"sqlite:///{tmp_path / 'missing' / 'groundswell.db'}")
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_bytes(b"this is not a database, just some words " * 200)
    with pytest.raises(StoreError) as info:
        Store.open(f"sqlite:///{not_a_db}")
    assert "file is not a database" in str(info.value)
    assert "[SQL:" not in str(info.value) and "sqlalche.me" not in str(info.value)
