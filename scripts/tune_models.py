"""Choose CareModels' hyper-parameters by cross-validation on the TRAIN split only.

Folds are grouped by each record's main fragment (``group``), and a fold's model trains only on
posts that share no fragment at all with its held-out posts: the same kind of generalisation the
test split asks for, without looking at it. Scores are given over all held-out posts and, under
``hw.``, over the held-out whole hand-written posts alone (``source: handwritten``), which read
more like real posts than the composed ones.

Run:  python scripts/tune_models.py [--no-posts] [param=v1,v2 ...]
``--no-posts`` trains every fold without the whole hand-written posts (they are still scored),
to see what they add.
"""

from __future__ import annotations

import itertools
import json
import sys

import numpy as np
from sklearn.model_selection import GroupKFold

from groundswell.models import CareModels, evaluate, load_corpus


def _add(sums: dict, prefix: str, res: dict) -> None:
    for block, scores in res.items():
        if isinstance(scores, dict):
            for k, v in scores.items():
                sums.setdefault(f"{prefix}{block}.{k}", []).append(v)


def cv_score(records: list[dict], params: dict, folds: int = 5, posts: bool = True) -> dict:
    groups = [r.get("group", r["id"]) for r in records]
    sums: dict[str, list[float]] = {}
    for tr, te in GroupKFold(n_splits=folds).split(records, groups=groups):
        # Strict: a training post may share no fragment at all with the held-out posts.
        held = {f for i in te for f in records[i].get("fragments", [records[i]["id"]])}
        train = [records[i] for i in tr
                 if held.isdisjoint(records[i].get("fragments", [records[i]["id"]]))
                 and (posts or records[i].get("source") != "handwritten")]
        model = CareModels(**params).fit([r["text"] for r in train], train)
        test = [records[i] for i in te]
        _add(sums, "", evaluate(model, test))
        _add(sums, "hw.", evaluate(model, [r for r in test if r.get("source") == "handwritten"]))
    return {k: round(float(np.mean(v)), 4) for k, v in sums.items()}


def main(argv: list[str]) -> None:
    posts = "--no-posts" not in argv
    grid: dict[str, list] = {}
    for arg in argv:
        if arg.startswith("--"):
            continue
        name, values = arg.split("=", 1)
        grid[name] = [json.loads(v) for v in values.split(",")]
    records = load_corpus("train")
    for combo in itertools.product(*grid.values()) if grid else [()]:
        params = dict(zip(grid, combo, strict=True))
        print(json.dumps(params), json.dumps(cv_score(records, params, posts=posts)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
