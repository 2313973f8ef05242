"""Making post text safe to show: hostile text is data, and vulnerable people stay unnamed.

Everything a post brings into a digest passes through here before any renderer sees it:
text is stripped of invisible and direction-changing characters, long posts and runaway tokens
are cut, links keep only http(s), and a post that pairs a personal name with health or
safeguarding details is never quoted, only counted. HTML escaping itself is the templates' job
(Jinja2 autoescape); this module makes sure the *text* cannot mislead or break the layout.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

__all__ = ["attribution", "clean_text", "could_identify", "safe_url"]

MAX_SCAN_CHARS = 20_000  # a 1 MB post is cut to this before any other work
MAX_TOKEN_CHARS = 40  # one unbroken "word" longer than this would push a 600 px layout wide
_KEEP_CONTROLS = {"\n", "\t"}
_URL = re.compile(r"(?:https?|ftp|javascript|data|vbscript|file):\S+", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u3000]+")


def _visible(ch: str) -> bool:
    """Drop format characters (bidi overrides, zero-width, BOM) and control characters."""
    category = unicodedata.category(ch)
    if category == "Cf":
        return False
    return not (category == "Cc" and ch not in _KEEP_CONTROLS)


def clean_text(text: str | None, limit: int = 320) -> str:
    """Plain, visible, bounded text from a post, cut at a word boundary with an ellipsis.

    Links inside the text become ``[link]``: the post's own link is shown separately, and only
    after :func:`safe_url` has checked it.
    """
    if not text:
        return ""
    text = text[:MAX_SCAN_CHARS]
    text = "".join(ch for ch in unicodedata.normalize("NFC", text) if _visible(ch))
    text = _URL.sub("[link]", text)
    words = []
    for word in _SPACES.sub(" ", text.replace("\r", " ").replace("\n", " ")).split(" "):
        if len(word) > MAX_TOKEN_CHARS:
            word = word[:MAX_TOKEN_CHARS] + "…"
        if word:
            words.append(word)
    text = " ".join(words)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:-") + "…"


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) address with a host, else None."""
    if not url or len(url) > 2048:
        return None
    url = url.strip()
    if any(not _visible(ch) or ch.isspace() for ch in url) or any(c in url for c in "<>\"'`\\"):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


# --- could a quote identify a vulnerable person? -------------------------------------------
_TITLED_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.? [A-Z][a-z'’-]+")
_RELATIVE_NAME = re.compile(
    r"\b(?:my|our|his|her|their) (?:mum|mom|mother|dad|father|son|daughter|husband|wife|partner|"
    r"brother|sister|nan|nana|gran|granny|grandad|grandma|grandpa|aunt|uncle|nephew|niece|"
    r"friend|neighbour|client|resident|service user) (?:called |named )?[A-Z][a-z'’-]+",
)
_NAMED = re.compile(r"\b(?:called|named) [A-Z][a-z'’-]+")
_CAPITALISED = re.compile(r"\b[A-Z][a-z'’-]{1,20}\b")
_SENSITIVE = re.compile(
    r"\b(?:dementia|alzheimer|autis|learning disabilit|down'?s syndrome|cerebral palsy|epilep|"
    r"stroke|cancer|terminal|palliative|end of life|dying|died|death|dnr|dnacpr|sectioned|"
    r"mental health act|psychosis|schizo|bipolar|depress|suicid|self[- ]harm|overdose|eating "
    r"disorder|anorexi|abuse|abused|neglect|restrain|bruis|assault|raped?|injur|fractur|fell|fall|"
    r"falls|pressure sore|bed ?sore|medication|catheter|incontinen|soiled|malnourish|dehydrat|"
    r"safeguarding|police|hospital|ward|a&e|icu|diagnos|seizure|deprivation of liberty|dols)",
    re.IGNORECASE,
)
_NAME_STOPWORDS = {"May", "June", "Will", "Grace", "Hope", "Faith", "Joy", "Rose", "Bill"}


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    listing = resources.files("groundswell.reports").joinpath("templates/given_names.txt")
    names = (line.strip() for line in listing.read_text(encoding="utf-8").splitlines())
    return frozenset(n for n in names if n and not n.startswith("#"))


def _names_a_person(text: str) -> bool:
    if _TITLED_NAME.search(text) or _RELATIVE_NAME.search(text) or _NAMED.search(text):
        return True
    given = _given_names()
    for match in _CAPITALISED.finditer(text):
        word = match.group(0)
        if word in given and word not in _NAME_STOPWORDS:
            return True
    return False


@lru_cache(maxsize=65_536)  # the same post is checked for the card, the voices and the count
def could_identify(text: str | None) -> bool:
    """True when a post pairs a personal name with health or safeguarding details.

    Such a post is never quoted, only counted: a leader does not need the name to act, and a
    digest forwarded onwards must not expose someone who is already at risk. The test is
    deliberately cautious (a false alarm costs one quote; a miss can cost someone's privacy).
    """
    if not text:
        return False
    text = text[:MAX_SCAN_CHARS]
    return bool(_SENSITIVE.search(text)) and _names_a_person(text)


def attribution(voice: str | None, source: str, handle: str | None, *, show_handles: bool) -> str:
    """Who said it, as a digest may say it: by voice and source; a handle only where allowed."""
    who = {
        "person": "A person who uses services", "carer": "An unpaid carer",
        "worker": "A frontline worker", "professional": "A care professional",
        "organisation": "An organisation", "media": "The press", "other": "Someone",
    }.get(voice or "", "Someone")  # fmt: skip
    # The voice comes from a model, which can take a person for an organisation; a handle with
    # a run of digits in it ("chriscarter2250") looks personal, so it stays hidden even then.
    public = show_handles or (voice in ("organisation", "media") and not _PERSONAL_HANDLE.search(handle or ""))
    name = clean_text(handle, 60) if public and handle else ""
    return f"{who} ({name}) on {source}" if name else f"{who} on {source}"


_PERSONAL_HANDLE = re.compile(r"\d{2,}")
