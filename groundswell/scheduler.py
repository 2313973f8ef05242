"""The scheduler behind ``groundswell run``: APScheduler 3 with its jobs kept in the store.

Jobs (stable ids, persisted in the ``scheduler_jobs`` table of the same database):

    collect:<source>  every ``interval_minutes``; classifies new posts after collecting
    digest            cron, ``schedule.digest_day`` at ``digest_time`` in ``schedule.timezone``
    retention         cron, daily at ``schedule.retention_time``: ``store.purge``
    heartbeat         (in memory, per process) renews this scheduler's lease on the store

Why the pieces are as they are:

- Job functions are module-level and take only the config path (and a source name), because
  the job store pickles references and arguments, never closures.
- ``coalesce=True`` with a misfire grace: a machine that slept over Monday 07:00 runs the digest
  once when it wakes (if within ``misfire_grace_hours``), not once per missed week. On restart a
  job whose definition has not changed keeps its persisted next run time, so a run missed while
  the process was down is also caught up, once.
- The heartbeat also bounds how long the scheduler sleeps: APScheduler waits on a monotonic
  clock, which on Linux stops while the machine is suspended, so without a job every minute a
  laptop that slept over Monday could wake and still wait hours for its next check.
- One scheduler per store: a lease (``store.acquire_lock``) renewed by the heartbeat. A second
  ``groundswell run`` against the same store refuses to start (:class:`SchedulerBusy`), because
  two APScheduler instances sharing a job store would both run every job. The digest job renews
  the lease before sending and skips the send if the lease has been lost.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import STATE_STOPPED
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from apscheduler.util import undefined

from .config import Config, load_config
from .errors import GroundswellError
from .periods import Period
from .store import Store

__all__ = [
    "JOB_TABLE",
    "LOCK_NAME",
    "JobSpec",
    "Scheduler",
    "SchedulerBusy",
    "collect_job",
    "digest_job",
    "next_runs",
    "plan_jobs",
    "retention_job",
    "run_retention",
    "scheduled_jobs",
]

log = logging.getLogger(__name__)

JOB_TABLE = "scheduler_jobs"
LOCK_NAME = "scheduler"
LOCK_TTL = timedelta(minutes=3)
HEARTBEAT_SECONDS = 60
DIGEST_JOB = "digest"
RETENTION_JOB = "retention"
HEARTBEAT_JOB = "heartbeat"


class SchedulerBusy(GroundswellError):
    """Another scheduler holds the lease on this store."""


# --- the work each job does (plain functions the CLI can call too) -------------------------
_stores: dict[str, Store] = {}
_stores_lock = threading.Lock()
_classify_lock = threading.Lock()
_holder: dict[str, str] = {}  # database url -> lease holder of the scheduler in this process


def _store_for(config: Config) -> Store:
    """One open store per database in this process: migrating on every job run is wasteful."""
    url = config.database_url
    with _stores_lock:
        if url not in _stores:
            _stores[url] = Store.open(url)
        return _stores[url]


def run_retention(config: Config, store: Store, now: datetime | None = None) -> int:
    """Purge text, handles and raw payloads older than ``store.retention_days``; aggregates stay."""
    cutoff = (now or datetime.now(UTC)) - timedelta(days=config.store.retention_days)
    return store.purge(cutoff)


def classify_pending(config: Config, store: Store) -> int:
    """Label posts that have none yet. One at a time per process: sources finish together."""
    from .classify import classify_new

    with _classify_lock:
        return classify_new(store, config)


def send_period_digest(config: Config, store: Store, period: Period) -> Any:
    """Build and deliver one week's digest through the same function `groundswell send` uses."""
    from .reports.mail import send_digest

    return send_digest(config, store, period)


def collect_job(config_path: str, source: str) -> str:
    """Collect one source, then classify what arrived."""
    from .collect import collect_sources

    config = load_config(config_path)
    store = _store_for(config)
    if source not in {s.name for s in config.sources if s.enabled}:
        return f"{source}: no longer configured or enabled; skipped"
    [result] = collect_sources(config, store, [source])
    labelled = classify_pending(config, store) if result.new else 0
    if not result.ok:
        return f"{source}: failed ({result.error_kind}) {result.error}; {result.new} new"
    return f"{source}: {result.new} new, {result.duplicates} duplicates, {labelled} labelled"


