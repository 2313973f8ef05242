"""The four care-aware heads behind one object: train, predict, save, load.

``CareModels`` is a composite scikit-learn estimator: one shared ``CareFeaturizer`` feeds a
relevance head, a multi-label theme head, a sentiment head and a voice head. It trains from the
seed corpus shipped in ``groundswell/data/corpus`` (plus any labelled records a user adds) in a
few seconds, deterministically for a given seed, and is saved with skops, never bare pickle.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import multiprocessing as mp
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

import numpy as np
import sklearn
from sklearn.base import BaseEstimator

from ..config import DEFAULT_THEMES
from ..errors import ModelError
from ._corpus import corpus_path, load_corpus, validate_records
from ._features import CareFeaturizer, general_sentiment_words, load_lexicon
from ._heads import LinearHead, MultiLabelHead

log = logging.getLogger(__name__)

FORMAT_VERSION = "3"
MODEL_FILE = "care_models.skops"
META_FILE = "care_models.json"
BATCH = 20_000
_TRUSTED_PREFIXES = ("groundswell.models.",)
CARE_VOICES = frozenset({"person", "carer", "worker", "professional"})


@dataclass(frozen=True)
class Prediction:
    """What the models say about one post."""

    relevant: bool
    relevance: float
    themes: tuple[str, ...]
    theme_scores: dict[str, float]
    sentiment: str
    sentiment_scores: dict[str, float]
    voice: str
    voice_scores: dict[str, float]


class CareModels(BaseEstimator):
    """Relevance, themes, sentiment and voice from one shared featuriser.

    Parameters
    ----------
    themes : sequence of str or None
        Theme ids, in order; None means the 16 default ids.
    seed : int
        Seed passed to every head; training twice with the same data and seed gives the same model.
    min_df, prefix, lexicon_weight : featuriser parameters (see ``CareFeaturizer``).
    C_relevance, C_sentiment, C_voice, C_themes : inverse regularisation of each head.
    theme_threshold, theme_floor : a theme is on at probability ≥ threshold; a relevant post
        with no theme over the threshold takes its best theme if that reaches the floor.
    theme_relative : a theme beside the best one must reach this share of the best's probability
        (None: no such rule).
    voice_by_relevance : scale the care-only voices (person, carer, worker, professional) by the
        relevance probability, so off-topic posts speak as other, organisation or media.
    post_weight : sample weight of a whole post (hand-written, a user's label or feedback)
        against one composed by the corpus generator from fragments (weight 1).
    nb_weight : weight of the naive Bayes blend in the relevance and sentiment heads (see
        ``LinearHead``; 0 turns it off).
    """

    def __init__(self, themes: Sequence[str] | None = None, seed: int = 0, min_df: int = 2,
                 prefix: int = 5, lexicon_weight: float = 0.75, C_relevance: float = 4.0,
                 C_sentiment: float = 4.0, C_voice: float = 32.0, C_themes: float = 16.0,
                 theme_threshold: float = 0.3, theme_floor: float = 0.1,
                 theme_relative: float | None = 0.5, theme_class_weight: str | None = "balanced",
                 post_weight: float = 4.0, nb_weight: float = 0.5,
                 voice_by_relevance: bool = True):
        self.themes = themes
        self.seed = seed
        self.min_df = min_df
        self.prefix = prefix
        self.lexicon_weight = lexicon_weight
        self.C_relevance = C_relevance
        self.C_sentiment = C_sentiment
        self.C_voice = C_voice
        self.C_themes = C_themes
        self.theme_threshold = theme_threshold
        self.theme_floor = theme_floor
        self.theme_relative = theme_relative
        self.theme_class_weight = theme_class_weight
        self.post_weight = post_weight
        self.nb_weight = nb_weight
        self.voice_by_relevance = voice_by_relevance

    # --- training --------------------------------------------------------------------------
    def fit(self, X: Sequence[str], y: Sequence[dict]) -> CareModels:
        """Fit on texts ``X`` and their label dicts ``y`` (any of relevant/sentiment/voice/themes)."""
        texts = list(X)
        labels = list(y)
        if len(texts) != len(labels):
            raise ValueError("X and y must have the same length")
        self.theme_ids_ = tuple(self.themes) if self.themes is not None else DEFAULT_THEMES
        self.featurizer_ = CareFeaturizer(
            min_df=self.min_df, prefix=self.prefix, lexicon_weight=self.lexicon_weight
        ).fit(texts)
        F = self.featurizer_.transform(texts)
        weight = np.array([self.post_weight if _whole_post(lab) else 1.0 for lab in labels])

        def rows(key: str) -> np.ndarray:
            return np.array([i for i, lab in enumerate(labels) if lab.get(key) is not None], dtype=int)

        idx = rows("relevant")
        self.relevance_ = LinearHead(C=self.C_relevance, random_state=self.seed, nb_weight=self.nb_weight).fit(
            F[idx], np.array([bool(labels[i]["relevant"]) for i in idx]), sample_weight=weight[idx])
        idx = rows("sentiment")
        self.sentiment_ = LinearHead(C=self.C_sentiment, random_state=self.seed, nb_weight=self.nb_weight).fit(
            F[idx], np.array([labels[i]["sentiment"] for i in idx]), sample_weight=weight[idx])
        idx = rows("voice")
        self.voice_ = LinearHead(C=self.C_voice, random_state=self.seed).fit(
            F[idx], np.array([labels[i]["voice"] for i in idx]), sample_weight=weight[idx])
        idx = np.array([i for i, lab in enumerate(labels)
                        if lab.get("themes") is not None and lab.get("relevant", True)], dtype=int)
        Y = np.zeros((len(idx), len(self.theme_ids_)), dtype=int)
        col = {t: j for j, t in enumerate(self.theme_ids_)}
        for r, i in enumerate(idx):
            for t in labels[i]["themes"]:
                if t in col:
                    Y[r, col[t]] = 1
        self.themes_ = MultiLabelHead(C=self.C_themes, threshold=self.theme_threshold,
                                      min_one=self.theme_floor, relative=self.theme_relative,
                                      class_weight=self.theme_class_weight,
                                      random_state=self.seed).fit(F[idx], Y, sample_weight=weight[idx])
        self.version_ = _version(self.get_params(), texts, labels)
        self.n_trained_ = len(texts)
        return self

    @property
    def version(self) -> str:
        return self.version_

    # --- prediction ------------------------------------------------------------------------
    def predict_arrays(self, texts: Sequence[str], n_jobs: int = 1) -> dict[str, np.ndarray]:
        """All heads' probabilities as arrays: relevance (n,), themes (n, k), sentiment, voice.

        ``n_jobs`` > 1 splits a large batch over that many forked worker processes (POSIX only;
        meant for one-off bulk runs such as ``groundswell bench``, not for threaded servers).
        """
        texts = list(texts)
        if n_jobs > 1 and len(texts) >= 2 * BATCH and "fork" in mp.get_all_start_methods():
            return self._predict_parallel(texts, n_jobs)
        parts: dict[str, list[np.ndarray]] = {"relevance": [], "themes": [], "sentiment": [],
                                              "voice": []}
        for start in range(0, len(texts), BATCH):
            F = self.featurizer_.transform(texts[start:start + BATCH])
            rel = self.relevance_.predict_proba(F)
            rel = rel[:, list(self.relevance_.classes_).index(True)]
            parts["relevance"].append(rel)
            parts["themes"].append(self.themes_.predict_proba(F))
            parts["sentiment"].append(self.sentiment_.predict_proba(F))
            parts["voice"].append(self._voice_proba(F, rel))
        if not texts:
            k = len(self.theme_ids_)
            return {"relevance": np.zeros(0), "themes": np.zeros((0, k)),
                    "sentiment": np.zeros((0, len(self.sentiment_.classes_))),
                    "voice": np.zeros((0, len(self.voice_.classes_)))}
        return {k: np.concatenate(v) for k, v in parts.items()}

    def _voice_proba(self, F, relevance: np.ndarray) -> np.ndarray:
        """Voice probabilities; the voices that only speak about care (person, carer, worker,
        professional) are scaled by the probability that the post is about care at all, so a
        family post off the topic ("Dad's car failed its MOT") is not a carer's."""
        proba = self.voice_.predict_proba(F)
        if not self.voice_by_relevance:
            return proba
        care = [j for j, c in enumerate(self.voice_.classes_) if c in CARE_VOICES]
        if not care or len(care) == len(self.voice_.classes_):
            return proba
        proba = proba.copy()
        proba[:, care] *= relevance[:, None]
        return proba / np.maximum(proba.sum(axis=1, keepdims=True), 1e-12)

    def _predict_parallel(self, texts: list[str], n_jobs: int) -> dict[str, np.ndarray]:
        global _FORKED
        size = -(-len(texts) // n_jobs)
        chunks = [texts[i:i + size] for i in range(0, len(texts), size)]
        _FORKED = self
        try:
            with mp.get_context("fork").Pool(n_jobs) as pool:
                results = pool.map(_forked_arrays, chunks)
        finally:
            _FORKED = None
        return {k: np.concatenate([r[k] for r in results]) for k in results[0]}

    def predict(self, texts: Sequence[str], n_jobs: int = 1) -> list[Prediction]:
        """One ``Prediction`` per text, in order. Batched: pass many texts at once."""
        a = self.predict_arrays(texts, n_jobs=n_jobs)
        relevant = a["relevance"] >= 0.5
        on = self.themes_.decide(a["themes"]).astype(bool) & relevant[:, None]
        theme_ids = self.theme_ids_
        # Rows with the same set of themes share one tuple, found by the set's bit pattern.
        bits = [1 << j for j in range(len(theme_ids))]
        masks = [sum(b for b, f in zip(bits, row, strict=True) if f) for row in on.tolist()] \
            if len(theme_ids) > 62 else (on @ np.array(bits, dtype=np.int64)).tolist()
        cache: dict[int, tuple[str, ...]] = {}
        for m in set(masks):
            cache[m] = tuple(t for t, b in zip(theme_ids, bits, strict=True) if m & b)
        se_cls = [str(c) for c in self.sentiment_.classes_]
        vo_cls = [str(c) for c in self.voice_.classes_]
        # Hundreds of thousands of small dicts: the cyclic collector would only slow this down
        # (none of them can form a cycle), so it is paused while they are built.
        paused = gc.isenabled()
        gc.disable()
        try:
            return self._assemble(relevant, a, theme_ids, cache, masks, se_cls, vo_cls)
        finally:
            if paused:
                gc.enable()

    @staticmethod
    def _assemble(relevant, a, theme_ids, cache, masks, se_cls, vo_cls) -> list[Prediction]:
        se_p, vo_p = a["sentiment"], a["voice"]
        return list(map(
            Prediction,
            relevant.tolist(),
            a["relevance"].round(4).tolist(),
            [cache[m] for m in masks],
            list(map(dict, map(zip, repeat(theme_ids), a["themes"].round(4).tolist()))),
            [se_cls[i] for i in se_p.argmax(axis=1).tolist()],
            list(map(dict, map(zip, repeat(se_cls), se_p.round(4).tolist()))),
            [vo_cls[i] for i in vo_p.argmax(axis=1).tolist()],
            list(map(dict, map(zip, repeat(vo_cls), vo_p.round(4).tolist()))),
        ))

    # --- persistence -----------------------------------------------------------------------
    def save(self, model_dir: str | Path) -> Path:
        """Write the models (skops) and a small JSON of metadata; atomic per file."""
        import skops.io as sio

        model_dir = Path(model_dir)
        model_dir.mkdir(parents=True, exist_ok=True)
        meta = {
            "format": FORMAT_VERSION, "version": self.version_, "sklearn": sklearn.__version__,
            "themes": list(self.theme_ids_), "n_trained": self.n_trained_,
            "seed_corpus": seed_corpus_id(),
        }
        with tempfile.NamedTemporaryFile(dir=model_dir, suffix=".tmp", delete=False) as fh:
            tmp = Path(fh.name)
        try:
            sio.dump(self, tmp)
            os.replace(tmp, model_dir / MODEL_FILE)
        finally:
            tmp.unlink(missing_ok=True)
        _write_atomic(model_dir / META_FILE, json.dumps(meta, indent=2) + "\n")
        return model_dir / MODEL_FILE

    @classmethod
    def load(cls, model_dir: str | Path) -> CareModels:
        """Load models saved by ``save``. Only this package's own types are trusted beyond skops'
        defaults; a file naming any other type is refused."""
        import skops.io as sio

        path = Path(model_dir) / MODEL_FILE
        try:
            untrusted = sio.get_untrusted_types(file=path)
            bad = [t for t in untrusted if not t.startswith(_TRUSTED_PREFIXES)]
            if bad:
                raise ModelError(f"{path} names types that are not trusted: {', '.join(bad)}")
            obj = sio.load(path, trusted=untrusted)
        except ModelError:
            raise
        except Exception as exc:  # skops raises many kinds on a damaged file
            raise ModelError(f"could not load models from {path}: {exc}") from exc
        if not isinstance(obj, cls):
            raise ModelError(f"{path} does not hold Groundswell models")
        return obj


_FORKED: CareModels | None = None


def _whole_post(label: dict) -> bool:
    """A record written as a whole post (hand-written seed posts, users' own labels, feedback),
    not composed by the corpus generator from fragments."""
    return label.get("source") == "handwritten" or "fragments" not in label


def _forked_arrays(texts: list[str]) -> dict[str, np.ndarray]:
    assert _FORKED is not None
    return _FORKED.predict_arrays(texts)


def _version(params: dict, texts: list[str], labels: list[dict]) -> str:
    h = hashlib.sha256()
    h.update(json.dumps(load_lexicon(), sort_keys=True).encode())
    h.update(json.dumps([sorted(w) for w in general_sentiment_words()]).encode())
    h.update(json.dumps({k: list(v) if isinstance(v, tuple) else v for k, v in params.items()},
                        sort_keys=True, default=str).encode())
    for t, lab in zip(texts, labels, strict=True):
        h.update(t.encode())
        h.update(json.dumps({k: lab.get(k) for k in ("relevant", "sentiment", "voice", "themes")},
                            sort_keys=True).encode())
    return f"{FORMAT_VERSION}.{h.hexdigest()[:12]}"


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def default_model_dir() -> Path:
    """``$GROUNDSWELL_MODEL_DIR``, else ``$XDG_CACHE_HOME/groundswell/models`` (``~/.cache``)."""
    env = os.environ.get("GROUNDSWELL_MODEL_DIR")
    if env:
        return Path(env)
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "groundswell" / "models"


def train_models(extra: list[dict] | None = None, themes: Sequence[str] | None = None,
                 seed: int = 0) -> CareModels:
    """Train on the seed corpus's train split plus ``extra`` labelled records (format in docs/architecture.md).

    Extra records may use theme ids outside the seed taxonomy when ``themes`` names them.
    """
    records = load_corpus("train")
    if extra:
        allowed = themes if themes is not None else DEFAULT_THEMES
        records += validate_records(extra, themes=allowed, where="extra labels")
    model = CareModels(themes=tuple(themes) if themes is not None else None, seed=seed)
    return model.fit([r["text"] for r in records], records)


def seed_corpus_id() -> str:
    """A short hash of the shipped training corpus, saved with models trained on it."""
    return hashlib.sha256(corpus_path("train").read_bytes()).hexdigest()[:12]


def compatible(meta: dict, themes: Sequence[str]) -> bool:
    """Whether saved models (their metadata) can serve this version and this taxonomy."""
    return (meta.get("format") == FORMAT_VERSION and meta.get("sklearn") == sklearn.__version__
            and meta.get("themes") == list(themes))


def load_models(model_dir: Path | None = None, themes: Sequence[str] | None = None) -> CareModels:
    """Saved models from ``model_dir`` when compatible; otherwise train from the seed corpus
    (offline, a few seconds) and save them there for next time."""
    model_dir = Path(model_dir) if model_dir is not None else default_model_dir()
    wanted = list(themes) if themes is not None else list(DEFAULT_THEMES)
    meta_path = model_dir / META_FILE
    if meta_path.exists():
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            meta = {}
        if compatible(meta, wanted):
            try:
                models = CareModels.load(model_dir)
            except ModelError as exc:
                log.warning("retraining: %s", exc)
            else:
                if meta.get("seed_corpus") != seed_corpus_id():
                    log.warning("the models in %s were trained on an older seed corpus; "
                                "`groundswell train` retrains them on this release's corpus "
                                "(with your labelled files and feedback)", model_dir)
                return models
        else:
            log.info("saved models in %s are for another version or taxonomy; retraining", model_dir)
    models = train_models(themes=themes)
    try:
        models.save(model_dir)
    except OSError as exc:
        log.warning("could not save models to %s: %s", model_dir, exc)
    return models

