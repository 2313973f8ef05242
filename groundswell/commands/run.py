"""`groundswell run` (the scheduler in the foreground) and `groundswell demo` (the offline tour)."""

from __future__ import annotations

import signal
import threading
from datetime import UTC
from pathlib import Path
from types import FrameType

import typer
from apscheduler.events import (
    EVENT_JOB_ERROR,
    EVENT_JOB_EXECUTED,
    EVENT_JOB_MISSED,
    EVENT_JOB_SUBMITTED,
    JobEvent,
    JobSubmissionEvent,
)
from rich.table import Table

from ..cli import app, console, err_console, open_store, safe, settings
from ..scheduler import HEARTBEAT_JOB, Scheduler


def _report(event: JobEvent) -> None:
    if event.job_id == HEARTBEAT_JOB and not event.exception:
        return
    stamp = event.scheduled_run_time.astimezone(UTC).strftime("%H:%M:%S") if event.scheduled_run_time else ""
    if event.code == EVENT_JOB_MISSED:
        err_console.print(f"[yellow]{safe(event.job_id)}[/]: missed its {stamp} run (beyond the misfire grace)")
    elif event.exception is not None:
        # error texts and results carry words from remote services: print them as text, never markup
        err_console.print(f"[red]{safe(event.job_id)}[/] failed: {type(event.exception).__name__}: "
                          f"{safe(event.exception, newlines=False)}", highlight=False)  # fmt: skip
    else:  # a collection that failed returns its reason (the job itself did not raise): not green
        colour = "yellow" if isinstance(event.retval, str) and ": failed (" in event.retval else "green"
        console.print(f"[{colour}]{safe(event.job_id)}[/] ({stamp} UTC) {safe(event.retval, newlines=False)}",
                      highlight=False)  # fmt: skip


@app.command()
def run() -> None:
    """Run the scheduler in the foreground: collect, classify, send the weekly digest, purge.

    Jobs are kept in the store's database, so a restart resumes the plan (and a digest missed while the machine slept is sent once). Only one scheduler may run per store. Stop with Ctrl-C or SIGTERM; running jobs finish first (a second Ctrl-C stops at once).
    """  # noqa: E501  (one line per paragraph: the help wraps it to the terminal)
    config = settings()
    store = open_store(config)
    scheduler = Scheduler(config, store)
    stop = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        stop.set()
        # a second Ctrl-C or SIGTERM stops at once, without waiting for running jobs
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)

    running: dict[str, int] = {}  # job id -> runs in flight, so stopping can say what it waits for
    lock = threading.Lock()

    def track(event: JobEvent | JobSubmissionEvent) -> None:
        if event.job_id == HEARTBEAT_JOB:
            return
        with lock:
            if event.code == EVENT_JOB_SUBMITTED:
                running[event.job_id] = running.get(event.job_id, 0) + 1
            elif running.get(event.job_id, 0) > 1:
                running[event.job_id] -= 1
            else:
                running.pop(event.job_id, None)

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    scheduler.aps.add_listener(track, EVENT_JOB_SUBMITTED | EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    scheduler.aps.add_listener(_report, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR | EVENT_JOB_MISSED)
    try:
        scheduler.start()
        table = Table(title=f"Groundswell scheduler ({store.dialect}, lease {scheduler.holder})")
        for column in ("job", "what", "next run (UTC)"):
            table.add_column(column)
        for job_id, name, when in scheduler.jobs():
            table.add_row(job_id, name, when.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S") if when else "paused")
        console.print(table)
        console.print("Running. Press Ctrl-C (or send SIGTERM) to stop.")
        while not stop.wait(0.5):
            if scheduler.lost_lease.is_set():
                err_console.print("[red]Another scheduler took the lease on this store; stopping.[/]")
                break
        with lock:
            busy = sorted(running)
        if busy:
            console.print(f"Stopping: waiting for {safe(', '.join(busy))} to finish; Ctrl-C again stops at once.",
                          highlight=False)  # fmt: skip
        else:
            console.print("Stopping…")
    finally:
        scheduler.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    console.print("Scheduler stopped cleanly; lease released.")
    if scheduler.lost_lease.is_set():
        raise typer.Exit(1)


@app.command()
def demo(
    directory: Path = typer.Option(
        Path("demo-output"), "--dir", help="Where the demo writes its config, store and outbox."
    ),
    posts: int = typer.Option(0, "--posts", min=0, help="Scale the sample to about this many posts (0: full)."),
    seed: int = typer.Option(7, "--seed", help="Seed for the sample generator."),
) -> None:
    """Run the whole flow offline on a bundled sample: serve it on 127.0.0.1, collect it with the real collectors, classify, analyse, and write the digest to an outbox.

    The folder gets its own config, store and outbox; running again replaces them. See docs/demo.md.
    """  # noqa: E501  (one line per paragraph: the help wraps it to the terminal)
    from ..demo.runner import run_demo

    run_demo(directory, posts=posts or None, seed=seed, console=console)
