"""Care-aware models: estimator conventions, determinism, persistence, evaluation, the corpus."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.utils.estimator_checks import parametrize_with_checks

import groundswell.models as gm
from groundswell.models import (
    DEFAULT_THEMES,
    CareFeaturizer,
    CareModels,
    LabelError,
    LinearHead,
    ModelError,
    MultiLabelHead,
    Prediction,
    confusion,
    evaluate,
    load_corpus,
    load_models,
    predict_labels,
    train_models,
)
from groundswell.models._care import compatible, seed_corpus_id
from groundswell.models._corpus import SPLITS
from groundswell.models._features import analyze
from groundswell.posts import jaccard, shingles

# MultiLabelHead takes a 2-D indicator y; the generic checks that feed it 1-D class labels
# cannot apply, so they are listed as expected failures with the reason.
_MULTI_LABEL_ONLY = "MultiLabelHead takes a 2-D indicator matrix y, not 1-D class labels"
_ONE_D_CHECKS = (
    "check_classifiers_train", "check_classifiers_classes", "check_classifiers_one_label",
    "check_classifiers_regression_target", "check_estimator_sparse_array",
    "check_estimator_sparse_matrix", "check_classifiers_one_label_sample_weights",
    "check_class_weight_classifiers",
)


def _expected_failures(estimator):
    if isinstance(estimator, MultiLabelHead):
        return dict.fromkeys(_ONE_D_CHECKS, _MULTI_LABEL_ONLY)
    return {}


@parametrize_with_checks([LinearHead(), LinearHead(nb_weight=0.5), MultiLabelHead()],
                         expected_failed_checks=_expected_failures)
def test_sklearn_compatible_heads(estimator, check):
    check(estimator)


@pytest.fixture(scope="module")
def models() -> CareModels:
    return train_models()


def test_public_surface_is_sorted_and_complete() -> None:
    assert gm.__all__ == sorted(gm.__all__, key=lambda n: (not n.isupper(), n))
    for name in ("load_models", "train_models", "evaluate", "CareModels", "Prediction"):
        assert name in gm.__all__
        assert hasattr(gm, name)


def test_multilabel_head_learns_indicator_targets() -> None:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 5))
    Y = np.column_stack([(X[:, 0] > 0), (X[:, 1] > 0), np.zeros(200)]).astype(int)
    head = MultiLabelHead(threshold=0.5).fit(X, Y)
    assert head.predict_proba(X).shape == (200, 3)
    assert (head.predict(X)[:, :2] == Y[:, :2]).mean() > 0.9
    assert head.predict(X)[:, 2].sum() == 0  # a label never seen in training stays off
    with pytest.raises(ValueError, match="2-D"):
        head.fit(X, Y[:, 0])


def test_featuriser_follows_conventions_and_matches_reference() -> None:
    texts = [r["text"] for r in load_corpus("train")[:400]]
    feat = CareFeaturizer(min_df=1, prefix=5, lexicon_weight=2.0)
    assert clone(feat).get_params() == feat.get_params()
    assert feat.fit(texts) is feat
    names = feat.get_feature_names_out()
    X = feat.transform(texts)
    assert X.shape == (400, len(names))
    # The vectorised featuriser computes exactly the features, with their counts, that the
    # reference analyser names.
    doc, keys = feat._keys(texts)
    cols = np.searchsorted(feat.keys_, keys)
    for i, text in enumerate(texts):
        assert Counter(names[cols[doc == i]].tolist()) == Counter(analyze(text, 5)), text
        assert set(names[X[i].indices]) == set(analyze(text, 5))
    np.testing.assert_allclose(np.asarray(X.multiply(X).sum(axis=1)).ravel(), 1.0)
    with pytest.raises(ValueError):
        feat.transform("one string is not a batch")


def test_negation_flips_sentiment_words() -> None:
    assert "__negpos__" in analyze("The carers were not good at all")
    assert "__pos__" in analyze("The carers were good. Not what I expected")
    assert "__cneg__" in analyze("Mum was left without a shower for three weeks")
    assert "__sarc__" in analyze("Oh great, another missed visit. Thanks for nothing")
    late = analyze("The staff are lovely but the fees are crippling and nobody listens")
    assert "__after_neg__" in late and "__after_pos__" not in late


def test_training_twice_gives_the_same_model(models: CareModels) -> None:
    again = train_models()
    assert again.version == models.version
    np.testing.assert_array_equal(again.featurizer_.keys_, models.featurizer_.keys_)
    np.testing.assert_array_equal(again.themes_.coef_, models.themes_.coef_)
    np.testing.assert_array_equal(again.sentiment_.estimator_.coef_, models.sentiment_.estimator_.coef_)
    texts = [r["text"] for r in load_corpus("test")[:50]]
    assert again.predict(texts) == models.predict(texts)


def test_save_and_load_predict_the_same(models: CareModels, tmp_path: Path) -> None:
    models.save(tmp_path)
    meta = json.loads((tmp_path / "care_models.json").read_text())
    assert meta["version"] == models.version and meta["themes"] == list(DEFAULT_THEMES)
    loaded = CareModels.load(tmp_path)
    texts = [r["text"] for r in load_corpus("unseen")[:60]]
    assert loaded.version == models.version
    assert loaded.predict(texts) == models.predict(texts)
    # load_models reuses a compatible folder rather than retraining
    before = (tmp_path / "care_models.skops").stat().st_mtime_ns
    assert load_models(tmp_path).version == models.version
    assert (tmp_path / "care_models.skops").stat().st_mtime_ns == before


def test_models_from_an_older_seed_corpus_load_with_a_warning(
    models: CareModels, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    models.save(tmp_path)
    meta_path = tmp_path / "care_models.json"
    meta = json.loads(meta_path.read_text())
    assert meta["seed_corpus"] == seed_corpus_id()
    with caplog.at_level("WARNING", logger="groundswell.models._care"):
        load_models(tmp_path)
    assert "older seed corpus" not in caplog.text
    meta_path.write_text(json.dumps({**meta, "seed_corpus": "0" * 12}))
    with caplog.at_level("WARNING", logger="groundswell.models._care"):
        assert load_models(tmp_path).version == models.version  # kept: the user's own training
    assert "older seed corpus" in caplog.text and "groundswell train" in caplog.text


def test_damaged_or_incompatible_models_are_retrained(models: CareModels, tmp_path: Path) -> None:
    models.save(tmp_path)
    (tmp_path / "care_models.skops").write_bytes(b"not a model")
    with pytest.raises(ModelError):
        CareModels.load(tmp_path)
    assert load_models(tmp_path).version == models.version  # retrained and saved again
    assert CareModels.load(tmp_path).version == models.version
    meta = json.loads((tmp_path / "care_models.json").read_text())
    assert compatible(meta, DEFAULT_THEMES)
    assert not compatible({**meta, "format": "0"}, DEFAULT_THEMES)
    assert not compatible({**meta, "sklearn": "0.1"}, DEFAULT_THEMES)
    assert not compatible(meta, [*DEFAULT_THEMES, "housing"])


def test_prediction_shape_and_care_sense(models: CareModels) -> None:
    texts = [
        "My mum has been left in the care home for three weeks without a shower",
        "Take care everyone, see you after the holidays!",
        "New skincare routine is amazing, my skin has never looked better",
        "The reablement team were brilliant and Dad is walking again",
        "Does anyone know how long a CHC assessment takes?",
    ]
    preds = models.predict(texts)
    assert all(isinstance(p, Prediction) for p in preds)
    with pytest.raises(dataclasses.FrozenInstanceError):
        preds[0].relevant = False  # type: ignore[misc]
    first = preds[0]
    assert first.relevant and first.sentiment == "negative"
    assert "care_homes" in first.themes
    assert set(first.theme_scores) == set(DEFAULT_THEMES)
    assert set(first.sentiment_scores) == {"negative", "neutral", "positive"}
    assert abs(sum(first.voice_scores.values()) - 1) < 1e-3
    assert not preds[1].relevant and preds[1].themes == ()
    assert not preds[2].relevant
    assert preds[3].sentiment == "positive"
    assert preds[4].sentiment == "neutral"
    assert models.predict([]) == []


def test_evaluate_reports_only_the_labels_present(models: CareModels) -> None:
    recs = load_corpus("test")[:120]
    full = evaluate(models, recs)
    assert set(full) == {"n", "relevance", "sentiment", "themes", "voice"}
    assert set(full["themes"]) == {"micro_f1", "macro_f1"}
    assert set(full["sentiment"]) == {"macro_f1", "macro_recall"}
    only_sentiment = evaluate(models, [{"text": r["text"], "sentiment": r["sentiment"]} for r in recs])
    assert set(only_sentiment) == {"n", "sentiment"}
    assert evaluate(models, []) == {"n": 0}


def test_replaceable_taxonomy_and_extra_labels() -> None:
    themes = [*DEFAULT_THEMES, "housing"]
    extra = [
        {"id": f"h{i}", "text": text, "relevant": True, "sentiment": "negative", "voice": "person",
         "themes": ["housing"]}
        for i, text in enumerate([
            "The council housing adaptation for my wheelchair has taken two years",
            "Still waiting for a ground floor flat, I can't manage the stairs with my carers",
            "Supported housing scheme closing and nobody can say where we will live",
            "Housing officer says the adapted bungalow list is eighteen months long",
        ] * 3)
    ]
    custom = train_models(extra=extra, themes=themes)
    pred = custom.predict(["Waiting two years for a housing adaptation so my carers can use a hoist"])[0]
    assert "housing" in pred.theme_scores
    assert custom.theme_ids_ == tuple(themes)
    with pytest.raises(LabelError, match="unknown theme"):
        train_models(extra=[{"text": "x", "themes": ["nope"]}])


def test_label_files_are_validated(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine", "sentiment": "furious"}\n')
    with pytest.raises(LabelError, match="sentiment"):
        gm.read_labelled(bad)
    bad.write_text("{not json}\n")
    with pytest.raises(LabelError, match=":1:"):
        gm.read_labelled(bad)


def test_seed_corpus_is_complete_and_split_once() -> None:
    train, test = load_corpus("train"), load_corpus("test")
    assert len(train) + len(test) >= 2000
    for rec in train + test:
        assert {"id", "text", "relevant", "sentiment", "voice", "themes"} <= set(rec)
        assert (len(rec["themes"]) > 0) == rec["relevant"]
        assert set(rec["themes"]) <= set(DEFAULT_THEMES)
    ids = [r["id"] for r in train + test]
    assert len(ids) == len(set(ids))
    # Test posts are written from fragments the train split never saw.
    assert not {r["group"] for r in train} & {r["group"] for r in test}
    # Every whole post is a group of its own, across all the writers' files.
    whole = [r["group"] for r in train if r.get("source") == "handwritten"]
    assert len(whole) == len(set(whole)) >= 6000
    assert not {r["text"] for r in train} & {r["text"] for r in test}
    unseen, general = load_corpus("unseen"), load_corpus("general_sentiment")
    assert sum(r["relevant"] for r in unseen) >= 150
    assert len(general) >= 200 and all("relevant" not in r for r in general)
    assert not {r["text"] for r in unseen} & {r["text"] for r in train}
    blind = load_corpus("blind")
    assert sum(r["relevant"] for r in blind) >= 100
    assert not {r["text"] for r in blind} & ({r["text"] for r in train} | {r["text"] for r in unseen})
    fresh = load_corpus("fresh")
    assert len(fresh) >= 200 and sum(r["relevant"] for r in fresh) >= 150
    assert all((len(r["themes"]) > 0) == r["relevant"] for r in fresh)
    earlier = {r["text"] for r in train + test + unseen + blind}
    assert not {r["text"] for r in fresh} & earlier
    # The holdout sets were written by writers who read none of the rest; nothing the models
    # learn from or are tested on is a copy or a near copy of them (word-bigram Jaccard 0.6, the
    # store's own near-duplicate rule).
    holdout = [r for s in SPLITS if s.startswith("holdout") for r in load_corpus(s)]
    assert len(holdout) >= 3400 and sum(r["relevant"] for r in holdout) >= 2700
    assert all((len(r["themes"]) > 0) == r["relevant"] for r in holdout)
    assert len({r["id"] for r in holdout}) == len(holdout)
    seen = [shingles(r["text"]) for r in train + test]
    having: dict[str, list[int]] = {}
    for i, sh in enumerate(seen):
        for g in sh:
            having.setdefault(g, []).append(i)
    near = []
    for r in holdout:
        mine = shingles(r["text"])
        shared = Counter(i for g in mine for i in having.get(g, ()))
        if any(jaccard(mine, seen[i]) >= 0.6 for i, n in shared.items() if n >= 0.6 * len(mine)):
            near.append(r["id"])
    assert near == []


def test_confusion_agrees_with_the_scores(models: CareModels) -> None:
    recs = load_corpus("test")[:200]
    matrices, wrong = confusion(models, recs)
    pred = predict_labels(models, recs)
    # Rows are the truth: each row sums to that class's count; the diagonal is what is right.
    sent = np.array(matrices["sentiment"]["matrix"])
    labels = matrices["sentiment"]["labels"]
    for i, label in enumerate(labels):
        assert sent[i].sum() == sum(r["sentiment"] == label for r in recs)
    assert np.trace(sent) == sum(p["sentiment"] == r["sentiment"] for p, r in zip(pred, recs, strict=True))
    rel = np.array(matrices["relevance"]["matrix"])
    assert rel.sum() == len(recs) and rel[0].sum() == sum(r["relevant"] for r in recs)
    assert sum(np.array(matrices["voice"]["matrix"]).diagonal()) == sum(
        p["voice"] == r["voice"] for p, r in zip(pred, recs, strict=True))
    assert set(matrices["themes"]["f1"]) <= set(DEFAULT_THEMES)
    # Every post with a wrong label is listed once, with only its wrong labels under "predicted".
    right = [r for r, p in zip(recs, pred, strict=True)
             if all(r[k] == p[k] for k in ("relevant", "sentiment", "voice"))
             and (not r["relevant"] or set(r["themes"]) == set(p["themes"]))]
    assert len(wrong) + len(right) == len(recs) and 0 < len(wrong) < len(recs)
    for w in wrong:
        assert w["predicted"] and all(w[k] != v if k != "themes" else set(w[k]) != set(v)
                                      for k, v in w["predicted"].items())
