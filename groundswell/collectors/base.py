"""What a collector is: a small class with a ``name``, built from its config section, that
receives the shared HTTP session and yields pages of posts, each with the cursor covering it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from ..config import Config, SourceConfig
from ..http import HttpSession
from ..posts import Post

__all__ = ["Collector", "Page", "Settings"]


class Settings(BaseModel):
    """Base for a collector's own keys in its ``[[sources]]`` table; unknown keys are errors."""

    model_config = ConfigDict(extra="forbid")


@dataclass
class Page:
    """Posts the store saves in one transaction with ``cursor``; petition snapshots ride along."""

    posts: list[Post]
    cursor: dict[str, Any]
    snapshots: list[dict[str, Any]] = field(default_factory=list)


class Collector:
    """Subclasses set ``name`` (the ``type`` in config) and ``Settings``, and write ``collect``."""

    name: ClassVar[str]
    Settings: ClassVar[type[Settings]] = Settings

    def __init__(self, source: SourceConfig, settings: Settings, config: Config) -> None:
        self.source = source
        self.settings = settings
        self.config = config

    @classmethod
    def from_config(cls, source: SourceConfig, config: Config) -> Collector:
        return cls(source, cls.Settings.model_validate(source.options), config)

    @property
    def source_name(self) -> str:
        return self.source.name

    def collect(self, http: HttpSession, cursor: dict[str, Any] | None) -> Iterator[Page]:
        raise NotImplementedError
