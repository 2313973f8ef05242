"""Collector settings: validated at load with the key named, and the starter's examples valid."""

from __future__ import annotations

import tomllib

import pytest

from groundswell.collectors import Collector, Settings
from groundswell.config import config_from_dict, starter_config
from groundswell.errors import ConfigError


def test_the_starter_config_and_its_commented_source_examples_are_valid() -> None:
    text = starter_config()
    config_from_dict(tomllib.loads(text))
    examples = text.split("# More sources:", 1)[1].splitlines()[2:]
    uncommented = [line[2:] for line in examples if line.startswith("# ") and not line.startswith("# # ")]
    config = config_from_dict(tomllib.loads("\n".join(uncommented)))
    kinds = {source.type for source in config.sources}
    assert kinds >= {"mastodon", "bluesky", "reddit", "discourse", "gdelt", "petitions"}
    mastodon = next(s for s in config.sources if s.type == "mastodon")
    assert mastodon.options["hashtags"] == ["socialcare", "carers", "SharedLives", "NHS", "disability", "dementia"]
    reddit = next(s for s in config.sources if s.type == "reddit")
    assert reddit.options["subreddits"] == ["CaregiverSupport", "AgingParents", "socialwork", "NHS", "disability",
                                            "dementia", "GriefSupport"]  # fmt: skip


@pytest.mark.parametrize(
    ("table", "where"),
    [
        ({"type": "mastodon", "servers": ["https://a.example"], "limit": 80}, "sources[0].limit"),
        ({"type": "bluesky", "app_password_env": "X"}, "sources[0].handle"),
        ({"type": "gdelt", "min_interval_seconds": 1}, "sources[0].min_interval_seconds"),
        ({"type": "reddit", "client_id_env": "A", "client_secret_env": "B", "subredits": ["x"]},
         "sources[0].subredits"),
        ({"type": "discourse"}, "sources[0].base_url"),
    ],
)
def test_bad_collector_settings_name_the_key(table: dict, where: str) -> None:
    with pytest.raises(ConfigError, match=where.replace("[", r"\[").replace("]", r"\]")):
        config_from_dict({"sources": [{"name": "s", **table}]})


def test_a_third_party_collector_comes_in_through_the_entry_point_group(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib.metadata import EntryPoint

    import groundswell.collectors as collectors

    plugin = EntryPoint(name="council-minutes", value="plugin:CouncilMinutes", group=collectors.ENTRY_POINT_GROUP)
    monkeypatch.setattr(collectors, "entry_points", lambda group: [plugin] if group == plugin.group else [])
    monkeypatch.setattr(EntryPoint, "load", lambda self: _CouncilMinutes)
    assert collectors.registry()["council-minutes"] is _CouncilMinutes
    config = config_from_dict({"sources": [{"name": "minutes", "type": "council-minutes", "council": "Eastshire"}]})
    assert collectors.build_collector(config.sources[0], config).settings.council == "Eastshire"
    with pytest.raises(ConfigError, match=r"sources\[0\]\.council"):
        config_from_dict({"sources": [{"name": "minutes", "type": "council-minutes"}]})


class _CouncilSettings(Settings):
    council: str


class _CouncilMinutes(Collector):
    name = "council-minutes"
    Settings = _CouncilSettings
