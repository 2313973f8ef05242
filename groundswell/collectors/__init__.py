"""Collectors: built-ins listed in one tuple, third-party ones through an entry-point group.

A third-party package registers ``[project.entry-points."groundswell.collectors"]
mysource = "mypkg.module:MyCollector"``; the class follows :class:`Collector`.
"""

from __future__ import annotations

import difflib
from importlib import import_module
from importlib.metadata import entry_points

from pydantic import ValidationError

from ..config import Config, SourceConfig, describe_error, key_path
from ..errors import ConfigError
from .base import Collector, Page, Settings

__all__ = ["BUILTINS", "Collector", "Page", "Settings", "build_collector", "registry", "validate_source"]

ENTRY_POINT_GROUP = "groundswell.collectors"

# module:Class for each built-in collector; one line per source.
BUILTINS: tuple[str, ...] = (
    "groundswell.collectors.rss:RssCollector",
    "groundswell.collectors.mastodon:MastodonCollector",
    "groundswell.collectors.bluesky:BlueskyCollector",
    "groundswell.collectors.reddit:RedditCollector",
    "groundswell.collectors.discourse:DiscourseCollector",
    "groundswell.collectors.gdelt:GdeltCollector",
    "groundswell.collectors.petitions:PetitionsCollector",
    "groundswell.collectors.lemmy:LemmyCollector",
    "groundswell.collectors.hackernews:HackerNewsCollector",
)


def registry() -> dict[str, type[Collector]]:
    """Collector classes by type name: built-ins first, then installed plug-ins."""
    found: dict[str, type[Collector]] = {}
    for spec in BUILTINS:
        module, _, attr = spec.partition(":")
        cls = getattr(import_module(module), attr)
        found[cls.name] = cls
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name not in found:
            found[ep.name] = ep.load()
    return found


def validate_source(source: SourceConfig) -> list[tuple[str, str]]:
    """(key, problem) pairs for one ``[[sources]]`` table; empty when it is fine."""
    known = registry()
    if source.type not in known:
        close = difflib.get_close_matches(source.type, known, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return [("type", f"unknown source type {source.type!r} (known: {', '.join(sorted(known))}){hint}")]
    settings = known[source.type].Settings
    keys = [*SourceConfig.model_fields, *settings.model_fields]
    try:
        settings.model_validate(source.options)
    except ValidationError as exc:
        return [(key_path(err["loc"]) if err["loc"] else "(section)", describe_error(err, keys))
                for err in exc.errors()]  # fmt: skip
    return []


def build_collector(source: SourceConfig, config: Config) -> Collector:
    known = registry()
    if source.type not in known:
        raise ConfigError(f"{config.path}: source {source.name!r}: unknown type {source.type!r}")
    return known[source.type].from_config(source, config)