def digest_job(config_path: str) -> str:
    """Send the digest for the last complete week, if this process still holds the lease."""
    config = load_config(config_path)
    store = _store_for(config)
    holder = _holder.get(config.database_url)
    if holder is not None and not store.acquire_lock(LOCK_NAME, holder, LOCK_TTL):
        log.error("digest not sent: this scheduler no longer holds the lease on the store")
        return "skipped: lease lost to another scheduler"
    classify_pending(config, store)
    period = Period.last_complete(tz=config.schedule.timezone)
    result = send_period_digest(config, store, period)
    return f"digest {period}: {result}"


def retention_job(config_path: str) -> str:
    """Purge what the retention policy no longer allows us to keep."""
    config = load_config(config_path)
    purged = run_retention(config, _store_for(config))
    return f"retention: {purged} posts purged (older than {config.store.retention_days} days)"


# --- the plan: which jobs, with which triggers ----------------------------------------------
@dataclass(frozen=True)
class JobSpec:
    """One persisted job. ``name`` describes the definition; a changed name means a new plan."""

    id: str
    func: Callable[..., Any]
    args: tuple[str, ...]
    trigger: BaseTrigger
    name: str
    misfire_grace_time: int | None


def _hour_minute(value: str) -> tuple[int, int]:
    hour, minute = value.split(":")
    return int(hour), int(minute)


def plan_jobs(config: Config) -> list[JobSpec]:
    """The persisted jobs a config asks for (the heartbeat is added per process)."""
    if config.path is None:
        raise GroundswellError("the scheduler needs a config file: jobs reload it on every run")
    path = str(config.path)
    sched = config.schedule
    tz = ZoneInfo(sched.timezone)
    grace = int(sched.misfire_grace_hours * 3600)
    specs = [
        JobSpec(
            id=f"collect:{source.name}",
            func=collect_job,
            args=(path, source.name),
            trigger=IntervalTrigger(minutes=source.interval_minutes, timezone=tz),
            name=f"collect {source.name} every {source.interval_minutes} min",
            misfire_grace_time=None,  # a missed collection is always worth catching up, once
        )
        for source in config.sources
        if source.enabled
    ]
    hour, minute = _hour_minute(sched.digest_time)
    specs.append(JobSpec(
        id=DIGEST_JOB, func=digest_job, args=(path,),
        trigger=CronTrigger(day_of_week=sched.digest_day, hour=hour, minute=minute, timezone=tz),
        name=f"digest {sched.digest_day} {sched.digest_time} {sched.timezone}",
        misfire_grace_time=grace,
    ))  # fmt: skip
    hour, minute = _hour_minute(sched.retention_time)
    specs.append(JobSpec(
        id=RETENTION_JOB, func=retention_job, args=(path,),
        trigger=CronTrigger(hour=hour, minute=minute, timezone=tz),
        name=f"retention daily {sched.retention_time} {sched.timezone}",
        misfire_grace_time=23 * 3600,
    ))  # fmt: skip
    return specs


class _BackgroundScheduler(BackgroundScheduler):
    """APScheduler 3's loop runs one more round of due jobs after ``shutdown`` (it checks the
    state only after processing), when the executor is already closed: a job falling due while
    running jobs drain would be "submitted after shutdown" and its run lost. Skip that round, so
    the job stays due in the store and runs first thing on the next start."""

    def _process_jobs(self) -> float | None:
        if self.state == STATE_STOPPED:
            return None
        return super()._process_jobs()


