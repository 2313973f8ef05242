"""Collector settings: validated at load with the key named, and the starter's examples valid."""

from __future__ import annotations

import tomllib

import pytest

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
