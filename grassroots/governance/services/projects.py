"""Remediation projects (整治提升): set up with their tasks, kept up task by task and with
photos, and finished — which settles the demands they took in (handled, and verified by the
project's acceptance, through `cases.services.complete_by_project`)."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.areas.models import Area
from grassroots.cases import services as case_services
from grassroots.cases.models import Case
from grassroots.cases.photos import reencode, validate_photos
from grassroots.cases.workflow import Status
from grassroots.core.audit import record_audit
from grassroots.governance import permissions
from grassroots.governance.errors import GovernanceRefused
from grassroots.governance.models import Project, ProjectPhoto, ProjectTask
from grassroots.governance.services.checks import forbid, require_compound


def _clean_tasks(tasks: list[tuple[str, Decimal]]) -> list[tuple[str, Decimal]]:
    """The tasks given a title, each with its budget; refused when none is, or one is negative."""
    tasks = [(t.strip()[:100], Decimal(b)) for t, b in tasks if t.strip()]
    if not tasks:
        raise GovernanceRefused("invalid", _("List at least one task."), {"tasks": []})
    if any(b < 0 for _t, b in tasks):
        raise GovernanceRefused("invalid", _("A budget cannot be negative."), {"tasks": []})
    return tasks


def _check_cases(compound: Area, cases: list[Case]) -> None:
    """A project takes in only demands of its compound that are being handled."""
    for case in cases:
        if not compound.holds(case.area):
            raise GovernanceRefused(
                "invalid", _("%(ref)s is not in this compound.") % {"ref": case.reference}
            )
        if case.status != Status.IN_PROGRESS:
            raise GovernanceRefused(
                "invalid",
                _("%(ref)s is not being handled; only demands being handled join a project.")
                % {"ref": case.reference},
            )


@transaction.atomic
def create_project(
    *,
    actor,
    compound: Area,
    title: str,
    starts_on: dt.date,
    due_on: dt.date,
    tasks: list[tuple[str, Decimal]],
    description: str = "",
    cases=(),
) -> Project:
    """A project with its tasks (title, budget); the budget is the tasks' sum. Demands being
    handled in the compound can be taken in; finishing the project settles them."""
    require_compound(compound)
    forbid(permissions.can_keep(actor, compound))
    title = (title or "").strip()[:100]
    if not title:
        raise GovernanceRefused("invalid", _("Give the project a title."), {"title": []})
    if due_on < starts_on:
        raise GovernanceRefused("invalid", _("The due date is before the start."), {"due_on": []})
    tasks = _clean_tasks(tasks)
    cases = list(cases)
    _check_cases(compound, cases)
    started = starts_on <= timezone.localdate()
    project = Project.objects.create(
        compound=compound,
        title=title,
        description=description,
        budget=sum((b for _t, b in tasks), Decimal(0)),
        starts_on=starts_on,
        due_on=due_on,
        status=Project.Status.UNDERWAY if started else Project.Status.PLANNED,
        created_by=actor,
    )
    ProjectTask.objects.bulk_create(
        ProjectTask(project=project, title=t, budget=b, order=i) for i, (t, b) in enumerate(tasks)
    )
    project.cases.set(cases)
    record_audit(
        actor=actor, action="create", target=project, detail={"cases": [c.pk for c in cases]}
    )
    return project


@transaction.atomic
def update_task(*, actor, task: ProjectTask, spent: Decimal, done: bool) -> ProjectTask:
    project = task.project
    forbid(permissions.can_keep(actor, project.compound))
    if project.status == Project.Status.DONE:
        raise GovernanceRefused("conflict", _("The project is finished."))
    if spent < 0:
        raise GovernanceRefused("invalid", _("Spending cannot be negative."), {"spent": []})
    task.spent = spent
    task.done_on = (task.done_on or timezone.localdate()) if done else None
    task.save(update_fields=["spent", "done_on"])
    if project.status == Project.Status.PLANNED:
        Project.objects.filter(pk=project.pk).update(status=Project.Status.UNDERWAY)
    record_audit(
        actor=actor,
        action="change",
        target=project,
        detail={"task": task.pk, "spent": str(spent), "done": done},
    )
    return task


def add_project_photos(*, actor, project: Project, stage: str, photos) -> int:
    forbid(permissions.can_keep(actor, project.compound))
    if stage not in ProjectPhoto.Stage.values:
        raise GovernanceRefused("invalid", _("Before or after?"), {"stage": []})
    try:
        images = validate_photos(photos)  # all decoded first: none saved if one is bad
    except ValidationError as error:
        raise GovernanceRefused("invalid", error.messages[0], {"photos": []}) from None
    with transaction.atomic():
        for image in images:
            content, _w, _h = reencode(image)  # re-encoded: no location metadata kept
            ProjectPhoto.objects.create(
                project=project, stage=stage, image=content, uploaded_by=actor
            )
    record_audit(
        actor=actor, action="change", target=project, detail={"photos": len(images), "stage": stage}
    )
    return len(images)


@transaction.atomic
def complete_project(*, actor, project: Project, note: str = "") -> list[Case]:
    """Finish the project once every task is done: the demands it took in that are still being
    handled are settled by it (handled, and verified by this acceptance)."""
    forbid(permissions.can_keep(actor, project.compound))
    open_tasks = [t.title for t in project.tasks.filter(done_on__isnull=True)]
    if open_tasks:
        raise GovernanceRefused(
            "invalid", _("Tasks not done yet: %(tasks)s.") % {"tasks": "、".join(open_tasks)}
        )
    if (
        not Project.objects.filter(pk=project.pk)
        .exclude(status=Project.Status.DONE)
        .update(status=Project.Status.DONE, done_on=timezone.localdate())
    ):
        raise GovernanceRefused("conflict", _("The project is finished already."))
    project.refresh_from_db()
    text = note.strip() or _("Settled by the remediation project %(title)s.") % {
        "title": project.title
    }
    settled = []
    for case in project.cases.filter(status=Status.IN_PROGRESS).select_related("area"):
        settled.append(case_services.complete_by_project(actor=actor, case=case, note=text))
    record_audit(
        actor=actor,
        action="change",
        target=project,
        detail={"action": "complete", "cases": [c.pk for c in settled]},
    )
    return settled
