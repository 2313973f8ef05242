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
