"""The offline demo: a written sample served on 127.0.0.1 in the real API shapes, collected by the
real collectors, then classified, analysed and written to an outbox as a digest."""

from __future__ import annotations

from .sample import Sample, build_sample
from .server import DemoServer

__all__ = ["DemoServer", "Sample", "build_sample"]
