"""Scoring models on a labelled file, and the VADER baseline they are compared with."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.metrics import confusion_matrix, f1_score, recall_score

from ._corpus import SENTIMENTS, VOICES


def evaluate(models, records: list[dict]) -> dict:
    """The eval object: ``n`` plus a block for each label the records carry.

    ``relevance.f1`` takes "relevant" as the positive class. Theme scores are computed over the
    posts labelled relevant that carry a ``themes`` list, from the theme head alone (so a
    relevance miss is not counted twice); the macro average is over the themes that occur in
    those labels.
    """
    return _score(records, predict_labels(models, records), list(models.theme_ids_))


def predict_labels(models, records: list[dict]) -> list[dict]:
    """Each record's predicted labels, in the labelled-data format (themes from the theme head
    alone, whatever the relevance head says)."""
    if not records:
        return []
    a = models.predict_arrays([r["text"] for r in records])
    sent, voice = list(models.sentiment_.classes_), list(models.voice_.classes_)
    ids = list(models.theme_ids_)
    on = models.themes_.decide(a["themes"])
    return [{"relevant": bool(a["relevance"][i] >= 0.5),
             "sentiment": sent[int(a["sentiment"][i].argmax())],
             "voice": voice[int(a["voice"][i].argmax())],
             "themes": [ids[j] for j in np.flatnonzero(on[i])]}
            for i in range(len(records))]


def _score(records: list[dict], pred: list[dict], ids: list[str]) -> dict:
    out: dict = {"n": len(records)}
    idx = [i for i, r in enumerate(records) if r.get("relevant") is not None]
    if idx:
        y = [bool(records[i]["relevant"]) for i in idx]
        out["relevance"] = {"f1": _r(f1_score(y, [pred[i]["relevant"] for i in idx],
                                              zero_division=0))}
    idx = [i for i, r in enumerate(records) if r.get("sentiment") is not None]
    if idx:
        out["sentiment"] = sentiment_scores([records[i]["sentiment"] for i in idx],
                                            [pred[i]["sentiment"] for i in idx])
    idx = _theme_rows(records)
    if idx:
        Y, P = _indicators(records, pred, idx, ids)
        present = np.flatnonzero(Y.sum(axis=0) > 0)
        out["themes"] = {
            "micro_f1": _r(f1_score(Y, P, average="micro", zero_division=0)),
            "macro_f1": _r(f1_score(Y[:, present], P[:, present], average="macro",
                                    zero_division=0)) if len(present) else 0.0,
        }
    idx = [i for i, r in enumerate(records) if r.get("voice") is not None]
    if idx:
        truth = [records[i]["voice"] for i in idx]
        labels = [v for v in VOICES if v in set(truth)]
        out["voice"] = {"macro_f1": _r(f1_score(truth, [pred[i]["voice"] for i in idx],
                                                 labels=labels, average="macro",
                                                 zero_division=0))}
    return out


def _theme_rows(records: list[dict]) -> list[int]:
    return [i for i, r in enumerate(records)
            if r.get("themes") is not None and r.get("relevant") is True]


def _indicators(records, pred, idx, ids) -> tuple[np.ndarray, np.ndarray]:
    Y = np.zeros((len(idx), len(ids)), dtype=int)
    P = np.zeros_like(Y)
    for row, i in enumerate(idx):
        for t in records[i]["themes"]:
            if t in ids:
                Y[row, ids.index(t)] = 1
        for t in pred[i]["themes"]:
            P[row, ids.index(t)] = 1
    return Y, P


def confusion(models, records: list[dict]) -> tuple[dict, list[dict]]:
    """Where the models go wrong: confusion matrices (rows are the truth, columns the
    prediction) for relevance, sentiment and voice, each theme's F1 and how many themes a post
    gets, plus every record with at least one wrong label, with its predictions under
    ``predicted``."""
    pred = predict_labels(models, records)
    out: dict = {}
    for key, classes in (("relevant", [True, False]), ("sentiment", None), ("voice", None)):
        idx = [i for i, r in enumerate(records) if r.get(key) is not None]
        if not idx:
            continue
        if classes is None:
            seen = {records[i][key] for i in idx} | {pred[i][key] for i in idx}
            classes = [c for c in (SENTIMENTS if key == "sentiment" else VOICES) if c in seen]
        m = confusion_matrix([records[i][key] for i in idx], [pred[i][key] for i in idx],
                             labels=classes)
        out["relevance" if key == "relevant" else key] = {
            "labels": ["relevant", "off-topic"] if key == "relevant" else classes,
            "matrix": m.tolist()}
    idx = _theme_rows(records)
    if idx:
        ids = list(models.theme_ids_)
        Y, P = _indicators(records, pred, idx, ids)
        f1 = f1_score(Y, P, average=None, zero_division=0)
        out["themes"] = {"f1": {t: _r(f1[j]) for j, t in enumerate(ids) if Y[:, j].any()},
                         "per_post_true": _r(Y.sum() / len(idx)),
                         "per_post_predicted": _r(P.sum() / len(idx))}
    wrong = []
    for r, p in zip(records, pred, strict=True):
        diff = {k: p[k] for k in ("relevant", "sentiment", "voice") if r.get(k) not in (None, p[k])}
        if r.get("relevant") and r.get("themes") is not None and set(r["themes"]) != set(p["themes"]):
            diff["themes"] = p["themes"]
        if diff:
            wrong.append({**r, "predicted": diff})
    return out, wrong


def sentiment_scores(truth: Sequence[str], pred: Sequence[str]) -> dict:
    """Macro F1 and macro recall over the sentiment classes present in ``truth``."""
    labels = [s for s in SENTIMENTS if s in set(truth)]
    return {
        "macro_f1": _r(f1_score(truth, pred, labels=labels, average="macro", zero_division=0)),
        "macro_recall": _r(recall_score(truth, pred, labels=labels, average="macro",
                                        zero_division=0)),
    }


def vader_analyzer():
    """VADER's analyser; it is a development and benchmark dependency only."""
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "VADER is needed for the baseline: pip install 'groundswell[bench]' "
            "(or pip install vaderSentiment)"
        ) from exc
    return SentimentIntensityAnalyzer()


def vader_label(compound: float) -> str:
    """VADER's own recommended cut-offs: ±0.05 on the compound score."""
    return "positive" if compound >= 0.05 else "negative" if compound <= -0.05 else "neutral"


def vader_evaluate(records: list[dict]) -> dict:
    """VADER's sentiment figures on the records that carry a sentiment label."""
    sia = vader_analyzer()
    rows = [r for r in records if r.get("sentiment") is not None]
    pred = [vader_label(sia.polarity_scores(r["text"])["compound"]) for r in rows]
    return {"n": len(rows), "sentiment": sentiment_scores([r["sentiment"] for r in rows], pred)}


def _r(x: float) -> float:
    return round(float(x), 4)
