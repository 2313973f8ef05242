"""The demo: its written sample, its server's API shapes, and the whole flow end to end."""

from __future__ import annotations

import io
import itertools
import re
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from pathlib import Path

import feedparser
import httpx
import pytest
from rich.console import Console

from groundswell.demo import DemoServer, build_sample
from groundswell.demo.server import REDDIT_CLIENT
from groundswell.posts import jaccard, shingles
from groundswell.store import NEAR_DUPLICATE_JACCARD

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)  # a Thursday: the digest week is 2026-W47


@pytest.fixture(scope="module")
def sample():  # type: ignore[no-untyped-def]
    return build_sample(NOW, seed=7, posts=300)


def test_sample_has_a_movement_that_breaks_out_in_the_digest_week(sample) -> None:  # type: ignore[no-untyped-def]
    assert str(sample.period) == "2026-W47"
    week = [p for p in sample.posts if sample.period.start <= p.created_at < sample.period.end]
    wave = [p for p in week if p.story == "fifteen_minute_visits"]
    before = [p for p in sample.posts if p.story == "fifteen_minute_visits" and p.created_at < sample.period.start]
    assert len(wave) >= 60 and len(before) <= 15
    assert len({p.author for p in wave}) >= 50
    assert {p.channel for p in wave} >= {"mastodon", "reddit", "forum"}
    threat = [p for p in week if p.story == "millbrook_whistleblowing"]
    assert threat and all("Millbrook House" in f"{p.title} {p.text}" for p in threat)
    assert min(p.created_at for p in sample.posts) >= sample.period.shift(-7).start
    assert max(p.created_at for p in sample.posts) < NOW
    # Distinct people write distinct posts: none of the wave would be linked as a near-duplicate.
    grams = [shingles(p.text) for p in wave]
    close = sum(jaccard(a, b) >= NEAR_DUPLICATE_JACCARD for a, b in itertools.combinations(grams, 2))
    assert close == 0


def test_sample_is_reproducible_and_scales(sample) -> None:  # type: ignore[no-untyped-def]
    again = build_sample(NOW, seed=7, posts=300)
    assert [(p.author, p.text) for p in again.posts] == [(p.author, p.text) for p in sample.posts]
    assert 240 <= len(sample.posts) <= 360
    # Later in the same week: the eight complete weeks are the same, only this week grows.
    later = build_sample(NOW + timedelta(days=2), seed=7, posts=300)
    done = [(p.author, p.text) for p in sample.posts if p.created_at < sample.period.end]
    assert [(p.author, p.text) for p in later.posts if p.created_at < sample.period.end] == done
    full = build_sample(NOW, seed=7)
    assert len(full.posts) > 2 * len(sample.posts)


