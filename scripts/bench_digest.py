"""Time the weekly digest at scale: analyse, build, render and wrap one week of N posts.

    .venv/bin/python scripts/bench_digest.py [--posts 20000] [--url postgresql+psycopg://...]

Posts are made from the project's labelled corpus (two sentences from different posts, so they
are not linked as near-duplicates), saved with their labels through the Store API over the
week and the six weeks before it, and the figures are printed. Nothing here is a test: speed is
measured, not asserted.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from groundswell.analysis import analyse_week
from groundswell.config import config_from_dict
from groundswell.periods import Period
from groundswell.posts import Post
from groundswell.reports import build_digest, build_message, render_html, render_json, render_text
from groundswell.store import Store

CORPUS = Path(__file__).resolve().parents[1] / "groundswell" / "data" / "corpus" / "train.jsonl"
SOURCES = ("mastodon", "reddit", "forum", "news")


def _sentences(text: str) -> list[str]:
    parts = [p.strip() for p in text.replace("\n", " ").split(". ") if len(p.split()) >= 4]
    return parts or [text]


def seed(store: Store, period: Period, n_week: int, rng: random.Random) -> int:
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    weeks = [(period, n_week)] + [(period.shift(-k), n_week // 2) for k in range(1, 7)]
    saved = 0
    for week, count in weeks:
        batch: list[tuple[Post, dict]] = []
        for i in range(count):
            a, b = rng.choice(rows), rng.choice(rows)
            text = f"{rng.choice(_sentences(a['text']))}. {rng.choice(_sentences(b['text']))}"
            when = week.start + timedelta(seconds=rng.randrange(7 * 86400))
            source = rng.choice(SOURCES)
            native = f"{week}-{i}"
            post = Post(source=source, native_id=native, created_at=when, text=text,
                        author=f"user{rng.randrange(n_week)}", url=f"https://example.org/{native}")  # fmt: skip
            labels = {"relevant": a["relevant"], "themes": a["themes"], "sentiment": a["sentiment"],
                      "voice": a["voice"]}  # fmt: skip
            batch.append((post, labels))
        for start in range(0, len(batch), 1000):
            chunk = batch[start : start + 1000]
            store.add_posts([p for p, _ in chunk])
        ids = {p["native_id"]: p["id"] for p in store.posts_between(week.start, week.end, include_duplicates=True)}
        store.save_labels([
            {"post_id": ids[p.native_id], "relevance": 0.9, "sentiment_score": 0.8, "model_version": "bench", **labels}
            for p, labels in batch if p.native_id in ids
        ])  # fmt: skip
        saved += len(batch)
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=20_000, help="posts in the digest's week")
    parser.add_argument("--url", help="store URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-digest-"))
    store = Store.open(args.url or f"sqlite:///{folder / 'bench.db'}")
    config = config_from_dict({"organisation": {"watch": ["Millbrook House"], "values": ["Shared Lives"]},
                               "digest": {"recipients": ["a@example.org"]}}, folder / "groundswell.toml")  # fmt: skip
    period = Period.containing(datetime.now(UTC)).shift(-1)
    figures: dict[str, float] = {}

    def timed(name, fn, *a, **k):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        result = fn(*a, **k)
        figures[name] = time.perf_counter() - started
        return result

    saved = timed("seed (not part of the digest)", seed, store, period, args.posts, random.Random(47))
    unique = len(store.posts_between(period.start, period.end))
    timed("analyse_week", analyse_week, store, config, period)
    digest = timed("build_digest", build_digest, store, config, period)
    timed("render_json", render_json, digest)
    text = timed("render_text", render_text, digest)
    html = timed("render_html (with charts)", render_html, digest)
    message = timed("build_message", build_message, digest, text, html, config, "a@example.org")
    print(f"store: {store.dialect}; {saved} posts saved, {unique} unique in the week {period}")
    for name, seconds in figures.items():
        print(f"  {name:32s} {seconds:8.2f} s")
    print(f"  message size                     {len(bytes(message)) / 1024:8.0f} KiB "
          f"({len(html.images)} inline charts)")  # fmt: skip
    print(f"  peak memory (max RSS)            {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:8.0f} MiB")
    store.close()


if __name__ == "__main__":
    main()
