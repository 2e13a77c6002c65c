"""The periodic jobs run in every deployment shape: `run_scheduler` (a service, or `--once` from
a timer) queues what is due for the worker, and `/healthz/ready` says when it has not."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.tasks import task_backends
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from grassroots.cases.models import Case
from grassroots.cases.tasks import flag_overdue_cases
from grassroots.cases.workflow import Status
from grassroots.core import schedule
from grassroots.core.models import ScheduledRun

pytestmark = pytest.mark.django_db


def _late_case() -> Case:
    """An open case in hand whose handling deadline passed an hour ago, not yet flagged."""
    case = Case.objects.filter(status=Status.IN_PROGRESS).order_by("pk").first()
    assert case is not None
    Case.objects.filter(pk=case.pk).update(
        handle_due_at=timezone.now() - dt.timedelta(hours=1), overdue=False
    )
    return case


def test_the_scheduler_alone_flags_an_overdue_case(capsys):
    """No `make run` loop: the production command queues the job and the worker (immediate in
    the tests) sets the flag; asked again at once, nothing is due."""
    case = _late_case()
    call_command("run_scheduler", "--once")
    case.refresh_from_db()
    assert case.overdue
    assert "queued flag_overdue_cases" in capsys.readouterr().out
    run = ScheduledRun.objects.get(name="flag_overdue_cases")
    assert timezone.now() - run.last_queued_at < dt.timedelta(minutes=1)
    call_command("run_scheduler", "--once")
    assert "flag_overdue_cases" not in capsys.readouterr().out


def test_a_job_is_due_again_after_its_interval():
    now = timezone.now()
    schedule.run_due(now)
    assert "flag_overdue_cases" not in [j.name for j in schedule.due(now)]
    later = now + dt.timedelta(minutes=5)
    assert "flag_overdue_cases" in [j.name for j in schedule.due(later)]


def test_readiness_says_when_the_scheduler_has_not_run(client):
    answer = client.get("/healthz/ready")  # public: a load balancer asks without signing in
    assert answer.status_code == 503
    assert answer.json()["jobs"]["flag_overdue_cases"]["late"] is True
    call_command("run_scheduler", "--once")
    answer = client.get("/healthz/ready")
    assert answer.status_code == 200 and answer.json()["ready"] is True
    ScheduledRun.objects.update(last_queued_at=timezone.now() - dt.timedelta(minutes=12))
    answer = client.get("/healthz/ready")
    assert answer.status_code == 503
    assert answer.json()["jobs"]["flag_overdue_cases"]["late"] is True
    assert client.get("/healthz/live").status_code == 200


def test_readiness_says_when_the_worker_does_not_take_the_tasks(client, settings):
    """With the database queue of production, a task left waiting ten minutes means no worker."""
    call_command("run_scheduler", "--once")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert isinstance(task_backends["default"], DatabaseBackend)
    result = flag_overdue_cases.enqueue()
    assert client.get("/healthz/ready").status_code == 200  # just queued: the worker has time
    DBTaskResult.objects.filter(pk=result.id).update(
        enqueued_at=timezone.now() - dt.timedelta(minutes=11)
    )
    answer = client.get("/healthz/ready")
    assert answer.status_code == 503 and answer.json()["tasks_waiting_for_worker"] == 1
