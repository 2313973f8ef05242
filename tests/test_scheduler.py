"""The scheduler's job wiring, persistence across restarts, coalescing, the lease and a clean stop."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, EVENT_JOB_MISSED
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from conftest import LocalServer, Reply

from groundswell.config import load_config
from groundswell.periods import Period
from groundswell.scheduler import (
    JOB_TABLE,
    LOCK_NAME,
    Scheduler,
    SchedulerBusy,
    digest_job,
    next_runs,
    scheduled_jobs,
)
from groundswell.store import Store

LONDON = ZoneInfo("Europe/London")


def write_config(tmp_path: Path, url: str, *, sources: str | None = None, schedule: str = "") -> Path:
    if sources is None:
        sources = (
            '[[sources]]\nname = "news"\ntype = "rss"\nurl = "http://127.0.0.1:9/feed.xml"\n'
            "interval_minutes = 30\n\n"
            '[[sources]]\nname = "blog"\ntype = "rss"\nurl = "http://127.0.0.1:9/blog.xml"\n'
            "interval_minutes = 240\n\n"
            '[[sources]]\nname = "off"\ntype = "rss"\nurl = "http://127.0.0.1:9/off.xml"\n'
            "enabled = false\n"
        )
    path = tmp_path / "groundswell.toml"
    path.write_text(
        f'[store]\nurl = "{url}"\n\n[schedule]\n{schedule}\n\n'
        f'[digest]\nrecipients = ["lead@example.org"]\n\n{sources}',
        encoding="utf-8",
    )
    return path


def test_jobs_are_wired_persisted_and_reloaded_without_duplicates(tmp_path: Path, store: Store) -> None:
    path = write_config(tmp_path, store.engine.url.render_as_string(hide_password=False))
    config = load_config(path)
    first = Scheduler(config, store, stagger_seconds=3600)
    first.start()
    try:
        jobs = {job.id: job for job in first.aps.get_jobs(jobstore="default")}
        assert set(jobs) == {"collect:news", "collect:blog", "digest", "retention"}
        assert isinstance(jobs["collect:news"].trigger, IntervalTrigger)
        assert jobs["collect:news"].trigger.interval == timedelta(minutes=30)
        assert jobs["collect:blog"].trigger.interval == timedelta(minutes=240)
        assert jobs["collect:news"].args == (str(path), "news")
        digest = jobs["digest"]
        assert isinstance(digest.trigger, CronTrigger)
        assert digest.coalesce is True and digest.misfire_grace_time == 12 * 3600
        local = digest.next_run_time.astimezone(LONDON)
        assert (local.isoweekday(), local.hour, local.minute) == (1, 7, 0)
        assert timedelta(0) < digest.next_run_time - datetime.now(UTC) <= timedelta(days=7)
        retention = jobs["retention"].next_run_time.astimezone(LONDON)
        assert (retention.hour, retention.minute) == (3, 30)
        heartbeat = first.aps.get_job("heartbeat", jobstore="memory")
        assert heartbeat.executor == "lease" and heartbeat.trigger.interval == timedelta(seconds=60)
        planned = {job_id: when for job_id, _, when in first.jobs()}
    finally:
        first.stop()

    persisted = scheduled_jobs(store)
    assert set(persisted) == {"collect:news", "collect:blog", "digest", "retention"}
    assert abs(persisted["digest"] - planned["digest"]) < timedelta(seconds=1)
    assert set(next_runs(config, store)) == {"news", "blog"}

    # A restart reloads the same jobs: no duplicates, unchanged next run times.
    second = Scheduler(load_config(path), store, stagger_seconds=3600)
    second.start()
    try:
        again = {job_id: when for job_id, _, when in second.jobs()}
    finally:
        second.stop()
    assert set(again) == set(planned)
    for job_id, when in planned.items():
        assert abs(again[job_id] - when) < timedelta(seconds=1), job_id

    # A source removed from the config loses its job; a changed interval gets a new plan.
    write_config(
        tmp_path,
        store.engine.url.render_as_string(hide_password=False),
        sources='[[sources]]\nname = "news"\ntype = "rss"\nurl = "http://127.0.0.1:9/f.xml"\n'
        "interval_minutes = 15\n",
    )
    third = Scheduler(load_config(path), store, stagger_seconds=3600)
    third.start()
    try:
        jobs = {job.id: job for job in third.aps.get_jobs(jobstore="default")}
    finally:
        third.stop()
    assert set(jobs) == {"collect:news", "digest", "retention"}
    assert jobs["collect:news"].trigger.interval == timedelta(minutes=15)


def _set_persisted_next_run(store: Store, job_id: str, when: datetime) -> None:
    jobstore = SQLAlchemyJobStore(engine=store.engine, tablename=JOB_TABLE)
    jobstore.start(BackgroundScheduler(timezone=UTC), "default")
    job = jobstore.lookup_job(job_id)
    job._modify(next_run_time=when)
    jobstore.update_job(job)


def test_digest_missed_three_times_while_down_runs_once_on_start(tmp_path: Path, sqlite_store: Store) -> None:
    """A machine off over three digest times (all inside the grace) sends once, not three times."""
    due = (datetime.now(LONDON) - timedelta(minutes=30)).replace(second=0, microsecond=0)
    day = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[due.weekday()]
    path = write_config(
        tmp_path,
        str(sqlite_store.engine.url),
        sources="",
        schedule=f'digest_day = "{day}"\ndigest_time = "{due:%H:%M}"\nmisfire_grace_hours = 720\n',
    )
    config = load_config(path)
    first = Scheduler(config, sqlite_store)
    first.start()
    first.stop()
    # As if the machine went to sleep three weeks ago, just before that week's digest.
    _set_persisted_next_run(sqlite_store, "digest", due - timedelta(weeks=2))

    runs: list[tuple[str, datetime]] = []
    seen = threading.Event()

    def listen(event) -> None:  # type: ignore[no-untyped-def]
        if event.job_id == "digest":
            runs.append((event.code, event.scheduled_run_time, event.exception))
            seen.set()

    second = Scheduler(config, sqlite_store)
    second.aps.add_listener(listen, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    second.start()
    try:
        assert seen.wait(15), "the missed digest did not run"
        time.sleep(1.5)  # room for a second (wrong) run to show up
        [job] = [j for j in second.aps.get_jobs() if j.id == "digest"]
        next_time = job.next_run_time
    finally:
        second.stop()
    assert len(runs) == 1, runs
    assert runs[0][0] == EVENT_JOB_EXECUTED and runs[0][2] is None, runs
    # It really sent: one digest for the last complete week, written once to the outbox.
    period = Period.last_complete(tz="Europe/London")
    assert [p.name for p in (tmp_path / "outbox").glob("*.eml")] == [f"digest-{period}-lead@example.org.eml"]
    assert abs(runs[0][1] - due) < timedelta(seconds=1)  # coalesced to the latest missed time
    assert next_time - due == timedelta(weeks=1)


FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Care news</title><link>https://news.example.org/</link>
<item><title>Council cuts home care visits to 15 minutes</title><guid>a1</guid>
<pubDate>Mon, 23 Nov 2026 09:00:00 GMT</pubDate>
<description>Families say the shorter visits leave older people rushed and unsafe.</description></item>
<item><title>Care home staff allege bullying by managers</title><guid>a2</guid>
<pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate>
<description>Whistleblowers say concerns about night staffing were ignored.</description></item>
<item><title>Skincare tips for winter</title><guid>a3</guid>
<pubDate>Tue, 24 Nov 2026 11:00:00 GMT</pubDate>
<description>Moisturise and drink plenty of water.</description></item>
</channel></rss>"""


