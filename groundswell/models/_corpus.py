"""Labelled data in the labelled-data format (docs/architecture.md): the shipped seed corpus and users' own files."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path

from ..errors import LabelError

SENTIMENTS: tuple[str, ...] = ("negative", "neutral", "positive")
VOICES: tuple[str, ...] = (
    "person", "carer", "worker", "professional", "organisation", "media", "other",
)
SPLITS = ("train", "test", "unseen", "blind", "fresh", "holdout", "holdout2", "holdout3",
          "holdout4", "holdout5", "holdout6", "holdout7", "general_sentiment")


def corpus_path(split: str) -> Path:
    """Path of a shipped corpus split (one of ``SPLITS``)."""
    if split not in SPLITS:
        raise ValueError(f"unknown corpus split {split!r}; choose from {', '.join(SPLITS)}")
    return Path(str(resources.files("groundswell") / "data" / "corpus" / f"{split}.jsonl"))


def load_corpus(split: str = "train") -> list[dict]:
    """Records of a shipped corpus split."""
    return read_labelled(corpus_path(split))


def read_labelled(path: str | Path) -> list[dict]:
    """Read a JSON Lines file of labelled records; blank lines are skipped."""
    records = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise LabelError(f"{path}:{lineno}: not valid JSON ({exc.msg})") from exc
            if not isinstance(rec, dict):
                raise LabelError(f"{path}:{lineno}: expected a JSON object")
            records.append(rec)
    return validate_records(records, themes=None, where=str(path))


def validate_records(records: Iterable[dict], themes: Sequence[str] | None = None,
                     where: str = "records") -> list[dict]:
    """Check label fields; ``themes`` None accepts any theme id. Returns the records as a list."""
    out = []
    allowed = set(themes) if themes is not None else None
    for i, rec in enumerate(records, 1):
        name = f"{where}: record {rec.get('id', i)!s}"
        if not isinstance(rec.get("text"), str) or not rec["text"].strip():
            raise LabelError(f"{name}: 'text' must be a non-empty string")
        if "relevant" in rec and not isinstance(rec["relevant"], bool):
            raise LabelError(f"{name}: 'relevant' must be true or false")
        if "sentiment" in rec and rec["sentiment"] not in SENTIMENTS:
            raise LabelError(f"{name}: 'sentiment' must be one of {', '.join(SENTIMENTS)}")
        if "voice" in rec and rec["voice"] not in VOICES:
            raise LabelError(f"{name}: 'voice' must be one of {', '.join(VOICES)}")
        if "themes" in rec:
            if not isinstance(rec["themes"], list) or not all(
                isinstance(t, str) for t in rec["themes"]
            ):
                raise LabelError(f"{name}: 'themes' must be a list of theme ids")
            if allowed is not None and not set(rec["themes"]) <= allowed:
                unknown = sorted(set(rec["themes"]) - allowed)
                raise LabelError(f"{name}: unknown theme ids {unknown}")
        out.append(rec)
    return out
