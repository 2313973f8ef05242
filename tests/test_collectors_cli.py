"""`groundswell collect` and `groundswell sources` through the CLI runner, on a real store."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import LocalServer, Reply
from test_collectors_fakes import FakeRss
from typer.testing import CliRunner

from groundswell.cli import app

HOSTILE = b"[bold red]pwned[/] [link=http://evil.example]click[/link] <script>alert(1)</script>"


@pytest.fixture
def configured(tmp_path: Path, http_server: LocalServer, monkeypatch: pytest.MonkeyPatch,
               request: pytest.FixtureRequest) -> Path:  # fmt: skip
    fake = FakeRss(http_server, 3)
    gdelt = LocalServer().start()  # its own host, as in life: GDELT's 5 s pacing is per host
    request.addfinalizer(gdelt.stop)
    gdelt.routes["/api/v2/doc/doc"] = Reply(200, HOSTILE, {"Content-Type": "text/html"})
    config = tmp_path / "groundswell.toml"
    config.write_text(f"""
[http]
max_retry_seconds = 1

[[sources]]
name = "news"
type = "rss"
url = "{fake.url}/feed.xml"

[[sources]]
name = "gdelt-news"
type = "gdelt"
api_url = "{gdelt.url}/api/v2/doc/doc"
queries = ["carers"]
""", encoding="utf-8")
    monkeypatch.setenv("GROUNDSWELL_CONFIG", str(config))
    monkeypatch.setenv("GROUNDSWELL_DATABASE_URL", f"sqlite:///{tmp_path / 'gs.db'}")
    monkeypatch.setenv("COLUMNS", "250")
    return config


def test_collect_then_sources_shows_state_and_quotes_errors_as_text(configured: Path) -> None:
    runner = CliRunner()
    collected = runner.invoke(app, ["collect"])
    assert collected.exit_code == 0, collected.output
    assert "3 new posts from 2 source(s); 1 failed." in collected.output
    assert "[link=http://evil.example]" in collected.output  # shown literally, not as markup

    shown = runner.invoke(app, ["sources"])
    assert shown.exit_code == 0, shown.output
    lines = {line.split("│")[1].strip(): line for line in shown.output.splitlines() if line.count("│") > 3}
    assert "ok" in lines["news"] and "│ 3 " in lines["news"].replace("  ", " ")
    assert "failing" in lines["gdelt-news"] and "content_type" in lines["gdelt-news"]
    assert "[bold red]pwned[/]" in shown.output and "[link=http://evil.example]" in shown.output


def _config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sources: str) -> Path:
    config = tmp_path / "groundswell.toml"
    config.write_text(f"[http]\nmax_retry_seconds = 0\n{sources}", encoding="utf-8")
    monkeypatch.setenv("GROUNDSWELL_CONFIG", str(config))
    monkeypatch.setenv("GROUNDSWELL_DATABASE_URL", f"sqlite:///{tmp_path / 'gs.db'}")
    monkeypatch.setenv("COLUMNS", "250")
    return config


def test_control_and_bidi_characters_from_a_server_are_shown_not_obeyed(
    tmp_path: Path, http_server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Reddit's token endpoint says why it refused; that reason is quoted in the error
    said = '{"error": "\\u001b[2J\\u001b[31mpwned\\u202eevil\\u0007\\n  news: ok, 999 new"}'
    http_server.routes["/api/v1/access_token"] = Reply(200, said.encode(), {"Content-Type": "application/json"})
    monkeypatch.setenv("GS_TEST_REDDIT_ID", "id")
    monkeypatch.setenv("GS_TEST_REDDIT_SECRET", "secret")
    _config(tmp_path, monkeypatch, f"""
[[sources]]
name = "reddit"
type = "reddit"
api_url = "{http_server.url}"
token_url = "{http_server.url}/api/v1/access_token"
client_id_env = "GS_TEST_REDDIT_ID"
client_secret_env = "GS_TEST_REDDIT_SECRET"
subreddits = ["carers"]
""")
    runner = CliRunner()
    collected = runner.invoke(app, ["collect"])
    assert collected.exit_code == 1, collected.output
    assert "reddit: failed (auth), 0 new" in collected.output
    assert "\\x1b[2J\\x1b[31mpwned\\u202eevil\\x07\\n  news: ok" in collected.output
    shown = runner.invoke(app, ["sources"])
    assert shown.exit_code == 0, shown.output
    assert "\\x1b[31mpwned\\u202eevil" in shown.output
    for result in (collected, shown):
        assert not {"\x1b", "\u202e", "\x07"} & set(result.output)
        assert "\n  news: ok, 999 new" not in result.output  # a server cannot forge a line of output


def test_a_secret_not_set_exits_2_naming_file_key_and_variable(
    tmp_path: Path, http_server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeRss(http_server, 2)
    monkeypatch.delenv("GS_TEST_UNSET_TOKEN", raising=False)
    config = _config(tmp_path, monkeypatch, f"""
[[sources]]
name = "news"
type = "rss"
url = "{fake.url}/feed.xml"

