"""`groundswell demo`: the whole flow, offline, on the bundled sample.

Steps: write the sample's eight weeks; serve it on 127.0.0.1 in the real API shapes; write a
config whose sources point there; collect with the real collectors; classify; analyse the
last complete week; build the digest and write it to the outbox. Nothing leaves the machine.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..cli import plain, safe
from ..collect import collect_sources
from ..collectors import registry
from ..config import Config, load_config
from ..errors import GroundswellError
from ..store import Store
from .sample import SUBREDDITS, Sample, build_sample
from .server import REDDIT_CLIENT, DemoServer

__all__ = ["DemoResult", "run_demo", "write_config"]

REDDIT_ENV = ("GROUNDSWELL_DEMO_REDDIT_ID", "GROUNDSWELL_DEMO_REDDIT_SECRET")
HASHTAGS = [
    "socialcare", "carers", "15MinuteCare", "SharedLives", "dementia", "CarersAllowance", "carework", "NHS",
    "learningdisability", "mentalhealth", "CQC", "disability", "unpaidcarers", "carehomes", "selfcare",
]  # fmt: skip
ORGANISATION = "Riverside Care Partnership"
WATCH = ["Riverside Care", "Millbrook House", "Riverside Shared Lives"]
VALUES = ["co-production", "Shared Lives", "carers' rights", "person-centred care", "lived experience"]
KEYWORDS = ["social care", "home care", "Carer's Allowance", "carers"]
_OWN_FILES = ("groundswell.db", "groundswell.db-wal", "groundswell.db-shm", "groundswell.toml")
_MARK = "# Written by `groundswell demo`"


@dataclass
class DemoResult:
    directory: Path
    period: str
    posts_served: int
    posts_stored: int
    labelled: int
    files: list[Path] = field(default_factory=list)
    summary: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    failed_sources: list[str] = field(default_factory=list)


def _q(value: object) -> str:
    """A TOML value: JSON strings and arrays of strings are valid TOML."""
    return json.dumps(value)


def write_config(directory: Path, base: str, types: set[str]) -> Path:
    """The demo's groundswell.toml: the starter organisation, every source aimed at ``base``."""
    blocks = {
        "rss": [{"name": "care-bulletin", "type": "rss", "url": f"{base}/feeds/care-bulletin.xml"},
                {"name": "westmere-gazette", "type": "rss", "url": f"{base}/feeds/westmere-gazette.xml"}],
        "mastodon": [{"name": "mastodon", "type": "mastodon", "servers": [base], "hashtags": HASHTAGS,
                      "max_pages": 50}],
        "reddit": [{"name": "reddit", "type": "reddit", "api_url": base, "token_url": f"{base}/api/v1/access_token",
                    "client_id_env": REDDIT_ENV[0], "client_secret_env": REDDIT_ENV[1],
                    "subreddits": list(SUBREDDITS), "user_agent": "demo:groundswell:0.1 (offline demo)",
                    "max_pages": 20}],
        "discourse": [{"name": "carers-forum", "type": "discourse", "base_url": base, "max_pages": 20}],
        "petitions": [{"name": "petitions", "type": "petitions", "base_url": base}],
    }  # fmt: skip
    lines = [
        f"{_MARK}: every source points at the demo's local server.",
        "[organisation]", f"name = {_q(ORGANISATION)}", f"watch = {_q(WATCH)}", f"values = {_q(VALUES)}", "",
        "[topics]", f"keywords = {_q(KEYWORDS)}", f"hashtags = {_q(HASHTAGS)}", "",
        "[http]", 'user_agent = "Groundswell demo"', 'contact = "demo@localhost"', "timeout = 10", "",
        "[digest]", 'recipients = ["leadership@riverside-care.example"]', 'outbox = "outbox"',
        'sender = "groundswell@riverside-care.example"', "",
    ]  # fmt: skip
    for kind, sources in blocks.items():
        if kind not in types:
            continue
        for source in sources:
            lines += ["[[sources]]", *(f"{key} = {_q(value)}" for key, value in source.items()), ""]
    path = directory / "groundswell.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _fresh(directory: Path) -> None:
    """Remove what an earlier demo run wrote here (only the demo's own files).

    A folder holding a config or store the demo did not write is a real deployment (say
    ``--dir .`` where ``groundswell init`` was run): the demo refuses rather than delete it."""
    config, store = directory / "groundswell.toml", directory / "groundswell.db"
    ours = config.is_file() and config.read_text(encoding="utf-8", errors="replace").startswith(_MARK)
    if (config.exists() or store.exists()) and not ours:
        found = config if config.exists() else store
        raise GroundswellError(f"{found} was not written by the demo, and the demo replaces its files: "
                               "run it with --dir pointing at another folder")  # fmt: skip
    for name in _OWN_FILES:
        (directory / name).unlink(missing_ok=True)
    outbox = directory / "outbox"
    if outbox.is_dir():
        for item in outbox.glob("digest-*"):
            item.unlink()


