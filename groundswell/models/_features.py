"""The shared text featuriser: word n-grams, word-prefix character grams and care-lexicon marks.

One pass of pure-Python analysis per post feeds every head, so the four heads together stay
well ahead of VADER's speed. The analyser emits, for each post:

- word unigrams and bigrams (hashtags, emoji, ``?`` and ``!`` are tokens too);
- character prefixes of longer words (``~carin`` for "caring", "carin'", "caringly"), which
  catch inflections and many typos without the cost of full character n-grams;
- lexicon marks from ``data/models/lexicon.json``: ``__pos__`` / ``__neg__`` for sentiment words,
  flipped to ``__negpos__`` / ``__negneg__`` inside a negation's scope, ``__cneg__`` / ``__cpos__``
  for care phrases ("left without", "missed visit", "same carers"), ``__sarc__`` for sarcasm cues
  ("love how", "thanks for nothing"), ``__t_<theme>__`` for each default theme's keywords,
  ``__v_<voice>__`` for cues of who is speaking ("my shift", "my carers", "join us"),
  and shape marks for questions, headlines and first person.

Counts become sublinear TF-IDF rows, L2-normalised, like ``TfidfVectorizer(sublinear_tf=True)``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from itertools import chain, repeat

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

TOKEN_RE = re.compile(
    r"[a-z0-9£][a-z0-9'£\-]*[a-z0-9]|[a-z0-9£]|[#@][a-z0-9_]+|[?!.,;:]"
    r"|[\U0001F300-\U0001FAFF\u2600-\u27BF]"
)
_PHRASE_KEYS = {
    "care_negative_phrases": "__cneg__",
    "care_positive_phrases": "__cpos__",
    "sarcasm_phrases": "__sarc__",
    "question_phrases": "__q__",
}
_WORD_KEYS = {
    "relatives": "__rel__",
    "worker_words": "__work__",
    "care_words": "__care__",
    "org_words": "__org__",
    "first_person": "__fp__",
    "intensifiers": "__int__",
}
_POS_EMOJI = set("❤😊😍👍🙏🎉😂😄🥰💪👏🌟☺")
_NEG_EMOJI = set("😡😞😭😢🤬👎😠😩😤💔")


@lru_cache(maxsize=1)
def load_lexicon() -> dict[str, list[str]]:
    """The care-aware lexicon shipped as package data."""
    path = resources.files("groundswell") / "data" / "models" / "lexicon.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _tokens(text: str) -> list[str]:
    return TOKEN_RE.findall(text.lower().replace("\u2019", "'"))


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], frozenset[str]]:
    """Token → marks (with negation handled by the caller), phrase → mark, trigram heads."""
    lex = load_lexicon()
    words: dict[str, list[str]] = {}
    for w in lex["negators"]:
        words.setdefault(w, []).append("NEG")
    for w in lex["positive_words"]:
        words.setdefault(w, []).append("POS")
    for w in lex["negative_words"]:
        words.setdefault(w, []).append("NGV")
    for w in ".,;:!?":
        words.setdefault(w, []).append("STOP")
    for e in _POS_EMOJI:
        words.setdefault(e, []).append("__pos__")
    for e in _NEG_EMOJI:
        words.setdefault(e, []).append("__neg__")
    for key, mark in _WORD_KEYS.items():
        for w in lex[key]:
            words.setdefault(w, []).append(mark)
    found: dict[str, list[str]] = {}
    for key, mark in _PHRASE_KEYS.items():
        for p in lex[key]:
            found.setdefault(" ".join(_tokens(p)), []).append(mark)
    for theme, keywords in lex.get("theme_keywords", {}).items():
        for p in keywords:
            found.setdefault(" ".join(_tokens(p)), []).append(f"__t_{theme}__")
    for voice, cues in lex.get("voice_cues", {}).items():
        for p in cues:
            found.setdefault(" ".join(_tokens(p)), []).append(f"__v_{voice}__")
    phrases = {p: tuple(m) for p, m in found.items() if p}
    heads = frozenset(" ".join(p.split(" ")[:2]) for p in phrases if p.count(" ") == 2)
    return {w: tuple(m) for w, m in words.items()}, phrases, heads


def analyze(text: str, prefix: int = 5) -> list[str]:
    """Features of one post, as strings; repeated features count more than once."""
    words, phrases, heads = _tables()
    toks = _tokens(text)
    bigrams = [a + " " + b for a, b in zip(toks, toks[1:], strict=False)]
    feats = toks + bigrams
    if prefix:
        feats += ["~" + t[:prefix] for t in toks if len(t) > prefix]
    # Only the tokens the lexicon knows are visited; a negator's scope is the next four tokens
    # and ends at punctuation.
    last_neg = -99
    for i, marks in [(i, words[t]) for i, t in enumerate(toks) if t in words]:
        for m in marks:
            if m == "NEG":
                last_neg = i
            elif m == "STOP":
                last_neg = -99
            elif m == "POS":
                feats.append("__negpos__" if i - last_neg <= 4 else "__pos__")
            elif m == "NGV":
                feats.append("__negneg__" if i - last_neg <= 4 else "__neg__")
            else:
                feats.append(m)
    for marks in [phrases[g] for g in bigrams if g in phrases]:
        feats += marks
    for marks in [phrases[t] for t in toks if t in phrases]:
        feats += marks
    for i in [i for i, g in enumerate(bigrams) if g in heads]:
        if i + 2 < len(toks):
            marks = phrases.get(bigrams[i] + " " + toks[i + 2])
            if marks:
                feats += marks
    end = text.rstrip()[-1:]
    feats.append("__end_q__" if end == "?" else "__end_x__" if end == "!" else
                 "__end_dot__" if end == "." else "__end_none__")
    feats.append(_LEN_MARKS[min(len(toks) // 8, 6)])
    return feats


_STOPS = frozenset(".,;:!?")
_LEN_MARKS = tuple(f"__len{i}__" for i in range(7))


class CareFeaturizer(TransformerMixin, BaseEstimator):
    """Text → sparse TF-IDF rows over word n-grams, word prefixes and care-lexicon marks.

    Parameters
    ----------
    min_df : int
        Keep features seen in at least this many training posts.
    prefix : int
        Length of the word-prefix character grams (0 turns them off).
    lexicon_weight : float
        Multiplier on the lexicon-mark columns after TF-IDF, before normalisation.
    """

    def __init__(self, min_df: int = 2, prefix: int = 5, lexicon_weight: float = 1.0):
        self.min_df = min_df
        self.prefix = prefix
        self.lexicon_weight = lexicon_weight

    def fit(self, X: Iterable[str], y=None) -> CareFeaturizer:
        docs = [analyze(t, self.prefix) for t in _as_texts(X)]
        df: dict[str, int] = {}
        for feats in docs:
            for f in set(feats):
                df[f] = df.get(f, 0) + 1
        kept = sorted(f for f, c in df.items() if c >= self.min_df)
        self.vocabulary_ = {f: i for i, f in enumerate(kept)}
        n = len(docs)
        dfs = np.array([df[f] for f in kept], dtype=np.float64)
        self.idf_ = np.log((1 + n) / (1 + dfs)) + 1.0
        weights = np.ones(len(kept))
        for i, f in enumerate(kept):
            if f.startswith("__"):
                weights[i] = self.lexicon_weight
        self.column_weight_ = self.idf_ * weights
        self.n_features_out_ = len(kept)
        return self

    def transform(self, X: Iterable[str]) -> sp.csr_matrix:
        check_is_fitted(self, "vocabulary_")
        vocab = self.vocabulary_
        docs = [analyze(text, self.prefix) for text in _as_texts(X)]
        lengths = np.fromiter(map(len, docs), dtype=np.int64, count=len(docs))
        flat = list(chain.from_iterable(docs))
        ids = np.fromiter(map(vocab.get, flat, repeat(-1)), dtype=np.int64, count=len(flat))
        keep = ids >= 0
        doc_of = np.repeat(np.arange(len(docs)), lengths)[keep]
        indptr = np.zeros(len(docs) + 1, dtype=np.int64)
        np.cumsum(np.bincount(doc_of, minlength=len(docs)), out=indptr[1:])
        indices = ids[keep].astype(np.int32)
        n = len(docs)
        data = np.ones(len(indices), dtype=np.float64)
        m = sp.csr_matrix((data, indices, indptr), shape=(n, self.n_features_out_))
        m.sum_duplicates()
        m.data = (1.0 + np.log(m.data)) * self.column_weight_[m.indices]
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sp.csr_matrix(sp.diags(1.0 / norms) @ m)

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        check_is_fitted(self, "vocabulary_")
        names = np.empty(len(self.vocabulary_), dtype=object)
        for f, i in self.vocabulary_.items():
            names[i] = f
        return names

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        return tags


def _as_texts(X: Iterable[str]) -> list[str]:
    if isinstance(X, str):
        raise ValueError("CareFeaturizer expects an iterable of texts, not one string")
    return [x if isinstance(x, str) else str(x) for x in X]
