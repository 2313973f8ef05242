"""Renderers: the Digest as JSON, plain text, and an HTML email with inline PNG charts.

Each reads only the :class:`Digest`. The HTML comes from a Jinja2 template with autoescape on,
so post text is always text; its stylesheet is inlined with ``css_inline`` (email clients drop
``<style>`` blocks), keeping only the dark-mode media query as a block.
"""

from __future__ import annotations

import base64
import json
import re
import textwrap
from dataclasses import dataclass, field
from typing import Any

import css_inline
from jinja2 import Environment, PackageLoader, StrictUndefined

from .charts import sentiment_bar, sparkline
from .digest import Digest
from .signals import MIN_VOLUME, signed

__all__ = ["InlineImage", "RenderedHtml", "render_html", "render_json", "render_text"]


@dataclass(frozen=True)
class InlineImage:
    """A chart attached to the email; ``cid`` is its Content-ID without angle brackets."""

    cid: str
    data: bytes
    alt: str


@dataclass
class RenderedHtml:
    html: str
    images: list[InlineImage] = field(default_factory=list)


def _pct(value: float | None) -> str:
    if value is None:
        return "new"
    return f"{value * 100:+.0f}%".replace("-", "−")


def _wrap(text: str, first: str = "", rest: str = "  ", width: int = 76) -> str:
    """Plain-text paragraphs at a readable width; long links are never split."""
    return textwrap.fill(text, width, initial_indent=first, subsequent_indent=rest,
                         break_long_words=False, break_on_hyphens=False)  # fmt: skip


def _sentence(text: str) -> str:
    """First letter up, the rest as written (labels are lower-case terms)."""
    return text[:1].upper() + text[1:]


def _vs_usual(row: dict[str, Any]) -> str:
    """This week against the four before, in the form that reads best for the numbers at hand."""
    volume, usual = row["volume"], row["previous_average"]
    if not volume and not usual:
        return "—"
    if usual < 1:
        return "new" if volume else "—"
    if volume >= 10 * usual:
        return f"×{volume / usual:.0f}"
    return _pct(row["change"])


def _times(value: float | None) -> str:
    return "new" if value is None else f"×{value:.1f}"


def _environment(autoescape: bool) -> Environment:
    env = Environment(
        loader=PackageLoader("groundswell.reports", "templates"),
        autoescape=autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(pct=_pct, net=signed, times=_times, vs_usual=_vs_usual, sentence=_sentence, wrap=_wrap)
    env.globals["min_volume"] = MIN_VOLUME
    env.globals["voice_names"] = {
        "person": "people who use services", "carer": "unpaid carers", "worker": "frontline workers",
        "professional": "professionals", "organisation": "organisations", "media": "the press", "other": "others",
    }  # fmt: skip
    return env


_HTML_ENV = _environment(autoescape=True)
_TEXT_ENV = _environment(autoescape=False)
_INLINER = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)


def render_json(digest: Digest) -> str:
    return json.dumps(digest.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_text(digest: Digest) -> str:
    """The plain-text alternative: everything the HTML says, readable in any mail client."""
    return _TEXT_ENV.get_template("digest.txt.j2").render(d=digest.to_dict())


def _shares_alt(shares: dict[str, float]) -> str:
    parts = (f"{round(100 * shares.get(k, 0))}% {k}" for k in ("negative", "neutral", "positive"))
    return "Sentiment: " + ", ".join(parts)


def _charts(data: dict[str, Any], period: str) -> tuple[dict[str, InlineImage], list[InlineImage]]:
    """Charts keyed by what they show; Content-IDs are derived from the period and position only."""
    slug = re.sub(r"[^A-Za-z0-9]", "", period)
    charts: dict[str, InlineImage] = {}
    for i, card in enumerate(data["emerging"]):
        charts[f"m{i}-bar"] = InlineImage(f"m{i}-bar.{slug}@groundswell", sentiment_bar(card["sentiment"]),
                                          _shares_alt(card["sentiment"]))  # fmt: skip
        charts[f"m{i}-trend"] = InlineImage(
            f"m{i}-trend.{slug}@groundswell", sparkline(card["trend"]),
            "Posts per day, Monday to Sunday: " + ", ".join(str(v) for v in card["trend"]),
        )
    for i, row in enumerate(data["themes"]):
        charts[f"t{i}-trend"] = InlineImage(
            f"t{i}-trend.{slug}@groundswell", sparkline(row["trend"], 96, 24),
            f"{row['label']}, posts per week over {len(row['trend'])} weeks: "
            + ", ".join(str(v) for v in row["trend"]),
        )
    return charts, list(charts.values())


def render_html(digest: Digest, *, embed: bool = False) -> RenderedHtml:
    """The HTML email. Charts are ``cid:`` references to attached PNGs, or with ``embed`` (for a
    file or a browser preview) ``data:`` URIs inside the page."""
    data = digest.to_dict()
    charts, images = _charts(data, data["period"]["id"])
    sources = {
        key: (f"data:image/png;base64,{base64.b64encode(img.data).decode()}" if embed else f"cid:{img.cid}")
        for key, img in charts.items()
    }
    template = _HTML_ENV.get_template("digest.html.j2")
    css = _HTML_ENV.loader.get_source(_HTML_ENV, "digest.css")[0]  # type: ignore[union-attr]
    html = template.render(d=data, img=sources, alt={k: v.alt for k, v in charts.items()}, css=css)
    html = _INLINER.inline(html)
    return RenderedHtml(html=html, images=[] if embed else images)
