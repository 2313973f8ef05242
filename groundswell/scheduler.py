"""Placeholder until the scheduler lands (issue 2)."""

from datetime import datetime


def next_runs(config, store) -> dict[str, datetime]:  # type: ignore[no-untyped-def]
    return {}
