"""Small charts for the email, drawn with Pillow as PNG.

Email clients block scripts and most strip SVG, so charts are pictures attached to the message
and referenced by ``cid:``. They are drawn at twice their display size for sharp screens, on a
transparent background, in mid-tone colours that read on both light and dark themes.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from PIL import Image, ImageDraw

__all__ = ["SENTIMENT_COLOURS", "sentiment_bar", "sparkline"]

SCALE = 2
LINE = (47, 111, 178, 255)  # #2f6fb2: 4.9:1 on white, readable on #1f1f1f too
FILL = (47, 111, 178, 60)
SENTIMENT_COLOURS = {
    "negative": (192, 57, 43, 255),  # #c0392b
    "neutral": (128, 134, 139, 255),  # #80868b
    "positive": (30, 132, 73, 255),  # #1e8449
}


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def sparkline(values: Sequence[float], width: int = 120, height: int = 28) -> bytes:
    """A line with a soft fill and a dot on the latest value; a flat line when all are zero."""
    w, h, pad = width * SCALE, height * SCALE, 3 * SCALE
    image = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    values = [float(v) for v in values] or [0.0]
    top = max(values) or 1.0
    step = (w - 2 * pad) / max(1, len(values) - 1)
    points = [(pad + i * step, h - pad - (v / top) * (h - 2 * pad)) for i, v in enumerate(values)]
    if len(points) == 1:
        points.append((w - pad, points[0][1]))
    draw.polygon([(points[0][0], h - pad), *points, (points[-1][0], h - pad)], fill=FILL)
    draw.line(points, fill=LINE, width=2 * SCALE, joint="curve")
    x, y = points[-1]
    r = 3 * SCALE
    draw.ellipse((x - r, y - r, x + r, y + r), fill=LINE)
    return _png(image)


def sentiment_bar(shares: Mapping[str, float], width: int = 240, height: int = 12) -> bytes:
    """A stacked bar of negative, neutral and positive shares (each drawn at least 1 px wide)."""
    w, h = width * SCALE, height * SCALE
    image = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    parts = [(k, max(0.0, float(shares.get(k) or 0.0))) for k in SENTIMENT_COLOURS]
    total = sum(v for _, v in parts)
    if total <= 0:
        draw.rectangle((0, 0, w - 1, h - 1), outline=SENTIMENT_COLOURS["neutral"], width=SCALE)
        return _png(image)
    x = 0.0
    for key, value in parts:
        if value <= 0:
            continue
        span = max(SCALE, value / total * w)
        draw.rectangle((round(x), 0, min(w, round(x + span)) - 1, h - 1), fill=SENTIMENT_COLOURS[key])
        x += span
    return _png(image)