def test_server_speaks_each_service_s_api(sample) -> None:  # type: ignore[no-untyped-def]
    with DemoServer(sample) as server, httpx.Client(base_url=server.url) as client:
        # RSS: a parseable feed, and 304 when the ETag matches.
        feed = client.get("/feeds/care-bulletin.xml")
        assert feed.headers["content-type"].startswith("application/rss+xml")
        parsed = feedparser.parse(io.BytesIO(feed.content))
        assert not parsed.bozo and len(parsed.entries) == len([p for p in sample.posts if p.feed == "care-bulletin"])
        again = client.get("/feeds/care-bulletin.xml", headers={"If-None-Match": feed.headers["etag"]})
        assert again.status_code == 304

        # Mastodon: follow rel="next" to the end; every matching status once, newest first.
        instance = client.get("/api/v2/instance").json()
        assert instance["configuration"]["timelines_access"]["hashtag_feeds"]["remote"] == "public"
        url: str | None = "/api/v1/timelines/tag/socialcare?any[]=carers&limit=40"
        ids: list[int] = []
        while url:
            response = client.get(url)
            page = response.json()
            ids += [int(s["id"]) for s in page]
            links = httpx.Response(200, headers={"link": response.headers.get("link", "")}).links
            url = links.get("next", {}).get("url") if page else None
        expected = [p for p in sample.posts if p.channel == "mastodon" and {"socialcare", "carers"} & set(p.tags)]
        assert len(ids) == len(set(ids)) == len(expected)
        assert ids == sorted(ids, reverse=True)
        newer = client.get(f"/api/v1/timelines/tag/socialcare?any[]=carers&limit=5&min_id={ids[20]}").json()
        assert [int(s["id"]) for s in newer] == ids[15:20]

        # Reddit: a listing only with a bearer token from the client-credentials grant.
        assert client.get("/r/CarersUK/new").status_code == 401
        assert client.post("/api/v1/access_token", data={"grant_type": "client_credentials"},
                           auth=("someone", "wrong")).status_code == 401  # fmt: skip
        token = client.post("/api/v1/access_token", data={"grant_type": "client_credentials"},
                            auth=REDDIT_CLIENT).json()  # fmt: skip
        assert token["token_type"] == "bearer" and token["expires_in"] == 86400
        headers = {"Authorization": f"bearer {token['access_token']}"}
        names: list[str] = []
        after = None
        for sub in ("CarersUK", "UKCareWorkers"):
            after = None
            while True:
                listing = client.get(f"/r/{sub}/new", params={"limit": 25, **({"after": after} if after else {})},
                                     headers=headers).json()["data"]  # fmt: skip
                names += [c["data"]["name"] for c in listing["children"]]
                after = listing["after"]
                if not after:
                    break
        assert len(names) == len(set(names)) == len([p for p in sample.posts if p.channel == "reddit"])

        # Discourse: /posts.json paged by `before` reaches every forum post.
        seen: list[int] = []
        before = None
        while True:
            posts = client.get("/posts.json", params={"before": before} if before else {}).json()["latest_posts"]
            if not posts:
                break
            seen += [p["id"] for p in posts]
            before = posts[-1]["id"]
        assert len(seen) == len(set(seen)) == len([p for p in sample.posts if p.channel == "forum"])
        assert client.get("/latest.json").json()["topic_list"]["topics"]

        # Petitions: search, one petition, its count.
        found = client.get("/petitions.json", params={"q": "home care", "state": "open"}).json()
        assert [d["id"] for d in found["data"]] == [700451] and found["links"]["next"] is None
        assert client.get("/petitions/700451/count.json").json() == {"signature_count": 51200}
        assert client.get("/petitions/1.json").status_code == 404
    assert server.requests["/api/v1/timelines/tag/socialcare"] >= 2


def test_demo_runs_end_to_end_into_an_outbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             trained_model_dir: Path) -> None:  # fmt: skip
    from groundswell.config import load_config
    from groundswell.demo.runner import run_demo
    from groundswell.periods import parse_period
    from groundswell.reports import build_digest
    from groundswell.store import Store

    monkeypatch.setenv("GROUNDSWELL_MODEL_DIR", str(trained_model_dir))
    out = io.StringIO()
    result = run_demo(tmp_path / "demo", posts=250, console=Console(file=out, width=120))
    printed = out.getvalue()
    assert not result.failed_sources, printed
    emls = sorted((tmp_path / "demo" / "outbox").glob("*.eml"))
    htmls = sorted((tmp_path / "demo" / "outbox").glob("*.html"))
    assert emls and htmls
    message = message_from_bytes(emls[0].read_bytes(), policy=policy.default)
    assert message["To"] == "leadership@riverside-care.example"
    html_part = message.get_body(preferencelist=("html",))
    assert html_part is not None and "Millbrook House" in html_part.get_content()
    assert f"Digest for {result.period}:" in printed and str(htmls[0].name) in printed.replace("\n", "")

    config = load_config(tmp_path / "demo" / "groundswell.toml")
    store = Store.open(config.database_url)
    try:
        digest = build_digest(store, config, parse_period(result.period))
        texts = [row["text"] for row in store.iter_export()]
    finally:
        store.close()
    # every collector handed the store plain text, whatever markup its API wraps posts in
    assert texts and not [t for t in texts if re.search(r"</?(p|div|span|a|br)\b|&lt;|&amp;", t or "")]
    top = digest.emerging[0]
    assert top["authors"] >= 40 and len(top["sources"]) >= 3
    assert any("Millbrook House" in t["title"] for t in digest.threats)