[[sources]]
name = "masto"
type = "mastodon"
servers = ["{http_server.url}"]
token_env = "GS_TEST_UNSET_TOKEN"
""")
    collected = CliRunner().invoke(app, ["collect"])
    assert collected.exit_code == 2, collected.output
    assert "news: ok, 2 new" in collected.output  # the others are still collected
    assert "masto: failed (config)" in collected.output
    assert f"{config}: sources.masto.token_env names environment variable GS_TEST_UNSET_TOKEN" in collected.output
    assert "Traceback" not in collected.output


def test_sources_lists_long_errors_under_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _config(tmp_path, monkeypatch, '[[sources]]\nname = "dead"\ntype = "rss"\nurl = "http://127.0.0.1:9/feed.xml"\n')
    monkeypatch.setenv("COLUMNS", "80")
    runner = CliRunner()
    assert runner.invoke(app, ["collect"]).exit_code == 1
    shown = runner.invoke(app, ["sources"])
    rows = [line for line in shown.output.splitlines() if line.startswith("│ dead")]
    assert rows and "failing" in rows[0]
    assert "  dead: http://127.0.0.1:9/feed.xml network error" in shown.output  # one unbroken line


def test_status_counts_sources_by_state_and_says_where_last_weeks_digest_is(configured: Path) -> None:
    runner = CliRunner()
    before = runner.invoke(app, ["status"])
    assert before.exit_code == 0, before.output
    rows = {line.split("│")[1].strip(): line.split("│")[2].strip() for line in before.output.splitlines()
            if line.count("│") == 3}  # fmt: skip
    assert rows["never run"] == "2" and rows["last collection"] == "never"
    assert any(key.startswith("digest 20") and value == "not written yet" for key, value in rows.items())
    runner.invoke(app, ["collect"])
    after = runner.invoke(app, ["status"])
    rows = {line.split("│")[1].strip(): line.split("│")[2].strip() for line in after.output.splitlines()
            if line.count("│") == 3}  # fmt: skip
    assert (rows["ok"], rows["failing"], rows["never run"]) == ("1", "1", "0")
    assert rows["last collection"].endswith("UTC")
    assert "groundswell sources` shows why" in after.output


FEED = b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>"


def _four_slow_feeds(http_server: LocalServer) -> str:
    tables = ""
    for name in "abcd":
        http_server.routes[f"/{name}.xml"] = Reply(200, FEED, {"Content-Type": "application/rss+xml"}, delay=0.3)
        tables += f'[[sources]]\nname = "{name}"\ntype = "rss"\nurl = "{http_server.url}/{name}.xml"\n'
    return "[http]\nconcurrency = 1\n" + tables


def test_an_interrupted_collection_starts_no_more_sources(tmp_path: Path, http_server: LocalServer) -> None:
    import tomllib
    from datetime import UTC, datetime

    from groundswell.collect import collect_sources
    from groundswell.config import config_from_dict
    from groundswell.store import Store

    config = config_from_dict(tomllib.loads(_four_slow_feeds(http_server)))
    store = Store.open(f"sqlite:///{tmp_path / 'gs.db'}")

    def interrupt(_result: object) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        collect_sources(config, store, on_done=interrupt)
    runs = store.runs_between(datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))
    assert 1 <= len(runs) <= 2  # the one done, and at most the one already running; never c and d
    assert all(run["status"] == "ok" for run in runs)
    assert len(http_server.requests) == len(runs)
    store.close()


def test_ctrl_c_during_collect_says_what_happens_and_exits_130(
    tmp_path: Path, http_server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import signal
    import threading
    import time

    _config(tmp_path, monkeypatch, _four_slow_feeds(http_server).replace("[http]\n", ""))  # concurrency 1

    def interrupt_once_collecting() -> None:
        deadline = time.monotonic() + 20
        while not http_server.requests and time.monotonic() < deadline:
            time.sleep(0.02)
        os.kill(os.getpid(), signal.SIGINT)

    threading.Thread(target=interrupt_once_collecting, daemon=True).start()
    result = CliRunner().invoke(app, ["collect"])
    assert result.exit_code == 130, result.output
    said = " ".join(result.output.split())
    assert "Stopping: sources not started are skipped" in said and "Ctrl-C again stops at once" in said
    assert "Interrupted: sources that had not started were skipped" in said
    assert len(http_server.requests) <= 2
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # the handler is put back


def test_a_source_named_twice_is_collected_once(
    tmp_path: Path, http_server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeRss(http_server, 2)
    _config(tmp_path, monkeypatch, f'[[sources]]\nname = "news"\ntype = "rss"\nurl = "{fake.url}/feed.xml"\n')
    result = CliRunner().invoke(app, ["collect", "news", "news"])
    assert result.exit_code == 0, result.output
    assert "2 new posts from 1 source(s); 0 failed." in result.output
    assert len([r for r in http_server.requests if r[1].endswith("/feed.xml")]) == 1


@pytest.mark.parametrize(("contact", "noted"), [(None, True), ("digital@example.org", True),
                                                ("data-team@riverside-care.org.uk", False)])  # fmt: skip
def test_collect_notes_a_contact_left_as_the_example(
    tmp_path: Path, http_server: LocalServer, monkeypatch: pytest.MonkeyPatch, contact: str | None, noted: bool
) -> None:
    fake = FakeRss(http_server, 1)
    setting = f'contact = "{contact}"\n' if contact else ""
    _config(tmp_path, monkeypatch, f'{setting}[[sources]]\nname = "news"\ntype = "rss"\nurl = "{fake.url}/feed.xml"\n')
    result = CliRunner().invoke(app, ["collect"])
    assert result.exit_code == 0, result.output
    assert ("http.contact in" in result.output) is noted


def test_sources_with_none_configured_says_how_to_add_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = _config(tmp_path, monkeypatch, "")
    shown = CliRunner().invoke(app, ["sources"])
    assert shown.exit_code == 0
    assert f"No sources are configured in {config}: add [[sources]] tables" in shown.output
