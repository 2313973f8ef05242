"""Label new posts in batches: the one function the scheduler, the demo and the CLI share.

Posts with no labels, or labels from another model version, are read a batch at a time,
predicted together and saved in one transaction per batch, so an interrupted run keeps what it
finished and the next run picks up the rest.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from .config import Config
from .store import Store

__all__ = ["classify_new", "models_for"]

_cache: dict[tuple[str, tuple[str, ...]], object] = {}
_cache_lock = threading.Lock()


def models_for(config: Config):  # type: ignore[no-untyped-def]  # -> groundswell.models.CareModels
    """The configured models, loaded (or trained from the seed corpus) once per process."""
    from .models import load_models

    key = (str(Path(config.model_dir)), tuple(config.taxonomy.themes))
    with _cache_lock:
        if key not in _cache:
            _cache[key] = load_models(config.model_dir, themes=config.taxonomy.themes)
        return _cache[key]


def classify_new(store: Store, config: Config, *, batch: int = 500, relabel: bool = False,
                 on_batch: Callable[[int], None] | None = None) -> int:  # fmt: skip
    """Label posts that have no labels (with ``relabel``, also those labelled by another model
    version); returns how many were labelled. ``on_batch`` gets each batch's size, for progress.

    With nothing to label the models are not even loaded, so a scheduler tick costs one query.
    """
    if not relabel and store.count_unlabelled() == 0:
        return 0
    models = models_for(config)
    version = str(models.version)
    total = 0
    while True:
        pending = store.unlabelled_posts(batch, model_version=version if relabel else None)
        if not pending:
            return total
        predictions = models.predict([text for _, text in pending])
        store.save_labels([
            {"post_id": post_id, "relevant": bool(p.relevant), "relevance": float(p.relevance),
             "themes": list(p.themes), "sentiment": p.sentiment,
             "sentiment_score": float(p.sentiment_scores.get(p.sentiment, 0.0)), "voice": p.voice,
             "model_version": version}
            for (post_id, _), p in zip(pending, predictions, strict=True)
        ])  # fmt: skip
        total += len(pending)
        if on_batch:
            on_batch(len(pending))
        if len(pending) < batch:
            return total
