"""The shared text featuriser: word n-grams, word-prefix character grams and care-lexicon marks.

One featuriser feeds every head. ``analyze`` states, for one post and in plain Python, what the
features are; ``CareFeaturizer`` computes the same features for a whole batch with numpy (a test
holds the two to each other), fast enough for all four heads to run well ahead of VADER:

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
from collections.abc import Iterable, Sequence
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
_BATCH_TOKEN_RE = re.compile("\0|" + TOKEN_RE.pattern)
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


# Words whose everyday sentiment misleads in care talk: a general lexicon scores them positive.
_CARE_NEUTRAL = frozenset(
    "care cares cared caring support supports supported supporting help helps helped helping "
    "free like pay well please home homes visit visits assessment benefit benefits".split()
)


@lru_cache(maxsize=1)
def general_sentiment_words() -> tuple[frozenset[str], frozenset[str]]:
    """Positive and negative words: this project's lexicon, widened with VADER's general word
    list (its ±1.0 valence words; not its scoring) when vaderSentiment is installed, less the
    words that mislead in care talk ("care", "support", "help")."""
    lex = load_lexicon()
    pos, neg = set(lex["positive_words"]), set(lex["negative_words"])
    try:
        text = (resources.files("vaderSentiment") / "vader_lexicon.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        text = ""
    skip = _CARE_NEUTRAL | set(lex["negators"])
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].isalpha() or parts[0] in skip:
            continue
        valence = float(parts[1])
        if valence >= 1.0 and parts[0] not in neg:
            pos.add(parts[0])
        elif valence <= -1.0 and parts[0] not in pos:
            neg.add(parts[0])
    return frozenset(pos), frozenset(neg)


def _tokens(text: str) -> list[str]:
    return TOKEN_RE.findall(text.lower().replace("\u2019", "'"))


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], frozenset[str]]:
    """Token → marks (with negation handled by the caller), phrase → mark, trigram heads."""
    lex = load_lexicon()
    words: dict[str, list[str]] = {}
    for w in lex["negators"]:
        words.setdefault(w, []).append("NEG")
    positive, negative = general_sentiment_words()
    for w in sorted(positive):
        words.setdefault(w, []).append("POS")
    for w in sorted(negative):
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
    for p, ms in list(found.items()):
        if p and " " not in p:  # one-word phrases are marks of that word
            words.setdefault(p, []).extend(ms)
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
    # and ends at punctuation. After a contrast word ("but", "still"), sentiment also counts
    # as ``__after_pos__`` / ``__after_neg__``: what follows "but" usually carries the verdict.
    cons = [i for i, t in enumerate(toks) if t in _CONTRAST]
    first_con = cons[0] if cons else len(toks)
    late: list[str] = []
    last_neg = -99
    for i, marks in [(i, words[t]) for i, t in enumerate(toks) if t in words]:
        for m in marks:
            if m == "NEG":
                last_neg = i
            elif m == "STOP":
                last_neg = -99
            elif m in ("POS", "NGV"):
                negated = i - last_neg <= 4
                mark = ("__negpos__" if negated else "__pos__") if m == "POS" else (
                    "__negneg__" if negated else "__neg__")
                feats.append(mark)
                if i > first_con:
                    late.append(_AFTER[mark])
            else:
                feats.append(m)
                if i > first_con and m in _AFTER:
                    late.append(_AFTER[m])
    found = [(i, phrases[g]) for i, g in enumerate(bigrams) if g in phrases]
    found += [(i, phrases[bigrams[i] + " " + toks[i + 2]])
              for i, g in enumerate(bigrams) if g in heads and i + 2 < len(toks)
              and bigrams[i] + " " + toks[i + 2] in phrases]
    for i, marks in found:
        feats += marks
        if i > first_con:
            late += [_AFTER[m] for m in marks if m in _AFTER]
    feats += late
    end = text.rstrip()[-1:]
    feats.append("__end_q__" if end == "?" else "__end_x__" if end == "!" else
                 "__end_dot__" if end == "." else "__end_none__")
    feats.append(_LEN_MARKS[min(len(toks) // 8, 6)])
    feats.append(_SPEAKER_MARKS[_speaker(toks)])
    return feats


def _speaker(toks: Sequence[str]) -> int:
    """Who the post speaks as: 0 "I", 1 "we" (and no "I"), 2 neither (a report, a headline)."""
    if any(t in _FIRST_SINGULAR for t in toks):
        return 0
    return 1 if any(t in _FIRST_PLURAL for t in toks) else 2


_STOPS = frozenset(".,;:!?")
_CONTRAST = frozenset({"but", "however", "still", "though", "yet", "although", "nevertheless"})
_AFTER = {"__pos__": "__after_pos__", "__negneg__": "__after_pos__", "__cpos__": "__after_pos__",
          "__neg__": "__after_neg__", "__negpos__": "__after_neg__", "__cneg__": "__after_neg__"}
_LEN_MARKS = tuple(f"__len{i}__" for i in range(7))
_SPEAKER_MARKS = ("__speak_i__", "__speak_we__", "__speak_none__")
_FIRST_SINGULAR = frozenset({"i", "i'm", "i've", "i'd", "i'll", "im", "ive", "my", "me", "mine", "myself"})
_FIRST_PLURAL = frozenset({"we", "we're", "we've", "we'd", "we'll", "our", "ours", "us", "ourselves"})


class CareFeaturizer(TransformerMixin, BaseEstimator):
    """Text → sparse TF-IDF rows over word n-grams, word prefixes and care-lexicon marks.

    The features are those of ``analyze``, computed for a whole batch at once with numpy: each
    post is tokenised by one regular expression, tokens become integer ids, and bigrams,
    prefixes, negation scopes and lexicon marks are array operations over the batch. Lexicon
    tables are copied into the fitted featuriser, so a saved model does not depend on the
    lexicon file it was trained with.

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

    # --- fitting ---------------------------------------------------------------------------
    def fit(self, X: Iterable[str], y=None) -> CareFeaturizer:
        texts = _as_texts(X)
        words, phrases, _heads = _tables()
        toks = [_tokens(t) for t in texts]
        vocab = set(chain.from_iterable(toks)) | set(words) | _FIRST_SINGULAR | _FIRST_PLURAL
        for p in phrases:
            vocab.update(p.split(" "))
        self.tokens_ = sorted(vocab)
        self.token_index_ = {t: i for i, t in enumerate(self.tokens_)}
        n_tok = len(self.tokens_)
        marks = sorted({m for ms in words.values() for m in ms if m not in _CONTROL}
                       | {m for ms in phrases.values() for m in ms}
                       | {"__pos__", "__neg__", "__negpos__", "__negneg__", "__after_pos__",
                          "__after_neg__"}
                       | set(_END_MARKS) | set(_LEN_MARKS) | set(_SPEAKER_MARKS))
        self.marks_ = marks
        mark_id = {m: i for i, m in enumerate(marks)}
        self.is_neg_ = np.zeros(n_tok, dtype=bool)
        self.is_stop_ = np.zeros(n_tok, dtype=bool)
        self.is_pos_ = np.zeros(n_tok, dtype=bool)
        self.is_ngv_ = np.zeros(n_tok, dtype=bool)
        self.is_con_ = np.array([t in _CONTRAST for t in self.tokens_], dtype=bool)
        self.is_i_ = np.array([t in _FIRST_SINGULAR for t in self.tokens_], dtype=bool)
        self.is_we_ = np.array([t in _FIRST_PLURAL for t in self.tokens_], dtype=bool)
        after = np.full(len(marks), -1, dtype=np.int64)
        for src, dst in _AFTER.items():
            after[mark_id[src]] = mark_id[dst]
        self.after_of_ = after
        rows: list[list[int]] = [[] for _ in range(n_tok)]
        for w, ms in words.items():
            i = self.token_index_[w]
            for m in ms:
                if m == "NEG":
                    self.is_neg_[i] = True
                elif m == "STOP":
                    self.is_stop_[i] = True
                elif m == "POS":
                    self.is_pos_[i] = True
                elif m == "NGV":
                    self.is_ngv_[i] = True
                else:
                    rows[i].append(mark_id[m])
        self.tok_mark_ptr_, self.tok_mark_ids_ = _csr(rows)
        self.bi_keys_, self.bi_mark_ptr_, self.bi_mark_ids_ = self._phrase_table(phrases, 2, mark_id)
        self.tri_keys_, self.tri_mark_ptr_, self.tri_mark_ids_ = self._phrase_table(phrases, 3,
                                                                                   mark_id)
        prefixes = sorted({"~" + t[:self.prefix] for t in vocab
                           if self.prefix and len(t) > self.prefix})
        self.prefixes_ = prefixes
        self.prefix_index_ = {p: i for i, p in enumerate(prefixes)}
        self.prefix_of_ = np.array(
            [self.prefix_index_.get("~" + t[:self.prefix], -1)
             if self.prefix and len(t) > self.prefix else -1 for t in self.tokens_],
            dtype=np.int64)

        doc, keys = self._keys(texts)
        uniq, inv = np.unique(keys, return_inverse=True)
        pairs = np.unique(doc * len(uniq) + inv)
        df = np.bincount(pairs % len(uniq), minlength=len(uniq))
        kept = df >= self.min_df
        self.keys_ = uniq[kept]
        n = len(texts)
        self.idf_ = np.log((1 + n) / (1 + df[kept])) + 1.0
        is_mark = (self.keys_ % 4) == _NS_MARK
        self.column_weight_ = self.idf_ * np.where(is_mark, self.lexicon_weight, 1.0)
        self.n_features_out_ = len(self.keys_)
        # Dense key → column maps for the namespaces with small id spaces; bigrams use
        # binary search over the kept bigram keys.
        cols = np.arange(len(self.keys_), dtype=np.int64)
        ns, val = self.keys_ % 4, self.keys_ // 4
        self.col_of_ = {}
        for space, size in ((_NS_WORD, n_tok), (_NS_PREFIX, len(prefixes)),
                            (_NS_MARK, len(marks))):
            dense = np.full(size, -1, dtype=np.int64)
            dense[val[ns == space]] = cols[ns == space]
            self.col_of_[space] = dense
        self.bigram_keys_ = val[ns == _NS_BIGRAM]
        self.bigram_cols_ = cols[ns == _NS_BIGRAM]
        return self

    def _phrase_table(self, phrases, n_words, mark_id):
        n_tok = len(self.tokens_)
        items = []
        for p, ms in phrases.items():
            parts = p.split(" ")
            if len(parts) != n_words:
                continue
            key = 0
            for part in parts:
                key = key * n_tok + self.token_index_[part]
            items.append((key, sorted(mark_id[m] for m in ms)))
        items.sort()
        keys = np.array([k for k, _ in items], dtype=np.int64)
        ptr, ids = _csr([ms for _, ms in items])
        return keys, ptr, ids

    # --- the batch encoder -----------------------------------------------------------------
    def _keys(self, texts: list[str]):
        """(doc index, feature key) for every feature occurrence in the batch."""
        n_tok = len(self.tokens_)
        # One regular-expression pass over the whole batch, posts separated by NUL.
        big = "\0".join(t.replace("\0", " ") for t in texts).lower().replace("\u2019", "'")
        all_toks = _BATCH_TOKEN_RE.findall(big)
        lookup = dict(self.token_index_)
        lookup["\0"] = -2
        all_ids = np.fromiter(map(lookup.get, all_toks, repeat(-1)), dtype=np.int64,
                              count=len(all_toks))
        sep = all_ids == -2
        where = np.flatnonzero(~sep)
        ids = all_ids[where]
        doc = np.cumsum(sep)[where]
        lengths = np.bincount(doc, minlength=len(texts))
        known = ids >= 0
        out_doc, out_key = [], []

        def emit(d, k, ns):
            out_doc.append(d)
            out_key.append(k * 4 + ns)

        emit(doc[known], ids[known], _NS_WORD)
        same = doc[1:] == doc[:-1]
        both = same & known[1:] & known[:-1]
        bi = ids[:-1][both] * n_tok + ids[1:][both]
        emit(doc[:-1][both], bi, _NS_BIGRAM)
        if self.prefix:
            pre = np.where(known, self.prefix_of_[np.where(known, ids, 0)], -1)
            unknown = np.flatnonzero(~known)
            if len(unknown):
                pget = self.prefix_index_.get
                n = self.prefix
                words = [all_toks[i] for i in where[unknown].tolist()]
                pre[unknown] = [pget("~" + w[:n], -1) if len(w) > n else -1 for w in words]
            has = pre >= 0
            emit(doc[has], pre[has], _NS_PREFIX)
        pos = np.arange(len(ids))
        first = np.ones(len(ids), dtype=bool)
        first[1:] = ~same
        kid = np.where(known, ids, 0)
        # Tokens after a contrast word in the same post.
        con_at = np.where(known & self.is_con_[kid], pos, -10)
        start_at = np.where(first, pos, 0)
        if len(ids):
            last_con = np.maximum.accumulate(con_at)
            prev_con = np.concatenate(([-10], last_con[:-1]))
            after = prev_con >= np.maximum.accumulate(start_at)
        else:
            after = np.zeros(0, dtype=bool)
        late_doc, late_mark = [], []

        def emit_marks(d, k, at):
            emit(d, k, _NS_MARK)
            late = after[at] & (self.after_of_[k] >= 0)
            late_doc.append(d[late])
            late_mark.append(self.after_of_[k[late]])

        # Lexicon marks of single tokens.
        starts = self.tok_mark_ptr_[kid]
        counts = np.where(known, self.tok_mark_ptr_[kid + 1] - starts, 0)
        emit_marks(*_gather(doc, starts, counts, self.tok_mark_ids_, pos))
        # Sentiment words, flipped inside a negator's scope (four tokens, ends at punctuation).
        neg_at = np.where(known & self.is_neg_[kid], pos, -10)
        barrier = np.where((known & self.is_stop_[kid]) | first, pos, -10)
        last_neg = np.maximum.accumulate(neg_at) if len(ids) else neg_at
        last_bar = np.maximum.accumulate(barrier) if len(ids) else barrier
        negated = (last_neg >= last_bar) & (pos - last_neg <= 4) & (pos > last_neg)
        m = self._mark_ids
        for flag, plain, flipped in ((self.is_pos_, m["__pos__"], m["__negpos__"]),
                                     (self.is_ngv_, m["__neg__"], m["__negneg__"])):
            hit = known & flag[kid]
            emit_marks(doc[hit], np.where(negated[hit], flipped, plain), pos[hit])
        # Phrase marks: bigrams and trigrams.
        emit_marks(*self._phrase_marks(doc[:-1][both], bi, pos[:-1][both], self.bi_keys_,
                                       self.bi_mark_ptr_, self.bi_mark_ids_))
        if len(ids) > 2:
            tri_ok = both[:-1] & both[1:]
            tri = (ids[:-2][tri_ok] * n_tok + ids[1:-1][tri_ok]) * n_tok + ids[2:][tri_ok]
            emit_marks(*self._phrase_marks(doc[:-2][tri_ok], tri, pos[:-2][tri_ok],
                                           self.tri_keys_, self.tri_mark_ptr_,
                                           self.tri_mark_ids_))
        if late_doc:
            emit(np.concatenate(late_doc), np.concatenate(late_mark), _NS_MARK)
        # Shape of the post: how it ends and how long it is.
        ends = np.array([_END_INDEX.get(t.rstrip()[-1:], 3) for t in texts], dtype=np.int64)
        end_ids = np.array([m[e] for e in _END_MARKS], dtype=np.int64)
        len_ids = np.array([m[x] for x in _LEN_MARKS], dtype=np.int64)
        all_docs = np.arange(len(texts), dtype=np.int64)
        emit(all_docs, end_ids[ends], _NS_MARK)
        emit(all_docs, len_ids[np.minimum(lengths // 8, 6)], _NS_MARK)
        n_docs = len(texts)
        has_i = np.bincount(doc[known & self.is_i_[kid]], minlength=n_docs) > 0
        has_we = np.bincount(doc[known & self.is_we_[kid]], minlength=n_docs) > 0
        speaker = np.where(has_i, 0, np.where(has_we, 1, 2))
        speak_ids = np.array([m[x] for x in _SPEAKER_MARKS], dtype=np.int64)
        emit(all_docs, speak_ids[speaker], _NS_MARK)
        return np.concatenate(out_doc), np.concatenate(out_key)

    @property
    def _mark_ids(self) -> dict[str, int]:
        return {mk: i for i, mk in enumerate(self.marks_)}

    @staticmethod
    def _phrase_marks(doc, keys, where, table, ptr, mark_ids):
        if len(table) == 0 or len(keys) == 0:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty
        at, hit = _find(table, keys)
        starts = ptr[at[hit]]
        counts = ptr[at[hit] + 1] - starts
        return _gather(doc[hit], starts, counts, mark_ids, where[hit])

    def transform(self, X: Iterable[str]) -> sp.csr_matrix:
        check_is_fitted(self, "keys_")
        texts = _as_texts(X)
        n = len(texts)
        if n == 0:
            return sp.csr_matrix((0, self.n_features_out_))
        doc, keys = self._keys(texts)
        ns, val = keys % 4, keys // 4
        col = np.full(len(keys), -1, dtype=np.int64)
        for space, dense in self.col_of_.items():
            sel = ns == space
            col[sel] = dense[val[sel]]
        sel = np.flatnonzero(ns == _NS_BIGRAM)
        if len(self.bigram_keys_) and len(sel):
            at, hit = _find(self.bigram_keys_, val[sel])
            col[sel[hit]] = self.bigram_cols_[at[hit]]
        ok = col >= 0
        m = sp.csr_matrix((np.ones(int(ok.sum())), (doc[ok], col[ok])),
                          shape=(n, self.n_features_out_))
        m.sum_duplicates()
        m.data = (1.0 + np.log(m.data)) * self.column_weight_[m.indices]
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sp.csr_matrix(sp.diags(1.0 / norms) @ m)

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        check_is_fitted(self, "keys_")
        n_tok = len(self.tokens_)
        names = []
        for key in self.keys_.tolist():
            ns, v = key % 4, key // 4
            if ns == _NS_WORD:
                names.append(self.tokens_[v])
            elif ns == _NS_BIGRAM:
                names.append(self.tokens_[v // n_tok] + " " + self.tokens_[v % n_tok])
            elif ns == _NS_PREFIX:
                names.append(self.prefixes_[v])
            else:
                names.append(self.marks_[v])
        return np.array(names, dtype=object)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        return tags


_NS_WORD, _NS_BIGRAM, _NS_PREFIX, _NS_MARK = 0, 1, 2, 3
_CONTROL = frozenset({"NEG", "STOP", "POS", "NGV"})
_END_MARKS = ("__end_q__", "__end_x__", "__end_dot__", "__end_none__")
_END_INDEX = {"?": 0, "!": 1, ".": 2}


def _csr(rows: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    ptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(r) for r in rows], out=ptr[1:])
    ids = np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=int(ptr[-1]))
    return ptr, ids


def _find(table: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each key sits in the sorted ``table``, and whether it is there. The same words and
    word pairs recur all through a batch, so each distinct key is searched for once."""
    uniq, inv = np.unique(keys, return_inverse=True)
    at = np.minimum(np.searchsorted(table, uniq), len(table) - 1)
    return at[inv], (table[at] == uniq)[inv]


def _gather(doc, starts, counts, values, where):
    """Expand CSR rows: for each i, values[starts[i]:starts[i]+counts[i]], tagged with doc[i]
    and with the token position where[i]."""
    total = int(counts.sum())
    if total == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    return (np.repeat(doc, counts), values[np.repeat(starts, counts) + offsets],
            np.repeat(where, counts))


def _as_texts(X: Iterable[str]) -> list[str]:
    if isinstance(X, str):
        raise ValueError("CareFeaturizer expects an iterable of texts, not one string")
    return [x if isinstance(x, str) else str(x) for x in X]
