"""The weekly digest: its data (``build_digest``), its renderers, and its delivery."""

from .digest import Digest, build_digest
from .mail import DeliveryReport, DeliveryResult, PartialDelivery, build_message, prepare_digest, send_digest
from .render import InlineImage, RenderedHtml, render_html, render_json, render_text

__all__ = [
    "DeliveryReport",
    "DeliveryResult",
    "Digest",
    "InlineImage",
    "PartialDelivery",
    "RenderedHtml",
    "build_digest",
    "build_message",
    "prepare_digest",
    "render_html",
    "render_json",
    "render_text",
    "send_digest",
]
