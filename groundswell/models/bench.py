"""The benchmark behind ``groundswell bench``: the models against VADER, and movement detection.

Both classifiers run on the same generated texts in the same process, one after the other, on one
core each; the models see the texts in one batched call, as ``classify`` gives them. Peak memory is
the process's maximum resident set size.
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable

from ._evaluate import vader_analyzer
from ._synthetic import background_week, planted_week
from .movements import detect_movements


def run_bench(models, n: int = 100_000, baseline_weeks: int = 4,
              progress: Callable[[str], None] | None = None) -> dict:
    """Posts/s for the four heads and for VADER on ``n`` posts; seconds for one week's movement
    detection over ``n`` posts with ``baseline_weeks`` weeks of the same volume before it."""
    from ..periods import Period

    say = progress or (lambda _msg: None)
    sia = vader_analyzer()
    period = Period(2026, 47, "UTC")
    week = background_week(n, period.start, seed=1) + planted_week(max(10, n // 500), period.start)
    texts = [p["text"] for p in week[:n]]

    models.predict(texts[:200])  # warm both up: first calls build caches, steady state is timed
    for text in texts[:200]:
        sia.polarity_scores(text)

    say(f"models: classifying {len(texts)} posts…")
    t0 = time.perf_counter()
    preds = models.predict(texts)
    t_models = time.perf_counter() - t0
    assert len(preds) == len(texts)

    say(f"models, 2 processes: classifying {len(texts)} posts…")
    t0 = time.perf_counter()
    models.predict(texts, n_jobs=2)
    t_models2 = time.perf_counter() - t0

    say(f"VADER: scoring {len(texts)} posts…")
    score = sia.polarity_scores
    t0 = time.perf_counter()
    for text in texts:
        score(text)
    t_vader = time.perf_counter() - t0

    for p, pred in zip(week, preds, strict=False):
        p["sentiment"] = pred.sentiment
        p["relevant"] = pred.relevant
    baseline = []
    for w in range(1, baseline_weeks + 1):
        baseline += background_week(n, period.shift(-w).start, seed=10 + w, first_id=w * 10_000_000)
    say(f"movements: {len(week)} week posts against {len(baseline)} baseline posts…")
    t0 = time.perf_counter()
    found = detect_movements(week, baseline, [], period)
    t_mov = time.perf_counter() - t0

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_mb = rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024
    return {
        "classify": {
            "posts": len(texts),
            "models_seconds": round(t_models, 3),
            "models_posts_per_s": round(len(texts) / t_models, 1),
            "vader_seconds": round(t_vader, 3),
            "vader_posts_per_s": round(len(texts) / t_vader, 1),
            "ratio": round(t_vader / t_models, 2),
            "models_2proc_posts_per_s": round(len(texts) / t_models2, 1),
            "ratio_2proc": round(t_vader / t_models2, 2),
        },
        "movements": {
            "week_posts": len(week), "baseline_posts": len(baseline),
            "seconds": round(t_mov, 3), "movements": len(found),
        },
        "peak_rss_mb": round(peak_mb, 1),
    }
