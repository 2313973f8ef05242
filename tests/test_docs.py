"""Docs are tested like code: every setting and every collector is documented."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel

from groundswell.collectors import registry
from groundswell.config import Config, Smtp, SourceConfig

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _section_keys(model: type[BaseModel]) -> set[str]:
    return {name for name in model.model_fields if name != "path"}


def test_every_setting_is_documented() -> None:
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    sections = {name: field.annotation for name, field in Config.model_fields.items() if name not in ("path",)}
    for section, annotation in sections.items():
        if section == "sources":
            model: type[BaseModel] = SourceConfig
            heading = "## `[[sources]]`"
        else:
            model = Smtp if section == "smtp" else annotation  # type: ignore[assignment]
            heading = f"## `[{section}]`"
        assert heading in text, f"docs/configuration.md has no section {heading}"
        body = text.split(heading, 1)[1].split("\n## ", 1)[0]
        for key in _section_keys(model):
            assert re.search(rf"^\| `{key}` \|", body, re.M), f"[{section}] {key} is not documented"


def test_every_collector_and_its_settings_are_documented() -> None:
    text = (DOCS / "collectors.md").read_text(encoding="utf-8")
    for name, cls in registry().items():
        assert f"`{name}`" in text, f"collector {name} is not in docs/collectors.md"
        for key in cls.Settings.model_fields:
            assert f"`{key}`" in text, f"{name}: setting {key} is not in docs/collectors.md"
