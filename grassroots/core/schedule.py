"""Periodic jobs, queued by one scheduler in every deployment shape.

An app names its periodic jobs in its `schedules.py` (imported at start-up by `CoreConfig`):
`periodic("flag_overdue_cases", every=300)(flag_overdue_cases.enqueue)`. `manage.py
run_scheduler` queues each job when it is due and records when (`ScheduledRun`); the worker
(`db_worker`) runs what was queued. It runs as a service of its own, or `run_scheduler --once`
from a timer every minute. `readiness()` says whether the scheduler and the worker keep up."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.tasks import task_backends
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from grassroots.core.models import ScheduledRun

# A job is late once it has not been queued for twice its interval and a minute more; a task
# waiting longer than this for the worker means the worker is not running.
GRACE = dt.timedelta(minutes=1)
WORKER_WAIT = dt.timedelta(minutes=10)


@dataclass(frozen=True)
class Periodic:
    name: str
    every: dt.timedelta
    enqueue: Callable[[], object]


JOBS: dict[str, Periodic] = {}


def periodic(name: str, *, every: int):
    """Register `enqueue` (a task's `.enqueue`) to be queued every `every` seconds."""

    def register(enqueue):
        JOBS[name] = Periodic(name, dt.timedelta(seconds=every), enqueue)
        return enqueue

    return register


def due(now: dt.datetime | None = None) -> list[Periodic]:
    """The jobs whose interval has passed since they were last queued (or never were)."""
    now = now or timezone.now()
    last = dict(ScheduledRun.objects.values_list("name", "last_queued_at"))
    return [
        job
        for name, job in sorted(JOBS.items())
        if name not in last or now - last[name] >= job.every
    ]


def run_due(now: dt.datetime | None = None) -> list[str]:
    """Queue every due job and record it; the names queued."""
    now = now or timezone.now()
    queued = []
    for job in due(now):
        job.enqueue()
        ScheduledRun.objects.update_or_create(name=job.name, defaults={"last_queued_at": now})
        queued.append(job.name)
    return queued


def _worker_waiting(now: dt.datetime) -> int:
    """Tasks ready for the worker for longer than `WORKER_WAIT` (none with another backend)."""
    if not isinstance(task_backends["default"], DatabaseBackend):
        return 0
    return DBTaskResult.objects.ready().filter(enqueued_at__lt=now - WORKER_WAIT).count()


def readiness(now: dt.datetime | None = None) -> dict:
    """Whether this deployment keeps up: the database answers, every periodic job was queued
    within twice its interval, and no task waits long for the worker."""
    now = now or timezone.now()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    last = dict(ScheduledRun.objects.values_list("name", "last_queued_at"))
    jobs = {}
    for name, job in sorted(JOBS.items()):
        at = last.get(name)
        jobs[name] = {
            "last_queued_at": at.isoformat() if at else None,
            "late": at is None or now - at > 2 * job.every + GRACE,
        }
    waiting = _worker_waiting(now)
    ready = not any(j["late"] for j in jobs.values()) and waiting == 0
    return {"ready": ready, "jobs": jobs, "tasks_waiting_for_worker": waiting}
