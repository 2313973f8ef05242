"""Configuration: errors name the file, the key and the problem; the CLI exits with status 2."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from groundswell.cli import app
from groundswell.config import DEFAULT_THEMES, load_config, secret, starter_config
from groundswell.errors import ConfigError

runner = CliRunner()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "groundswell.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_starter_config_is_valid_and_commented(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, starter_config()))
    assert config.taxonomy.themes == list(DEFAULT_THEMES)
    assert config.schedule.digest_day == "mon" and config.schedule.timezone == "Europe/London"
    assert config.store.retention_days == 90
    assert starter_config().count("#") > 20


def test_defaults_put_store_and_outbox_beside_the_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GROUNDSWELL_DATABASE_URL", raising=False)
    config = load_config(write(tmp_path, ""))
    assert config.database_url == f"sqlite:///{tmp_path.resolve() / 'groundswell.db'}"
    assert config.outbox_dir == tmp_path.resolve() / "outbox"
    monkeypatch.setenv("GROUNDSWELL_DATABASE_URL", "postgresql+psycopg://u@h/db")
    assert config.database_url == "postgresql+psycopg://u@h/db"


@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        ("[store]\nretention_days = 0\n", "store.retention_days", "greater than or equal to 1"),
        ("[schedule]\ntimezone = 'Mars/Olympus'\n", "schedule.timezone", "unknown time zone"),
        ("[schedule]\ndigest_time = '7am'\n", "schedule.digest_time", "pattern"),
        ("[digest]\nrecipients = ['not an address']\n", "digest.recipients", "not an email address"),
        ("[organisation]\nnmae = 'typo'\n", "organisation.nmae", "Extra inputs are not permitted"),
        ("[[sources]]\nname = 'a'\ntype = 'nosuch'\n", "sources[0].type", "unknown source type"),
        ("[[sources]]\nname = 'a'\ntype = 'rss'\n", "sources[0].url", "Field required"),
        ("[[sources]]\nname='a'\ntype='rss'\nurl='ftp://x'\n", "sources[0].url", "pattern"),
        (
            "[[sources]]\nname='a'\ntype='rss'\nurl='https://x'\n[[sources]]\nname='a'\ntype='rss'\nurl='https://y'\n",
            "(top level)",
            "two sources are named 'a'",
        ),
        ("[smtp]\nport = 25\n", "smtp.host", "Field required"),
        ("[[sources]]\nname='a'\ntype='rss'\nurl='https://x'\nenabled='yes'\n", "sources[0].enabled",
         "valid boolean"),
        ("[[sources]]\nname='a'\ntype='rss'\nurl='https://x'\nkeep_raw=1\n", "sources[0].keep_raw", "valid boolean"),
        ("[http]\ntimeout = '30'\n", "http.timeout", "valid number"),
        ("[store\n", "groundswell.toml", "not valid TOML"),
    ],
)
def test_errors_name_file_key_and_problem(tmp_path: Path, text: str, key: str, words: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert str(path) in message
    assert key in message
    assert words in message


def test_missing_file_suggests_init(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="groundswell init"):
        load_config(tmp_path / "nope.toml")


def test_secret_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_config(write(tmp_path, ""))
    monkeypatch.setenv("GS_TEST_SECRET", "s3cret")
    assert secret(config, "GS_TEST_SECRET", "smtp.password_env") == "s3cret"
    monkeypatch.delenv("GS_TEST_SECRET")
    with pytest.raises(ConfigError, match="smtp.password_env names environment variable GS_TEST_SECRET"):
        secret(config, "GS_TEST_SECRET", "smtp.password_env")


def test_cli_exits_2_with_a_clear_message(tmp_path: Path) -> None:
    path = write(tmp_path, "[store]\nretention_days = -1\n")
    result = runner.invoke(app, ["--config", str(path), "status"])
    assert result.exit_code == 2
    assert "store.retention_days" in result.output


def test_config_path_from_environment_in_a_real_process(tmp_path: Path) -> None:
    path = write(tmp_path, "[schedule]\ntimezone = 'Nowhere/Else'\n")
    proc = subprocess.run(
        [sys.executable, "-m", "groundswell", "status"],
        env={"GROUNDSWELL_CONFIG": str(path), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 2
    assert "schedule.timezone" in proc.stderr and str(path) in proc.stderr


def test_init_writes_a_starter_and_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "conf" / "groundswell.toml"
    assert runner.invoke(app, ["init", str(target)]).exit_code == 0
    assert load_config(target).organisation.watch
    again = runner.invoke(app, ["init", str(target)])
    assert again.exit_code == 1 and "already exists" in again.output


@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        ("[store]\nretention_dayz = 30\n", "store.retention_dayz", "did you mean 'retention_days'?"),
        ("[organisaton]\nname = 'x'\n", "organisaton", "did you mean 'organisation'?"),
        ("[[sources]]\nname='a'\ntype='rss'\nurl='https://x'\nintervall_minutes=5\n",
         "sources[0].intervall_minutes", "did you mean 'interval_minutes'?"),
        ("[[sources]]\nname='a'\ntype='rsss'\nurl='https://x'\n", "sources[0].type", "did you mean 'rss'?"),
        ("[schedule]\ndigest_time = '7am'\n", "schedule.digest_time", "a 24-hour time such as 07:00, got '7am'"),
        ("[[sources]]\nname='a'\ntype='rss'\nurl='www.example.org/feed'\n", "sources[0].url",
         "must be a web address: http:// or https://, then a host name, and no spaces, got 'www.example.org/feed'"),
        ("[[sources]]\nname='a'\ntype='rss'\nurl='https://www.example.org/care feed.xml'\n", "sources[0].url",
         "no spaces, got 'https://www.example.org/care feed.xml'"),
        ("[[sources]]\nname='a'\ntype='rss'\nurl='https://'\n", "sources[0].url", "then a host name"),
        ("[[sources]]\nname='my feed'\ntype='rss'\nurl='https://x'\n", "sources[0].name", "no spaces"),
        ("[[sources]]\nname='m'\ntype='mastodon'\nservers=['mastodon.social']\n", "sources[0].servers[0]",
         "must be a web address: http:// or https://, then a host name, and no spaces, got 'mastodon.social'"),
        ("[http]\ntimeout = 'twenty'\n", "http.timeout", "got 'twenty'"),
        ("[sources]\nname='a'\ntype='rss'\nurl='https://x.org/f'\n", "sources",
         "write each source as its own [[sources]] table, with two pairs of brackets"),
        ("http = 5\n", "http", "write it as a [http] table, with one pair of brackets"),
        ("[[digest]]\nrecipients = []\n", "digest", "write it as a [digest] table, with one pair of brackets"),
    ],
)  # fmt: skip
def test_errors_say_what_to_write_instead(tmp_path: Path, text: str, key: str, words: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path, text))
    message = str(info.value)
    assert f"{tmp_path / 'groundswell.toml'}: {key}: " in message
    assert words in message


def test_value_errors_lose_pydantics_prefix(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path, "[schedule]\ntimezone = 'Europe/Londn'\n"))
    assert "Value error" not in str(info.value)
    assert "schedule.timezone: unknown time zone 'Europe/Londn'" in str(info.value)


def test_cli_shows_table_brackets_in_advice(tmp_path: Path) -> None:
    path = write(tmp_path, "[sources]\nname='a'\ntype='rss'\nurl='https://x.org/f'\n")
    result = runner.invoke(app, ["--config", str(path), "status"])
    assert result.exit_code == 2 and "[[sources]] table" in result.output


def test_cli_shows_config_values_literally_not_as_markup(tmp_path: Path) -> None:
    path = write(tmp_path, "[digest]\nrecipients = ['[red]boss[/red]', '\\u001b[2Jx']\n")
    result = runner.invoke(app, ["--config", str(path), "status"])
    assert result.exit_code == 2
    assert "'[red]boss[/red]' is not an email address" in result.output
    assert "\x1b" not in result.output


def test_init_writes_where_the_other_commands_will_look(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GROUNDSWELL_CONFIG", raising=False)
    wrote = runner.invoke(app, ["--config", "mine.toml", "init"])
    assert wrote.exit_code == 0, wrote.output
    assert (tmp_path / "mine.toml").exists() and not (tmp_path / "groundswell.toml").exists()
    assert runner.invoke(app, ["--config", "mine.toml", "status"]).exit_code == 0
    monkeypatch.setenv("GROUNDSWELL_CONFIG", str(tmp_path / "from-env.toml"))
    assert runner.invoke(app, ["init"]).exit_code == 0
    assert (tmp_path / "from-env.toml").exists()
    elsewhere = runner.invoke(app, ["init", "other.toml"])
    assert "then run groundswell --config other.toml collect" in " ".join(elsewhere.output.split())


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('[http]\ncontact = "zoë@example.org"\n', "http.contact"),
        ('[http]\nuser_agent = "Groundswell\\nX-Injected: 1"\n', "http.user_agent"),
        ("[[sources]]\nname='r'\ntype='reddit'\nclient_id_env='A'\nclient_secret_env='B'\n"
         "user_agent='web:gs:0.1 (by /u/zoë)'\n", "sources[0].user_agent"),
    ],
)  # fmt: skip
def test_header_values_must_be_printable_ascii(tmp_path: Path, text: str, key: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError, match=re.escape(key) + ".*printable ASCII on one line"):
        load_config(path)
    result = runner.invoke(app, ["--config", str(path), "collect"])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_a_secret_with_a_line_break_is_refused_without_showing_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = load_config(write(tmp_path, ""))
    monkeypatch.setenv("GS_TEST_SECRET", "s3cret-token\r")
    with pytest.raises(ConfigError) as info:
        secret(config, "GS_TEST_SECRET", "sources.m.token_env")
    assert "sources.m.token_env names environment variable GS_TEST_SECRET" in str(info.value)
    assert "line break" in str(info.value) and "s3cret" not in str(info.value)


def test_a_config_saved_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    path = tmp_path / "groundswell.toml"
    path.write_bytes(b"\xef\xbb\xbf[organisation]\r\nname = 'Riverside'\r\n")
    assert load_config(path).organisation.name == "Riverside"