def _seed_petition_history(store: Store, sample: Sample, base: str) -> int:
    """Petition sites publish only today's count; a deployment polls and keeps its own history.
    The demo's history stands for the weekly polls an earlier deployment would have made."""
    rows = 0
    for petition in sample.petitions:
        snaps = [{"petition_id": str(petition.id), "title": petition.action, "url": f"{base}/petitions/{petition.id}",
                  "signature_count": count, "taken_at": when} for when, count in petition.weekly]  # fmt: skip
        store.save_petition_snapshots("petitions", snaps)
        rows += len(snaps)
    return rows


def run_demo(directory: Path, *, posts: int | None = None, seed: int = 7, console: Console | None = None,
             now: datetime | None = None) -> DemoResult:  # fmt: skip
    """Run the demo into ``directory``; returns where the digest is and what happened."""
    from ..analysis import analyse_week
    from ..classify import classify_new
    from ..reports import build_digest, send_digest

    console = console or Console()
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        timings[name] = round(time.perf_counter() - clock, 2)
        clock = time.perf_counter()

    directory = directory.resolve()
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GroundswellError(f"cannot use {directory} for the demo: {exc.strerror or exc}") from exc
    _fresh(directory)
    os.environ.setdefault(REDDIT_ENV[0], REDDIT_CLIENT[0])
    os.environ.setdefault(REDDIT_ENV[1], REDDIT_CLIENT[1])
    sample = build_sample(now, seed=seed, posts=posts)
    console.print(
        f"[bold]Groundswell demo[/] — {len(sample.posts)} sample posts and {len(sample.petitions)} petitions, "
        f"{sample.start:%d %b} to {sample.now:%d %b %Y}; the digest covers {sample.period}."
    )
    lap("sample")
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())  # fmt: skip
    with DemoServer(sample) as server, Progress(*columns, console=console, transient=False) as progress:
        types = set(registry())
        config = load_config(write_config(directory, server.url, types))
        # the demo's own store, whatever GROUNDSWELL_DATABASE_URL says: never a real deployment's
        store = Store.open(f"sqlite:///{directory / 'groundswell.db'}")
        console.print(f"Serving the sample on {server.url} (RSS, Mastodon, Reddit, Discourse, petitions); "
                      f"config in {safe(config.path)}", highlight=False)  # fmt: skip
        _seed_petition_history(store, sample, server.url)
        task = progress.add_task("Collecting with the real collectors", total=len(config.sources))
        failed: list[str] = []

        def done(result) -> None:  # type: ignore[no-untyped-def]
            progress.advance(task)
            reason = f"{result.error_kind}: {result.error}"
            mark = "[green]ok[/]" if result.ok else f"[red]{safe(reason, newlines=False)}[/]"
            progress.console.print(f"  {safe(result.source)}: {mark}, {result.new} new, {result.duplicates} linked as "
                                   "duplicates", highlight=False)  # fmt: skip
            if not result.ok:
                failed.append(result.source)

        collect_sources(config, store, on_done=done)
        lap("collect")
        stored = store.count_posts()
        task = progress.add_task("Classifying relevance, themes, sentiment, voice", total=store.count_unlabelled())
        labelled = classify_new(store, config, on_batch=lambda n: progress.advance(task, n))
        lap("classify")
        task = progress.add_task(f"Finding movements in {sample.period}", total=1)
        analyse_week(store, config, sample.period)
        progress.advance(task)
        lap("analyse")
        task = progress.add_task("Building the digest and writing it to the outbox", total=1)
        report = send_digest(config, store, sample.period)
        progress.advance(task)
        lap("digest")
    digest = build_digest(store, config, sample.period)
    store.close()
    result = DemoResult(directory, str(sample.period), len(sample.posts), stored, labelled, list(report.files),
                        _summary(digest, config), timings, failed)  # fmt: skip
    html = next((f for f in result.files if f.suffix == ".html"), None)
    console.print(f"\n[bold green]Digest for {result.period}:[/] {safe(html or result.files[0])}", highlight=False)
    console.print(plain(result.summary), highlight=False, markup=False)  # movement labels are words from posts
    console.print(f"[dim]{stored} posts stored, {labelled} labelled; took "
                  + ", ".join(f"{k} {v:.1f}s" for k, v in timings.items()) + "[/]", highlight=False)  # fmt: skip
    return result


def _summary(digest, config: Config) -> str:  # type: ignore[no-untyped-def]
    """One line: the week's top emerging movement and how many threats need a look."""
    emerging = digest.emerging
    top = emerging[0] if emerging else None
    movement = (f"top movement “{top.get('label')}” ({top.get('status')}, {top.get('authors')} people, "
                f"{len(top.get('sources') or [])} sources)" if top else "no emerging movement")  # fmt: skip
    return (f"{len(emerging)} emerging movement(s), {movement}; {len(digest.threats)} threat(s), "
            f"{len(digest.opportunities)} opportunity(ies). Generated {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.")
