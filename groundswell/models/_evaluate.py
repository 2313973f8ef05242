"""Scoring models on a labelled file, and the VADER baseline they are compared with."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.metrics import f1_score, recall_score

from ._corpus import SENTIMENTS, VOICES


def evaluate(models, records: list[dict]) -> dict:
    """The eval object: ``n`` plus a block for each label the records carry.

    ``relevance.f1`` takes "relevant" as the positive class. Theme scores are computed over the
    posts labelled relevant that carry a ``themes`` list, from the theme head alone (so a
    relevance miss is not counted twice); the macro average is over the themes that occur in
    those labels.
    """
    texts = [r["text"] for r in records]
    out: dict = {"n": len(records)}
    if not records:
        return out
    a = models.predict_arrays(texts)
    rel_pred = a["relevance"] >= 0.5

    idx = [i for i, r in enumerate(records) if r.get("relevant") is not None]
    if idx:
        y = np.array([bool(records[i]["relevant"]) for i in idx])
        out["relevance"] = {"f1": _r(f1_score(y, rel_pred[idx], zero_division=0))}

    idx = [i for i, r in enumerate(records) if r.get("sentiment") is not None]
    if idx:
        classes = list(models.sentiment_.classes_)
        pred = [classes[j] for j in a["sentiment"][idx].argmax(axis=1)]
        truth = [records[i]["sentiment"] for i in idx]
        out["sentiment"] = sentiment_scores(truth, pred)

    idx = [i for i, r in enumerate(records)
           if r.get("themes") is not None and r.get("relevant") is True]
    if idx:
        ids = list(models.theme_ids_)
        Y = np.zeros((len(idx), len(ids)), dtype=int)
        for row, i in enumerate(idx):
            for t in records[i]["themes"]:
                if t in ids:
                    Y[row, ids.index(t)] = 1
        P = models.themes_.decide(a["themes"][idx])
        present = np.flatnonzero(Y.sum(axis=0) > 0)
        out["themes"] = {
            "micro_f1": _r(f1_score(Y, P, average="micro", zero_division=0)),
            "macro_f1": _r(f1_score(Y[:, present], P[:, present], average="macro",
                                    zero_division=0)) if len(present) else 0.0,
        }

    idx = [i for i, r in enumerate(records) if r.get("voice") is not None]
    if idx:
        classes = list(models.voice_.classes_)
        pred = [classes[j] for j in a["voice"][idx].argmax(axis=1)]
        truth = [records[i]["voice"] for i in idx]
        labels = [v for v in VOICES if v in set(truth)]
        out["voice"] = {"macro_f1": _r(f1_score(truth, pred, labels=labels, average="macro",
                                                 zero_division=0))}
    return out


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
