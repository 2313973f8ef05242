"""`groundswell digest` and `groundswell send` through the CLI runner, on a real store."""

from __future__ import annotations

import json
import webbrowser
from pathlib import Path

import pytest
import typer
from test_digest import KEYS, seeded_sqlite, this_week
from test_mail import RECIPIENTS, write_config
from typer.testing import CliRunner

from groundswell.cli import app
from groundswell.periods import Period


@pytest.fixture
def configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Period]:
    period, url = this_week(), seeded_sqlite(tmp_path)
    config = write_config(tmp_path, url, None)
    monkeypatch.setenv("GROUNDSWELL_CONFIG", str(config))
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path, period


def test_digest_formats(configured: tuple[Path, Period]) -> None:
    folder, period = configured
    runner = CliRunner()
    out = folder / "week.json"
    done = runner.invoke(app, ["digest", "--period", str(period), "--format", "json", "--output", str(out)])
    assert done.exit_code == 0, done.output
    assert list(json.loads(out.read_text(encoding="utf-8"))) == KEYS
    text = runner.invoke(app, ["digest", "--period", str(period), "--format", "text"])
    assert text.exit_code == 0 and "IN THREE LINES" in text.output and "Millbrook House" in text.output
    html = runner.invoke(app, ["digest", "--period", str(period)])
    assert html.exit_code == 0 and html.output.lstrip().startswith("<!DOCTYPE html>")


def test_digest_open_writes_the_preview_and_opens_it(configured: tuple[Path, Period],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    folder, period = configured
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    done = CliRunner().invoke(app, ["digest", "--period", str(period), "--open"])
    assert done.exit_code == 0, done.output
    preview = folder / "outbox" / f"digest-{period}.html"
    assert opened == [preview.resolve().as_uri()]
    assert "data:image/png;base64," in preview.read_text(encoding="utf-8")


def test_bad_period_and_format_are_clear(configured: tuple[Path, Period]) -> None:
    runner = CliRunner()
    bad = runner.invoke(app, ["digest", "--period", "2026-W99"])
    assert bad.exit_code == 2 and "2026-W99 is not an ISO week" in bad.output
    worse = runner.invoke(app, ["digest", "--format", "pdf"])
    assert worse.exit_code == 2 and "html, text or json" in worse.output


def test_send_dry_run_then_send_to_the_outbox(configured: tuple[Path, Period]) -> None:
    folder, period = configured
    runner = CliRunner()
    dry = runner.invoke(app, ["send", "--period", str(period), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert all(r in dry.output for r in RECIPIENTS) and "would write" in dry.output
    assert "nothing was sent" in dry.output and not (folder / "outbox").exists()
    sent = runner.invoke(app, ["send", "--period", str(period)])
    assert sent.exit_code == 0, sent.output
    assert "No [smtp] configured" in sent.output and f"digest-{period}.html" in sent.output
    assert len(list((folder / "outbox").glob("*.eml"))) == len(RECIPIENTS)


def test_send_reports_a_permanent_failure_and_exits_1(tmp_path: Path, smtp_server,  # type: ignore[no-untyped-def]
                                                      monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    host, port, inbox = smtp_server
    period, url = this_week(), seeded_sqlite(tmp_path)
    monkeypatch.setenv("GROUNDSWELL_CONFIG", str(write_config(tmp_path, url, (host, port))))
    monkeypatch.setenv("COLUMNS", "200")
    inbox.refuse["chair@example.org"] = ["550 5.1.1 [bold]No such user[/bold]"]
    done = CliRunner().invoke(app, ["send", "--period", str(period)])
    assert done.exit_code == 1
    assert "failed" in done.output and "[bold]No such user[/bold]" in done.output  # shown as text
    assert sorted(r for _, rcpts, _ in inbox.messages for r in rcpts) == ["ceo@example.org", "quality@example.org"]


def test_docs_describe_every_key_and_option() -> None:
    docs = (Path(__file__).resolve().parents[1] / "docs" / "digest.md").read_text(encoding="utf-8")
    for key in KEYS:
        assert f"| `{key}` |" in docs, f"docs/digest.md does not describe the {key!r} key"
    for command in ("digest", "send"):
        [cmd] = [c for c in app.registered_commands if (c.name or c.callback.__name__) == command]
        for option in typer.main.get_command_from_info(cmd, pretty_exceptions_short=True,
                                                       rich_markup_mode=None).params:  # fmt: skip
            for flag in option.opts:
                if flag.startswith("--"):
                    assert flag in docs, f"docs/digest.md does not mention {command} {flag}"


def test_an_unwritable_output_is_one_clear_line(configured: tuple[Path, Period]) -> None:
    folder, period = configured
    (folder / "taken").write_text("a file, not a folder", encoding="utf-8")
    done = CliRunner().invoke(app, ["digest", "--period", str(period), "--output", str(folder / "taken" / "d.html")])
    assert done.exit_code == 1 and "Cannot write" in done.output and "Traceback" not in done.output