def test_collect_job_collects_then_classifies(
    tmp_path: Path, sqlite_store: Store, http_server: LocalServer, trained_model_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GROUNDSWELL_MODEL_DIR", str(trained_model_dir))
    http_server.routes["/feed.xml"] = Reply(200, FEED, {"Content-Type": "application/rss+xml", "ETag": '"v1"'})
    path = write_config(
        tmp_path, str(sqlite_store.engine.url),
        sources=f'[[sources]]\nname = "news"\ntype = "rss"\nurl = "{http_server.url}/feed.xml"\n',
    )  # fmt: skip
    results: list[object] = []
    done = threading.Event()

    def listen(event) -> None:  # type: ignore[no-untyped-def]
        if event.job_id == "collect:news":
            results.append(event.exception or event.retval)
            done.set()

    scheduler = Scheduler(load_config(path), sqlite_store, stagger_seconds=0.2)
    scheduler.aps.add_listener(listen, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    scheduler.start()
    try:
        assert done.wait(20), "the collect job did not run"
        [job] = [j for j in scheduler.aps.get_jobs() if j.id == "collect:news"]
        next_time = job.next_run_time
    finally:
        scheduler.stop()
    assert results == ["news: 3 new, 0 duplicates, 3 labelled"]
    assert sqlite_store.count_posts() == 3 and sqlite_store.count_unlabelled() == 0
    assert sqlite_store.source_status()["news"]["last_success"] is not None
    assert timedelta(minutes=59) < next_time - datetime.now(UTC) <= timedelta(minutes=60)


def test_a_digest_missed_beyond_the_grace_is_skipped_not_sent_late(tmp_path: Path, sqlite_store: Store) -> None:
    due = (datetime.now(LONDON) - timedelta(hours=13)).replace(second=0, microsecond=0)
    day = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[due.weekday()]
    schedule = f'digest_day = "{day}"\ndigest_time = "{due:%H:%M}"\nmisfire_grace_hours = 12\n'
    path = write_config(tmp_path, str(sqlite_store.engine.url), sources="", schedule=schedule)
    config = load_config(path)
    first = Scheduler(config, sqlite_store)
    first.start()
    first.stop()
    _set_persisted_next_run(sqlite_store, "digest", due)
    codes: list[int] = []
    seen = threading.Event()

    def listen(event) -> None:  # type: ignore[no-untyped-def]
        if event.job_id == "digest":
            codes.append(event.code)
            seen.set()

    second = Scheduler(config, sqlite_store)
    second.aps.add_listener(listen, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR | EVENT_JOB_MISSED)
    second.start()
    try:
        assert seen.wait(15)
        time.sleep(0.5)
        [job] = [j for j in second.aps.get_jobs() if j.id == "digest"]
        next_time = job.next_run_time
    finally:
        second.stop()
    assert codes == [EVENT_JOB_MISSED]
    assert not list((tmp_path / "outbox").glob("*.eml"))
    assert next_time - due == timedelta(weeks=1)


def test_a_second_scheduler_cannot_take_the_lease(tmp_path: Path, store: Store) -> None:
    path = write_config(tmp_path, store.engine.url.render_as_string(hide_password=False), sources="")
    config = load_config(path)
    first = Scheduler(config, store)
    first.start()
    try:
        other_store = Store.open(store.engine.url.render_as_string(hide_password=False))
        second = Scheduler(load_config(path), other_store)
        with pytest.raises(SchedulerBusy, match="holds the scheduler lease"):
            second.start()
        assert not second.running
        assert first.running
    finally:
        first.stop()
    second.start()  # released on stop: the next one may start at once
    second.stop()
    other_store.close()


def test_digest_is_skipped_when_the_lease_was_lost(tmp_path: Path, sqlite_store: Store) -> None:
    path = write_config(tmp_path, str(sqlite_store.engine.url), sources="")
    first = Scheduler(load_config(path), sqlite_store)
    first.start()
    try:
        # The lease lapsed (say the machine froze) and another scheduler took it.
        sqlite_store.release_lock(LOCK_NAME, first.holder)
        assert sqlite_store.acquire_lock(LOCK_NAME, "intruder", timedelta(minutes=3))
        assert digest_job(str(path)).startswith("skipped: lease lost")
        first._heartbeat()
        assert first.lost_lease.is_set()
    finally:
        first.stop()
    assert not sqlite_store.acquire_lock(LOCK_NAME, "third", timedelta(minutes=3))  # intruder kept it


def test_groundswell_run_refuses_a_second_and_stops_cleanly_on_sigterm(tmp_path: Path, sqlite_url: str) -> None:
    path = write_config(tmp_path, sqlite_url, sources="")
    exe = Path(sys.executable).with_name("groundswell")
    env = {**os.environ, "GROUNDSWELL_CONFIG": str(path), "COLUMNS": "200"}
    proc = subprocess.Popen([str(exe), "run"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env, cwd=tmp_path)  # fmt: skip
    lines: list[str] = []
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if line.startswith("Running."):
                break
        assert lines and lines[-1].startswith("Running."), "".join(lines) + proc.stderr.read()
        # A second scheduler on the same store refuses to start, and says why.
        second = subprocess.run([str(exe), "run"], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=30)
        assert second.returncode == 1
        assert "holds the scheduler lease" in " ".join(second.stderr.split())
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "stopped cleanly" in out
    store = Store.open(sqlite_url)
    try:
        assert store.acquire_lock(LOCK_NAME, "next", timedelta(minutes=1))  # the lease was released
        assert set(scheduled_jobs(store)) == {"digest", "retention"}
    finally:
        store.close()


def _report_job(monkeypatch: pytest.MonkeyPatch, result: str, error: Exception) -> tuple[str, str]:
    """What `groundswell run` prints for one finished and one failed job."""
    import io

    from apscheduler.events import JobExecutionEvent
    from rich.console import Console

    from groundswell.commands import run as run_command

    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(run_command, "console", Console(file=out, width=200))
    monkeypatch.setattr(run_command, "err_console", Console(file=err, width=200))
    when = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
    run_command._report(JobExecutionEvent(EVENT_JOB_EXECUTED, "collect:news", "default", when, retval=result))
    run_command._report(JobExecutionEvent(EVENT_JOB_ERROR, "collect:news", "default", when, exception=error))
    return out.getvalue(), err.getvalue()


def test_job_results_are_printed_as_text_not_markup(monkeypatch: pytest.MonkeyPatch) -> None:
    hostile = "news: [bold red]0 new[/] [link=https://evil.example]click[/link]"
    out, err = _report_job(monkeypatch, hostile, ValueError("[/] broken [red]feed[/red]"))
    assert hostile in out
    assert "ValueError: [/] broken [red]feed[/red]" in err


def test_a_job_falling_due_while_stopping_keeps_its_run(
    tmp_path: Path, sqlite_store: Store, http_server: LocalServer, trained_model_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Stopping waits for running jobs; a job that falls due meanwhile is left due for next time."""
    monkeypatch.setenv("GROUNDSWELL_MODEL_DIR", str(trained_model_dir))
    started = threading.Event()

    def slow(_handler) -> Reply:  # type: ignore[no-untyped-def]
        started.set()
        return Reply(200, FEED, {"Content-Type": "application/rss+xml"}, delay=1.5)

    http_server.routes["/slow.xml"] = slow
    http_server.routes["/fast.xml"] = Reply(200, FEED, {"Content-Type": "application/rss+xml"})
    sources = "".join(f'[[sources]]\nname = "{n}"\ntype = "rss"\nurl = "{http_server.url}/{n}.xml"\n\n'
                      for n in ("slow", "fast"))  # fmt: skip
    path = write_config(tmp_path, str(sqlite_store.engine.url), sources=sources)
    scheduler = Scheduler(load_config(path), sqlite_store, stagger_seconds=0.3)
    scheduler.start()
    try:
        assert started.wait(10)
    finally:
        scheduler.stop()  # waits for "slow"; "fast" falls due while it waits
    due = scheduled_jobs(sqlite_store)
    assert due["collect:fast"] < datetime.now(UTC)  # still due: it runs first thing next start
    assert due["collect:slow"] > datetime.now(UTC) + timedelta(minutes=50)


def test_job_results_show_control_and_bidi_characters_as_escapes(monkeypatch: pytest.MonkeyPatch) -> None:
    hostile = "news: failed (parse) \x1b[2J\u202eevil\nretention: 0 posts purged"
    out, err = _report_job(monkeypatch, hostile, ValueError("\x1b]8;;https://evil.example\x07x"))
    assert "news: failed (parse) \\x1b[2J\\u202eevil\\nretention: 0 posts purged" in out
    assert "ValueError: \\x1b]8;;https://evil.example\\x07x" in err
    assert not {"\x1b", "\u202e", "\x07"} & set(out + err)

def test_log_lines_show_control_characters_as_escapes() -> None:
    import logging

    from groundswell.cli import _PlainFormatter

    record = logging.LogRecord("groundswell.collect", logging.INFO, __file__, 1, "source %s failed: %s",
                               ("news", "\x1b[31mred\u2066"), None)  # fmt: skip
    assert _PlainFormatter("%(message)s").format(record) == "source news failed: \\x1b[31mred\\u2066"


def test_stopping_says_which_jobs_it_waits_for(
    tmp_path: Path, sqlite_url: str, http_server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from functools import partial

    from typer.testing import CliRunner

    from groundswell.cli import app
    from groundswell.commands import run as run_command

    feed = b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>"
    http_server.routes["/slow.xml"] = Reply(200, feed, {"Content-Type": "application/rss+xml"}, delay=0.8)
    path = write_config(tmp_path, sqlite_url, sources=f'[[sources]]\nname = "slow"\ntype = "rss"\n'
                                                      f'url = "{http_server.url}/slow.xml"\n')  # fmt: skip
    monkeypatch.setattr(run_command, "Scheduler", partial(run_command.Scheduler, stagger_seconds=0.05))
    monkeypatch.setenv("COLUMNS", "200")

    def interrupt_once_collecting() -> None:
        deadline = time.monotonic() + 20
        while not http_server.requests and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.1)
        os.kill(os.getpid(), signal.SIGINT)

    threading.Thread(target=interrupt_once_collecting, daemon=True).start()
    result = CliRunner().invoke(app, ["--config", str(path), "run"])
    assert result.exit_code == 0, result.output
    assert "Stopping: waiting for collect:slow to finish; Ctrl-C again stops at once." in result.output
    assert "collect:slow" in result.output.split("Stopping:")[1]  # its result is still reported
    assert "stopped cleanly" in result.output


def test_a_failed_collection_is_not_reported_in_green(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from apscheduler.events import JobExecutionEvent
    from rich.console import Console

    from groundswell.commands import run as run_command

    out = io.StringIO()
    console = Console(file=out, width=200, force_terminal=True, color_system="standard")
    monkeypatch.setattr(run_command, "console", console)
    when = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
    run_command._report(JobExecutionEvent(EVENT_JOB_EXECUTED, "collect:news", "default", when,
                                          retval="news: failed (unavailable) down; 0 new"))  # fmt: skip
    run_command._report(JobExecutionEvent(EVENT_JOB_EXECUTED, "collect:blog", "default", when,
                                          retval="blog: 3 new, 0 duplicates, 3 labelled"))  # fmt: skip
    failed, ok = out.getvalue().splitlines()
    assert "\x1b[33mcollect:news" in failed and "\x1b[32mcollect:blog" in ok
