"""Choose CareModels' hyper-parameters by cross-validation on the TRAIN split only.

Folds are grouped by each record's main fragment (``group``), and a fold's model trains only on
posts that share no fragment at all with its held-out posts: the same kind of generalisation the
test split asks for, without looking at it. Scores are given over all held-out posts, under
``hw.`` over the held-out whole hand-written posts alone (``source: handwritten``), which read
more like real posts than the composed ones, and under ``comp.`` over the composed ones alone
(the kind of post the test split holds).

Run:  python scripts/tune_models.py [--no-posts | --by-writer] [param=v1,v2 ...]
``--no-posts`` trains every fold without the whole hand-written posts (they are still scored),
to see what they add. ``--by-writer`` asks the harder question, how the models do on a writer
they have never read: each batch of whole posts written by one writer (``batch``, the file in
``scripts/posts/``) is held out in turn, the models train on everything else, and the held-out
predictions of all writers are scored together.
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
        _add(sums, "comp.", evaluate(model, [r for r in test if r.get("source") != "handwritten"]))
    return {k: round(float(np.mean(v)), 4) for k, v in sums.items()}


def by_writer(records: list[dict], params: dict) -> dict:
    """Each writer's batch scored by models that never read it, pooled into one eval object."""
    batches = sorted({r["batch"] for r in records if r.get("batch")})
    model_of: dict[str, CareModels] = {}
    for batch in batches:
        train = [r for r in records if r.get("batch") != batch]
        model = CareModels(**params).fit([r["text"] for r in train], train)
        model_of.update((r["text"], model) for r in records if r.get("batch") == batch)
    held = [r for r in records if r.get("batch")]
    sums: dict[str, list[float]] = {}
    _add(sums, "", evaluate(_Pooled(model_of), held))
    return {k: v[0] for k, v in sums.items()}


class _Pooled:
    """Looks like one CareModels to ``evaluate``; each text goes to the model that never read it."""

    def __init__(self, model_of: dict[str, CareModels]):
        self.model_of = model_of
        first = next(iter(model_of.values()))
        self.sentiment_, self.voice_, self.themes_ = first.sentiment_, first.voice_, first.themes_
        self.theme_ids_ = first.theme_ids_

    def predict_arrays(self, texts: list[str]) -> dict:
        out: dict = {}
        for model in {id(m): m for m in self.model_of.values()}.values():
            idx = [i for i, t in enumerate(texts) if self.model_of[t] is model]
            part = model.predict_arrays([texts[i] for i in idx])
            for key, arr in part.items():
                if key not in out:
                    out[key] = np.zeros((len(texts), *arr.shape[1:]), dtype=arr.dtype)
                out[key][idx] = arr
        return out


def main(argv: list[str]) -> None:
    posts = "--no-posts" not in argv
    score = by_writer if "--by-writer" in argv else (lambda rs, ps: cv_score(rs, ps, posts=posts))
    grid: dict[str, list] = {}
    for arg in argv:
        if arg.startswith("--"):
            continue
        name, values = arg.split("=", 1)
        grid[name] = [json.loads(v) for v in values.split(",")]
    records = load_corpus("train")
    for combo in itertools.product(*grid.values()) if grid else [()]:
        params = dict(zip(grid, combo, strict=True))
        print(json.dumps(params), json.dumps(score(records, params)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
