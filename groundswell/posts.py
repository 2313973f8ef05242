"""The ``Post`` record every collector yields, and the text helpers that make one."""

from __future__ import annotations

import hashlib
import hmac
import html
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

__all__ = [
    "Post", "content_hash", "html_to_text", "jaccard", "minhash_bands", "pseudonymise", "shingles",
    "to_utc",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Post:
    """One public post, as a collector saw it.

    ``author`` is the handle on its source (kept in the store so organisations and the press
    can be named); digests show people only through :func:`pseudonymise`. ``author_name`` is
    the display name, kept apart from the handle.
    """

    source: str
    native_id: str
    created_at: datetime
    text: str
    url: str | None = None
    author: str | None = None
    author_name: str | None = None
    title: str | None = None
    lang: str | None = None
    likes: int = 0
    reposts: int = 0
    replies: int = 0
    extra: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        if not self.source or not self.native_id:
            raise ValueError("a post needs a source and a native id")
        if self.created_at.tzinfo is None:
            raise ValueError("created_at must be timezone-aware")


def to_utc(value: datetime) -> datetime:
    """Aware datetimes are converted to UTC; naive ones are taken to be UTC already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


class _TextExtractor(HTMLParser):
    _BLOCK = {"p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
    _SKIP = {"script", "style", "template", "noscript"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


_SPACES = re.compile(r"[ \t\r\f\v]+")
_NEWLINES = re.compile(r"\n\s*\n+")


def html_to_text(markup: str | None) -> str:
    """Plain text from HTML: tags dropped, scripts and styles removed, entities decoded."""
    if not markup:
        return ""
    if "<" not in markup and "&" not in markup:
        text = markup
    else:
        parser = _TextExtractor()
        parser.feed(markup)
        parser.close()
        text = html.unescape("".join(parser.parts))
    text = _SPACES.sub(" ", text.replace("\xa0", " "))
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _NEWLINES.sub("\n\n", text).strip()


_WORD = re.compile(r"\w+", re.UNICODE)


def _normal_words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"https?://\S+", " ", text)
    return _WORD.findall(text)


def content_hash(text: str) -> str:
    """Hash of the normalised words: the same text reposted with other spacing or links."""
    return hashlib.sha1(" ".join(_normal_words(text)).encode()).hexdigest()


def shingles(text: str) -> set[str]:
    """Word bigrams of the normalised text: near-duplicates share most of them."""
    words = _normal_words(text)
    return {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)} or set(words)


def minhash_bands(grams: set[str], bands: int = 4, rows: int = 2) -> tuple[int, ...]:
    """MinHash LSH bands: texts whose bigram sets overlap a lot share at least one band.

    With 4 bands of 2 rows, a pair with Jaccard similarity 0.75 shares a band 96% of the time,
    an unrelated pair (Jaccard ~0.02) 0.2% of the time; candidates are then checked exactly.
    """
    size = bands * rows
    mins = [0xFFFFFFFF] * size
    for gram in grams:
        digest = hashlib.blake2b(gram.encode(), digest_size=4 * size).digest()
        for i in range(size):
            value = int.from_bytes(digest[4 * i : 4 * i + 4], "big")
            if value < mins[i]:
                mins[i] = value
    out = []
    for b in range(bands):
        joined = b"".join(m.to_bytes(4, "big") for m in mins[b * rows : (b + 1) * rows])
        out.append(int.from_bytes(hashlib.blake2b(joined, digest_size=4).digest(), "big") & 0x7FFFFFFF)
    return tuple(out)


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def pseudonymise(source: str, author: str | None, salt: str) -> str:
    """A stable pseudonym for an author: the same person gets the same tag, nobody gets a name."""
    if not author:
        return "anonymous"
    digest = hmac.new(salt.encode(), f"{source}:{author}".encode(), hashlib.sha256).hexdigest()
    return f"{source}-{digest[:8]}"
