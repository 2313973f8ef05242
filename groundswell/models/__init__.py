"""Care-aware models: relevance, themes, sentiment, voice, and the weekly emerging movements.

The rest of Groundswell calls only the names below::

    models = load_models(config.model_dir, themes=config.taxonomy.themes)
    for pred in models.predict(texts): ...

``groundswell.models.movements.detect_movements`` finds the week's emerging movements.
"""

from ..config import DEFAULT_THEMES
from ..errors import LabelError, ModelError
from ._care import CareModels, Prediction, default_model_dir, load_models, train_models
from ._corpus import (
    SENTIMENTS,
    VOICES,
    corpus_path,
    load_corpus,
    read_labelled,
)
from ._evaluate import confusion, evaluate, predict_labels, vader_evaluate
from ._features import CareFeaturizer
from ._heads import LinearHead, MultiLabelHead

__all__ = [
    "DEFAULT_THEMES",
    "SENTIMENTS",
    "VOICES",
    "CareFeaturizer",
    "CareModels",
    "LabelError",
    "LinearHead",
    "ModelError",
    "MultiLabelHead",
    "Prediction",
    "confusion",
    "corpus_path",
    "default_model_dir",
    "evaluate",
    "load_corpus",
    "load_models",
    "predict_labels",
    "read_labelled",
    "train_models",
    "vader_evaluate",
]
