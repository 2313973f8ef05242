"""`groundswell digest` (build and show one week's digest) and `groundswell send` (deliver it)."""

from __future__ import annotations

import sys
import webbrowser
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table
from rich.text import Text

from ..cli import app, console, err_console, open_store, settings
from ..config import Config
from ..periods import Period, parse_period

if TYPE_CHECKING:  # the reports package (Jinja2, Pillow, css_inline) loads only when used
    from ..reports.mail import DeliveryReport

FORMATS = ("html", "text", "json")
PERIOD_HELP = "ISO week such as 2026-W47 (default: the last complete week)."


def _period(config: Config, text: str | None) -> Period:
    tz = config.schedule.timezone
    if text is None:
        return Period.last_complete(tz=tz)
    try:
        return parse_period(text, tz)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--period") from None


@app.command()
def digest(
    period: str | None = typer.Option(None, "--period", "-p", help=PERIOD_HELP),
    fmt: str = typer.Option("html", "--format", "-f", help="html, text or json."),
    output: Path | None = typer.Option(None, "--output", "-o", help="File to write (default: stdout)."),
    open_: bool = typer.Option(False, "--open", help="Write the HTML and open it in a browser, for a preview."),
    reanalyse: bool = typer.Option(False, "--reanalyse", help="Detect movements again even if saved."),
) -> None:
    """Build one week's digest from the store (analysing the week first if needed)."""
    from ..reports import prepare_digest, render_html, render_json, render_text

    if fmt not in FORMATS:
        raise typer.BadParameter("must be html, text or json", param_hint="--format")
    config = settings()
    week = _period(config, period)
    store = open_store(config)
    with console.status(f"Analysing {week}…"):
        data = prepare_digest(store, config, week, reanalyse=reanalyse)
    if open_:
        fmt = "html"
        output = output or config.outbox_dir / f"digest-{week}.html"
    body = {"json": render_json, "text": render_text}.get(fmt, lambda d: render_html(d, embed=True).html)(data)
    if output is None:
        sys.stdout.write(body)
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(body, encoding="utf-8")
    except OSError as exc:
        err_console.print(f"Cannot write {output}: {exc.strerror or exc}", highlight=False, markup=False)
        raise typer.Exit(1) from exc
    err_console.print(f"Wrote the {fmt} digest for {week} to {output}", highlight=False, markup=False)
    if open_:
        webbrowser.open(output.resolve().as_uri())


@app.command()
def send(
    period: str | None = typer.Option(None, "--period", "-p", help=PERIOD_HELP),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would go where; send and record nothing."),
) -> None:
    """Deliver the week's digest: by SMTP if configured, else as files in the outbox folder.

    Each recipient gets each week once: re-running after a crash sends only to those missed.
    """
    from ..reports.mail import PartialDelivery, send_digest

    config = settings()
    week = _period(config, period)
    store = open_store(config)
    try:
        report = send_digest(config, store, week, dry_run=dry_run)
    except PartialDelivery as exc:
        _show(exc.report)
        raise
    _show(report)
    if report.mode == "dry-run":
        console.print("Dry run: nothing was sent, written or recorded.")
    elif report.mode == "outbox":
        console.print(f"No [smtp] configured: the digest is in {config.outbox_dir}; "
                      f"preview: {report.files[0]}", highlight=False, markup=False)  # fmt: skip


def _show(report: DeliveryReport) -> None:
    table = Table(title=f"Digest {report.period} — {report.mode}")
    for column in ("recipient", "status", "detail"):
        table.add_column(column)
    for result in report.results:
        style = {"failed": "red", "sent": "green", "written": "green"}.get(result.status, "")
        table.add_row(Text(result.recipient), Text(result.status, style=style), Text(result.detail))
    console.print(table)
    if report.headline:
        console.print(report.headline, highlight=False, markup=False)
