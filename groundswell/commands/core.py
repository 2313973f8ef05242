"""Commands for setting up, collecting, importing and exporting."""

from __future__ import annotations

import re
import signal
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType

import typer
from rich.table import Table
from rich.text import Text

from ..cli import app, config_file, console, err_console, open_store, plain, safe, settings
from ..collect import RunResult, collect_sources
from ..config import Config, HttpSettings, load_config, starter_config
from ..errors import ImportDataError
from ..io import export_posts, import_posts, parse_time
from ..store import Store


@app.command()
def init(
    path: Path | None = typer.Argument(
        None, help="Where to write it (default: --config, else GROUNDSWELL_CONFIG, else ./groundswell.toml)."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
) -> None:
    """Write a commented starter config for a care organisation."""
    target = path or config_file()  # where the other commands will look for it
    if target.exists() and not force:
        err_console.print(f"{safe(target)} already exists; use --force to overwrite it.", highlight=False)
        raise typer.Exit(1)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(starter_config(), encoding="utf-8")
    load_config(target)  # the starter must always be valid
    found = target.resolve() == config_file().resolve()
    then = "groundswell collect" if found else f"groundswell --config {target} collect"
    console.print(f"Wrote {safe(target)}. Edit [bold]organisation[/], [bold]digest.recipients[/] and "
                  f"[bold]sources[/], then run [bold]{safe(then)}[/].", highlight=False)  # fmt: skip


@app.command()
def collect(
    sources: list[str] | None = typer.Argument(None, help="Source names (default: all enabled)."),
) -> None:
    """Collect new posts from the configured sources now.

    One line per source as it finishes. Exit status: 0 if at least one source worked, 1 if every source failed, 2 if a source could not run because of its configuration (say an _env variable that is not set), so a cron job notices what only a person can fix.
    """  # noqa: E501  (one line per paragraph: the help wraps it to the terminal)
    config = settings()
    store = open_store(config)
    names = list(dict.fromkeys(sources)) if sources else [s.name for s in config.sources if s.enabled]
    if not names:
        err_console.print(f"No enabled sources are configured in {safe(config.path)}.", highlight=False)
        raise typer.Exit(1)
    contact = config.http.contact
    if contact == HttpSettings.model_fields["contact"].default or re.search(r"@example\.(org|com|net)\b", contact):
        err_console.print(f"[yellow]Note:[/] http.contact in {safe(config.path)} is still {safe(contact)!r}; put an "
                          "address the services can reach you at (some refuse or block clients without one).",
                          highlight=False)  # fmt: skip
    label = f"Collecting from {len(names)} source(s)"
    finished: list[str] = []

    def on_interrupt(_signum: int, _frame: FrameType | None) -> None:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # a second Ctrl-C stops at once
        err_console.print(f"Stopping: sources not started are skipped; waiting for those collecting now to finish "
                          f"({len(finished)} of {len(names)} done). Ctrl-C again stops at once.")  # fmt: skip
        raise KeyboardInterrupt

    main = threading.current_thread() is threading.main_thread()  # signal handlers live on the main thread
    previous = signal.signal(signal.SIGINT, on_interrupt) if main else None
    try:
        results = _collect_with_progress(config, store, names, label, finished)
    except KeyboardInterrupt:
        err_console.print("Interrupted: sources that had not started were skipped; `groundswell sources` shows "
                          "each source's last run.", markup=False)  # fmt: skip
        raise typer.Exit(130) from None
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    failed = [r for r in results if not r.ok]
    console.print(f"{sum(r.new for r in results)} new posts from {len(results)} source(s); {len(failed)} failed.")
    misconfigured = [r.source for r in failed if r.error_kind == "config"]
    if misconfigured:
        err_console.print(f"Fix the configuration of {safe(', '.join(misconfigured))} ({safe(config.path)}), "
                          "then collect again.", highlight=False)  # fmt: skip
        raise typer.Exit(2)
    if failed and len(failed) == len(results):
        raise typer.Exit(1)


def _collect_with_progress(
    config: Config, store: Store, names: list[str], label: str, finished: list[str]
) -> list[RunResult]:
    """Collect, printing one line per source as it finishes and the count done on the spinner."""
    with console.status(f"{label}…") as status:

        def done(result: RunResult) -> None:
            finished.append(result.source)
            counts = f"{result.new} new" + (f", {result.duplicates} linked as duplicates" if result.duplicates else "")
            if result.ok:
                line = f"  {safe(result.source)}: [green]ok[/], {counts}"
            else:  # an error can quote what a hostile server said: shown as text, never obeyed
                line = (f"  {safe(result.source)}: [red]failed ({safe(result.error_kind)})[/], {counts} — "
                        f"{safe(result.error, newlines=False)}")  # fmt: skip
            status.console.print(line, highlight=False)
            status.update(f"{label}: {len(finished)} done…")

        return collect_sources(config, store, names, on_done=done)


@app.command()
def sources() -> None:
    """Show every configured source: last success, last error, recent posts, next run."""
    from ..scheduler import next_runs

    config = settings()
    if not config.sources:
        console.print(f"No sources are configured in {safe(config.path)}: add [[sources]] tables "
                      "(docs/collectors.md lists each type's settings).", highlight=False, markup=False)  # fmt: skip
        return
    store = open_store(config)
    status = store.source_status()
    upcoming = next_runs(config, store)
    table = Table(title="Sources")
    for column in ("source", "type", "state", "last success", "last error", "24 h", "7 days", "next run"):
        table.add_column(column, overflow="fold")
    errors: list[tuple[str, str]] = []
    for source in config.sources:
        info = status.get(source.name, {})
        ok_at, error_at = info.get("last_success"), info.get("last_error_at")
        state = ("never run" if not (ok_at or error_at) else
                 "[green]ok[/]" if ok_at and (not error_at or ok_at >= error_at) else "[red]failing[/]")  # fmt: skip
        error: Text | str = "—"
        if info.get("last_error"):
            # the table shows when and what kind; the reason, which can be long, follows the table
            kind, _, reason = str(info["last_error"]).partition(": ")
            error = Text(f"{_when(error_at)} {plain(kind)}")
            errors.append((source.name, reason))
        table.add_row(
            Text(source.name + ("" if source.enabled else " (disabled)")),  # names and errors are
            source.type,  # shown as text: an error can quote what a hostile server said
            state,
            _when(ok_at),
            error,
            str(info.get("posts_24h", 0)),
            str(info.get("posts_7d", 0)),
            _when(upcoming.get(source.name)),
        )
    console.print(table)
    if errors:
        console.print("Last errors:")
        for name, reason in errors:
            console.print(Text(f"  {name}: {plain(reason, newlines=False)}"), soft_wrap=True)


def _when(value: datetime | None) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC") if value else "—"


@app.command("import")
def import_(file: Path = typer.Argument(..., exists=True, dir_okay=False, help="Posts as JSON Lines.")) -> None:
    """Import posts from a JSON Lines file (format in docs/architecture.md).

    Good lines are imported and bad ones reported as FILE:LINE: problem (the first 50); the exit status is 1 if any line was bad. The file is UTF-8; a line over 1 MB is skipped.
    """  # noqa: E501  (one line per paragraph: the help wraps it to the terminal)
    config = settings()
    store = open_store(config)
    with err_console.status(f"Importing {safe(file)}…") as progress:
        saved, problems = import_posts(
            store, file, on_batch=lambda line: progress.update(f"Importing {safe(file)}: line {line:,}…")
        )
    for number, problem in problems[:50]:
        err_console.print(f"{plain(file)}:{number}: {plain(problem, newlines=False)}", highlight=False,
                          soft_wrap=True, markup=False)  # fmt: skip
    if len(problems) > 50:
        err_console.print(f"… and {len(problems) - 50} more bad lines")
    if not problems and not (saved.new or saved.updated or saved.duplicates) and file.stat().st_size == 0:
        err_console.print(f"{plain(file)} is empty: nothing to import.", highlight=False, markup=False, soft_wrap=True)
    console.print(f"Imported {saved.new} new posts ({saved.duplicates} linked as duplicates); "
                  f"{len(problems)} bad line(s).")  # fmt: skip
    if problems:
        raise ImportDataError(problems, saved.new)


@app.command()
def export(
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl or csv."),
    since: str | None = typer.Option(
        None, "--since", help="Only posts created on or after this date (YYYY-MM-DD, from midnight UTC) or ISO time."
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="File to write (default: stdout)."),
) -> None:
    """Export posts with their labels."""
    if fmt not in ("jsonl", "csv"):
        raise typer.BadParameter("must be jsonl or csv", param_hint="--format")
    try:
        start = parse_time(since if since is None or "T" in since else f"{since}T00:00:00Z") if since else None
    except ValueError:
        raise typer.BadParameter("a date such as 2026-11-01", param_hint="--since") from None
    store = open_store(settings())
    if output:
        # written beside the target and moved into place: a failed export leaves no half a file
        partial = output.with_name(f".{output.name}.partial")
        try:
            with partial.open("w", encoding="utf-8", newline="") as handle:
                count = export_posts(store, handle, fmt, start)
            partial.replace(output)
        except OSError as exc:
            if partial.parent.is_dir():
                partial.unlink(missing_ok=True)
            err_console.print(f"Cannot write {safe(output)}: {safe(exc.strerror or exc)}", highlight=False,
                              soft_wrap=True)  # fmt: skip
            raise typer.Exit(1) from None
        err_console.print(f"Wrote {count} posts to {safe(output)}", highlight=False, soft_wrap=True)
    else:
        export_posts(store, sys.stdout, fmt, start)


@app.command()
def status() -> None:
    """Summarise the store: posts, labels, sources, and last week's digest."""
    from ..periods import Period

    config = settings()
    store = open_store(config)
    table = Table(title=f"Groundswell store ({store.dialect})")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("posts", str(store.count_posts()))
    table.add_row("unique posts", str(store.count_posts(unique_only=True)))
    table.add_row("posts waiting for labels", str(store.count_unlabelled()))
    table.add_row("sources configured", str(len(config.sources)))
    runs = store.source_status()
    states = {"ok": 0, "failing": 0, "never run": 0}
    for source in config.sources:
        info = runs.get(source.name, {})
        ok_at, error_at = info.get("last_success"), info.get("last_error_at")
        states["never run" if not (ok_at or error_at) else
               "ok" if ok_at and (not error_at or ok_at >= error_at) else "failing"] += 1  # fmt: skip
    for state, count in states.items():
        table.add_row(f"  {state}", f"[red]{count}[/]" if state == "failing" and count else str(count))
    finished = [t for info in runs.values() for t in (info.get("last_success"), info.get("last_error_at")) if t]
    table.add_row("last collection", _when(max(finished)) if finished else "never")
    period = Period.last_complete(tz=config.schedule.timezone)
    if config.smtp is None:  # the outbox keeps no delivery records: the file is the record
        preview = config.outbox_dir / f"digest-{period}.html"
        table.add_row(f"digest {period}", "in the outbox" if preview.exists() else "not written yet")
    else:
        outcome = [(store.delivery(str(period), r.lower()) or {}).get("status") for r in config.digest.recipients]
        sent, failed = outcome.count("sent"), outcome.count("failed")
        table.add_row(f"digest {period}", f"sent to {sent} of {len(outcome)} recipient(s)"
                      + (f", [red]failed for {failed}[/]" if failed else ""))  # fmt: skip
    console.print(table)
    if states["failing"]:
        console.print("`groundswell sources` shows why.", markup=False)