def _new_holder() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Scheduler:
    """A background APScheduler bound to one store, holding that store's scheduler lease.

    ``start()`` takes the lease (or raises :class:`SchedulerBusy`), reconciles the persisted
    jobs with the config and starts running them; ``stop()`` waits for running jobs, then
    releases the lease.
    """

    def __init__(self, config: Config, store: Store, *, holder: str | None = None,
                 stagger_seconds: float = 5.0) -> None:  # fmt: skip
        self.config = config
        self.store = store
        self.holder = holder or _new_holder()
        self.stagger_seconds = stagger_seconds
        self.lost_lease = threading.Event()
        tz = ZoneInfo(config.schedule.timezone)
        # Job-store writes take SQLite's write lock up front, as the store's own writes do.
        writer = store.engine.execution_options(immediate=True)
        self.jobstore = SQLAlchemyJobStore(engine=writer, tablename=JOB_TABLE)
        self.aps = _BackgroundScheduler(
            jobstores={"default": self.jobstore, "memory": MemoryJobStore()},
            # the heartbeat has its own thread: busy collections must not let the lease lapse
            executors={"default": ThreadPoolExecutor(max_workers=config.http.concurrency + 2),
                       "lease": ThreadPoolExecutor(max_workers=1)},
            job_defaults={"coalesce": True, "max_instances": 1},
            timezone=tz,
        )

    @property
    def running(self) -> bool:
        return bool(self.aps.running)

    def start(self) -> None:
        if not self.store.acquire_lock(LOCK_NAME, self.holder, LOCK_TTL):
            raise SchedulerBusy(
                "another `groundswell run` holds the scheduler lease on this store, so this one "
                f"will not start (it would send the digest twice). Stop the other one, or wait "
                f"{int(LOCK_TTL.total_seconds() // 60)} minutes if it died without releasing it."
            )
        _stores.setdefault(self.config.database_url, self.store)
        _holder[self.config.database_url] = self.holder
        try:
            self.aps.start(paused=True)
            self._reconcile(plan_jobs(self.config))
            self.aps.add_job(self._heartbeat, IntervalTrigger(seconds=HEARTBEAT_SECONDS), id=HEARTBEAT_JOB,
                             jobstore="memory", executor="lease", replace_existing=True)  # fmt: skip
            self.aps.resume()
        except BaseException:
            self.stop()
            raise

    def _reconcile(self, specs: list[JobSpec]) -> None:
        """Add or replace each planned job; keep the next run time of unchanged ones; drop
        jobs the config no longer asks for (a removed or disabled source)."""
        existing = {job.id: job for job in self.aps.get_jobs(jobstore="default")}
        now = datetime.now(UTC)
        for index, spec in enumerate(specs):
            old = existing.pop(spec.id, None)
            next_run: Any = undefined
            if old is not None and old.name == spec.name and tuple(old.args) == spec.args:
                next_run = old.next_run_time  # unchanged: a missed run is caught up, once
            elif spec.id.startswith("collect:"):
                next_run = now + timedelta(seconds=self.stagger_seconds * (index + 1))
            self.aps.add_job(
                spec.func, spec.trigger, args=spec.args, id=spec.id, name=spec.name,
                misfire_grace_time=spec.misfire_grace_time, coalesce=True, max_instances=1,
                next_run_time=next_run, replace_existing=True, jobstore="default",
            )  # fmt: skip
        for stale in existing:
            self.aps.remove_job(stale, jobstore="default")

    def _heartbeat(self) -> None:
        if not self.store.acquire_lock(LOCK_NAME, self.holder, LOCK_TTL):
            log.error("the scheduler lease on the store was taken by another scheduler; stopping")
            self.lost_lease.set()

    def jobs(self) -> list[tuple[str, str, datetime | None]]:
        """(id, description, next run time) for each persisted job."""
        return [(j.id, j.name, j.next_run_time) for j in self.aps.get_jobs(jobstore="default")]

    def stop(self, wait: bool = True) -> None:
        """Stop taking new jobs, let running ones finish, release the lease."""
        if self.aps.running:
            self.aps.shutdown(wait=wait)
        if _holder.get(self.config.database_url) == self.holder:
            del _holder[self.config.database_url]
        self.store.release_lock(LOCK_NAME, self.holder)


# --- what `groundswell sources` shows --------------------------------------------------------
def scheduled_jobs(store: Store) -> dict[str, datetime | None]:
    """Job id -> next run time (UTC), read straight from the job table; empty before any run."""
    if not sa.inspect(store.engine).has_table(JOB_TABLE):
        return {}
    table = sa.table(JOB_TABLE, sa.column("id"), sa.column("next_run_time"))
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(table.c.id, table.c.next_run_time)).all()
    return {
        str(job_id): datetime.fromtimestamp(float(when), UTC) if when is not None else None
        for job_id, when in rows
    }


def next_runs(config: Config, store: Store) -> dict[str, datetime]:
    """Source name -> next scheduled collection, as the last `groundswell run` planned it."""
    names = {s.name for s in config.sources}
    out: dict[str, datetime] = {}
    for job_id, when in scheduled_jobs(store).items():
        kind, _, name = job_id.partition(":")
        if kind == "collect" and name in names and when is not None:
            out[name] = when
    return out