def test_demo_command_runs_twice_into_the_same_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      trained_model_dir: Path) -> None:  # fmt: skip
    """`groundswell demo` (what `make demo` runs) starts afresh each time in its folder."""
    from typer.testing import CliRunner

    from groundswell.cli import app
    from groundswell.store import Store

    monkeypatch.setenv("GROUNDSWELL_MODEL_DIR", str(trained_model_dir))
    monkeypatch.chdir(tmp_path)
    counts = []
    for _ in range(2):
        outcome = CliRunner().invoke(app, ["demo", "--posts", "150"])
        assert outcome.exit_code == 0, outcome.output
        assert "Digest for " in outcome.output and "emerging movement" in outcome.output
        store = Store.open(f"sqlite:///{tmp_path / 'demo-output' / 'groundswell.db'}")
        counts.append(store.count_posts())
        store.close()
    assert counts[0] == counts[1] > 100  # a fresh store each run, not the first run's posts twice
    outbox = sorted(p.suffix for p in (tmp_path / "demo-output" / "outbox").iterdir())
    assert outbox == [".eml", ".html"]


def test_demo_refuses_a_folder_holding_a_real_deployment(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from groundswell.cli import app

    real = tmp_path / "real"
    assert CliRunner().invoke(app, ["init", str(real / "groundswell.toml")]).exit_code == 0
    (real / "groundswell.db").write_bytes(b"a real store")
    outcome = CliRunner().invoke(app, ["demo", "--dir", str(real), "--posts", "150"])
    assert outcome.exit_code == 1
    assert "was not written by the demo" in " ".join(outcome.output.split())
    assert (real / "groundswell.db").read_bytes() == b"a real store"
    assert (real / "groundswell.toml").read_text(encoding="utf-8").startswith("# Groundswell configuration")
    alone = tmp_path / "store-only"
    alone.mkdir()
    (alone / "groundswell.db").write_bytes(b"a real store")
    assert CliRunner().invoke(app, ["demo", "--dir", str(alone)]).exit_code == 1
    assert (alone / "groundswell.db").read_bytes() == b"a real store"


def test_demo_keeps_to_its_own_store_whatever_the_environment_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, trained_model_dir: Path
) -> None:
    from groundswell.demo.runner import run_demo

    production = tmp_path / "production.db"
    monkeypatch.setenv("GROUNDSWELL_DATABASE_URL", f"sqlite:///{production}")
    monkeypatch.setenv("GROUNDSWELL_MODEL_DIR", str(trained_model_dir))
    result = run_demo(tmp_path / "demo", posts=150, console=Console(file=io.StringIO(), width=120))
    assert result.posts_stored > 100
    assert not production.exists()
    assert (tmp_path / "demo" / "groundswell.db").stat().st_size > 0


def test_demo_into_a_path_that_is_a_file_says_so(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from groundswell.cli import app

    (tmp_path / "taken").write_text("mine", encoding="utf-8")
    outcome = CliRunner().invoke(app, ["demo", "--dir", str(tmp_path / "taken")], env={"COLUMNS": "250"})
    assert outcome.exit_code == 1
    assert f"cannot use {tmp_path / 'taken'} for the demo: File exists" in outcome.output
    assert not isinstance(outcome.exception, FileExistsError)


def test_demo_prints_its_folder_literally(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          trained_model_dir: Path) -> None:  # fmt: skip
    from groundswell.demo.runner import run_demo

    monkeypatch.setenv("GROUNDSWELL_MODEL_DIR", str(trained_model_dir))
    out = io.StringIO()
    folder = tmp_path / "demo [red]x[/red]"
    run_demo(folder, posts=150, console=Console(file=out, width=400))
    printed = out.getvalue()
    assert f"config in {folder / 'groundswell.toml'}" in printed
    assert f"{folder / 'outbox'}" in printed
