"""Every write of compound governance, one function per use case, each checking the actor,
writing whole or not at all, and leaving an audit entry.

Assessments are recorded by the community and count once a secretary or the county verifies
them. Projects take in demands being handled and, when finished, hand them on to the
resident's rating (`cases.services.complete_by_project`). A meeting's decision can raise
follow-up demands that go through the pipeline like any other. Disclosures are scanned for
mobile and ID numbers before they go public."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.areas.models import Area
from grassroots.cases import services as case_services
from grassroots.cases.models import Case, Category
from grassroots.cases.photos import reencode, validate_photos
from grassroots.cases.workflow import Status
from grassroots.core.audit import record_audit
from grassroots.core.masking import personal_numbers
from grassroots.core.refusals import Refused
from grassroots.governance import permissions
from grassroots.governance.models import (
    Assessment,
    AssessmentItem,
    CriteriaSet,
    Decision,
    Disclosure,
    DisclosureAttachment,
    EvidenceFile,
    Meeting,
    Project,
    ProjectPhoto,
    ProjectTask,
)
from grassroots.governance.selectors import active_criteria

MAX_FILE_BYTES = 10 * 1024 * 1024


class GovernanceRefused(Refused):
    """A refusal of a governance service."""


def _forbid(allowed: bool) -> None:
    if not allowed:
        raise GovernanceRefused("forbidden", _("You may not do this here."))


def _compound(area: Area) -> None:
    if area.level != Area.Level.COMPOUND:
        raise GovernanceRefused("invalid", _("Choose a compound."), {"compound": []})


def _files_ok(files) -> None:
    for f in files:
        if f.size > MAX_FILE_BYTES:
            raise GovernanceRefused(
                "invalid", _("%(name)s is larger than 10 MB.") % {"name": f.name}, {"files": []}
            )


# --- Assessments ------------------------------------------------------------------------------


@dataclass
class ItemInput:
    status: str
    evidence: str = ""
    files: tuple = ()


@transaction.atomic
def record_assessment(
    *,
    actor,
    compound: Area,
    criteria_set: CriteriaSet,
    assessed_on: dt.date,
    items: dict[int, ItemInput],
    note: str = "",
) -> Assessment:
    """Record an assessment: every item of the set in use gets a status (and may get evidence
    text and files). A status other than yes needs no evidence; a yes needs some."""
    _compound(compound)
    _forbid(permissions.can_keep(actor, compound))
    if assessed_on > timezone.localdate():
        raise GovernanceRefused("invalid", _("An assessment cannot be dated in the future."))
    criteria = active_criteria(criteria_set)
    missing = [c.name for c in criteria if c.pk not in items]
    if missing:
        raise GovernanceRefused(
            "invalid", _("Give a status for: %(items)s.") % {"items": "、".join(missing)}
        )
    for c in criteria:
        given = items[c.pk]
        if given.status not in AssessmentItem.Status.values:
            raise GovernanceRefused(
                "invalid", _("Choose a status for %(item)s.") % {"item": c.name}
            )
        if given.status == AssessmentItem.Status.YES and not (
            given.evidence.strip() or given.files
        ):
            raise GovernanceRefused(
                "invalid",
                _("%(item)s: say what shows it (text, photo or document).") % {"item": c.name},
            )
        _files_ok(given.files)
    assessment = Assessment.objects.create(
        compound=compound,
        criteria_set=criteria_set,
        assessed_on=assessed_on,
        note=note[:300],
        recorded_by=actor,
    )
    for c in criteria:
        given = items[c.pk]
        item = AssessmentItem.objects.create(
            assessment=assessment,
            criterion=c,
            status=given.status,
            evidence=given.evidence.strip(),
        )
        for f in given.files:
            EvidenceFile.objects.create(item=item, file=f, name=f.name[:150], uploaded_by=actor)
    record_audit(actor=actor, action="create", target=assessment, detail={"set": criteria_set.code})
    return assessment


@transaction.atomic
def verify_assessment(*, actor, assessment: Assessment) -> Assessment:
    """A secretary or the county confirms the assessment; from then on it counts."""
    _forbid(permissions.can_verify(actor, assessment.compound))
    if assessment.recorded_by_id == actor.pk:
        raise GovernanceRefused(
            "forbidden", _("Someone other than the recorder verifies an assessment.")
        )
    now = timezone.now()
    if not Assessment.objects.filter(pk=assessment.pk, verified_at__isnull=True).update(
        verified_by=actor, verified_at=now
    ):
        raise GovernanceRefused("conflict", _("This assessment is already verified."))
    assessment.items.update(verified_by=actor)
    assessment.refresh_from_db()
    record_audit(actor=actor, action="change", target=assessment, detail={"action": "verify"})
    return assessment


# --- Remediation projects ---------------------------------------------------------------------


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
    _compound(compound)
    _forbid(permissions.can_keep(actor, compound))
    title = (title or "").strip()[:100]
    if not title:
        raise GovernanceRefused("invalid", _("Give the project a title."), {"title": []})
    if due_on < starts_on:
        raise GovernanceRefused("invalid", _("The due date is before the start."), {"due_on": []})
    tasks = [(t.strip()[:100], Decimal(b)) for t, b in tasks if t.strip()]
    if not tasks:
        raise GovernanceRefused("invalid", _("List at least one task."), {"tasks": []})
    if any(b < 0 for _t, b in tasks):
        raise GovernanceRefused("invalid", _("A budget cannot be negative."), {"tasks": []})
    cases = list(cases)
    for case in cases:
        if not case.area.path.startswith(compound.path):
            raise GovernanceRefused(
                "invalid", _("%(ref)s is not in this compound.") % {"ref": case.reference}
            )
        if case.status != Status.IN_PROGRESS:
            raise GovernanceRefused(
                "invalid",
                _("%(ref)s is not being handled; only demands being handled join a project.")
                % {"ref": case.reference},
            )
    project = Project.objects.create(
        compound=compound,
        title=title,
        description=description,
        budget=sum((b for _t, b in tasks), Decimal(0)),
        starts_on=starts_on,
        due_on=due_on,
        status=Project.Status.UNDERWAY
        if starts_on <= timezone.localdate()
        else Project.Status.PLANNED,
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
    _forbid(permissions.can_keep(actor, project.compound))
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
    _forbid(permissions.can_keep(actor, project.compound))
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
    _forbid(permissions.can_keep(actor, project.compound))
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


# --- Deliberation -----------------------------------------------------------------------------


@transaction.atomic
def record_meeting(
    *,
    actor,
    compound: Area,
    title: str,
    held_at: dt.datetime,
    agenda: str,
    quorum: int,
    attendees=(),
    place: str = "",
    minutes: str = "",
    body=None,
) -> Meeting:
    _compound(compound)
    _forbid(permissions.can_keep(actor, compound))
    if not (title or "").strip() or not (agenda or "").strip():
        raise GovernanceRefused("invalid", _("Give the meeting a title and an agenda."))
    if quorum < 1:
        raise GovernanceRefused("invalid", _("The quorum is at least 1."), {"quorum": []})
    attendees = list(attendees)
    strangers = [p for p in attendees if not p.home_area.path.startswith(compound.path)]
    if strangers:
        raise GovernanceRefused("invalid", _("Attendees are residents of the compound."))
    meeting = Meeting.objects.create(
        compound=compound,
        body=body,
        title=title.strip()[:100],
        held_at=held_at,
        place=place[:100],
        agenda=agenda.strip(),
        minutes=minutes.strip(),
        quorum=quorum,
        created_by=actor,
    )
    meeting.attendees.set(attendees)
    record_audit(actor=actor, action="create", target=meeting, detail={"attendees": len(attendees)})
    return meeting


def vote_passes(meeting: Meeting, votes_for: int, votes_against: int, votes_abstain: int) -> bool:
    """A decision passes when the meeting had its quorum and more than half of those who
    voted (for, against or abstaining) were for it."""
    cast = votes_for + votes_against + votes_abstain
    return meeting.attendees.count() >= meeting.quorum and cast > 0 and 2 * votes_for > cast


@transaction.atomic
def record_decision(
    *, actor, meeting: Meeting, text: str, votes_for: int, votes_against: int, votes_abstain: int
) -> Decision:
    _forbid(permissions.can_keep(actor, meeting.compound))
    text = (text or "").strip()[:300]
    if not text:
        raise GovernanceRefused("invalid", _("Write down what was decided."), {"text": []})
    counts = (votes_for, votes_against, votes_abstain)
    if min(counts) < 0:
        raise GovernanceRefused("invalid", _("Votes cannot be negative."))
    if sum(counts) > meeting.attendees.count():
        raise GovernanceRefused(
            "invalid",
            _("%(cast)d votes from %(present)d attendees: recount.")
            % {"cast": sum(counts), "present": meeting.attendees.count()},
        )
    decision = Decision.objects.create(
        meeting=meeting,
        text=text,
        votes_for=votes_for,
        votes_against=votes_against,
        votes_abstain=votes_abstain,
        passed=vote_passes(meeting, *counts),
    )
    record_audit(
        actor=actor,
        action="create",
        target=decision,
        detail={"for": votes_for, "against": votes_against, "abstain": votes_abstain},
    )
    return decision


@transaction.atomic
def raise_follow_up(*, actor, decision: Decision, category: Category, description: str) -> Case:
    """A passed decision becomes a demand in the pipeline, recorded by the community."""
    meeting = decision.meeting
    _forbid(permissions.can_keep(actor, meeting.compound))
    if not decision.passed:
        raise GovernanceRefused("invalid", _("Only a passed decision is followed up."))
    case = case_services.submit_case(
        actor=actor,
        kind=Case.Kind.NEED,
        category=category,
        title=decision.text[:60],
        description=description or decision.text,
        area=meeting.compound,
        channel=Case.Channel.DELIBERATION,
        requester_name=meeting.body.name if meeting.body else meeting.title[:50],
        event_data={"meeting": meeting.pk, "decision": decision.pk},
        on_behalf=True,
    )
    decision.cases.add(case)
    return case


# --- 三务公开 ---------------------------------------------------------------------------------


def _disclosure_area(area: Area) -> None:
    if area.level not in (Area.Level.COMMUNITY, Area.Level.COMPOUND):
        raise GovernanceRefused("invalid", _("Choose a community or a compound."), {"area": []})


@transaction.atomic
def draft_disclosure(
    *, actor, area: Area, category: str, title: str, body: str, period: str, files=()
) -> Disclosure:
    _disclosure_area(area)
    _forbid(permissions.can_keep(actor, area))
    if category not in Disclosure.Category.values:
        raise GovernanceRefused("invalid", _("Choose party, residence or finance affairs."))
    if not (title or "").strip() or not (body or "").strip() or not (period or "").strip():
        raise GovernanceRefused("invalid", _("A disclosure needs a title, a text and a period."))
    files = list(files)
    _files_ok(files)
    disclosure = Disclosure.objects.create(
        area=area,
        category=category,
        title=title.strip()[:100],
        body=body.strip(),
        period=period.strip()[:30],
        created_by=actor,
    )
    for f in files:
        DisclosureAttachment.objects.create(disclosure=disclosure, file=f, name=f.name[:150])
    record_audit(actor=actor, action="create", target=disclosure)
    return disclosure


def scan_disclosure(disclosure: Disclosure) -> list[str]:
    """What must be fixed before publishing: each mobile or ID number found in the title, the
    text or an attachment's file name, said where it is."""
    kinds = {"mobile": _("mobile number"), "id": _("ID number")}
    places = [(_("title"), disclosure.title), (_("text"), disclosure.body)]
    places += [
        (_("attachment name %(name)s") % {"name": a.name}, a.name)
        for a in disclosure.attachments.all()
    ]
    problems = []
    for where, text in places:
        for kind, masked in personal_numbers(text):
            problems.append(
                _("%(where)s contains a %(kind)s (%(number)s).")
                % {"where": where, "kind": kinds[kind], "number": masked}
            )
    return problems


@transaction.atomic
def publish_disclosure(*, actor, disclosure: Disclosure) -> Disclosure:
    """Publish after the scan finds nothing; otherwise refuse with every finding."""
    _forbid(permissions.can_keep(actor, disclosure.area))
    problems = scan_disclosure(disclosure)
    if problems:
        raise GovernanceRefused("personal_data", " ".join(problems), {"problems": problems})
    if not Disclosure.objects.filter(pk=disclosure.pk, status=Disclosure.Status.DRAFT).update(
        status=Disclosure.Status.PUBLISHED, published_at=timezone.now(), published_by=actor
    ):
        raise GovernanceRefused("conflict", _("Only a draft is published."))
    disclosure.refresh_from_db()
    record_audit(actor=actor, action="change", target=disclosure, detail={"action": "publish"})
    return disclosure


@transaction.atomic
def edit_disclosure(*, actor, disclosure: Disclosure, title: str, body: str, period: str):
    """Fix a draft (after the scan found a number, say)."""
    _forbid(permissions.can_keep(actor, disclosure.area))
    if disclosure.status != Disclosure.Status.DRAFT:
        raise GovernanceRefused("conflict", _("Only a draft is edited."))
    if not title.strip() or not body.strip() or not period.strip():
        raise GovernanceRefused("invalid", _("A disclosure needs a title, a text and a period."))
    Disclosure.objects.filter(pk=disclosure.pk).update(
        title=title.strip()[:100], body=body.strip(), period=period.strip()[:30]
    )
    disclosure.refresh_from_db()
    record_audit(actor=actor, action="change", target=disclosure, detail={"action": "edit"})
    return disclosure


@transaction.atomic
def remove_attachment(*, actor, attachment: DisclosureAttachment) -> None:
    disclosure = attachment.disclosure
    _forbid(permissions.can_keep(actor, disclosure.area))
    if disclosure.status != Disclosure.Status.DRAFT:
        raise GovernanceRefused("conflict", _("Only a draft is edited."))
    attachment.file.delete(save=False)
    attachment.delete()
    record_audit(
        actor=actor, action="change", target=disclosure, detail={"removed": attachment.name}
    )


@transaction.atomic
def withdraw_disclosure(*, actor, disclosure: Disclosure) -> Disclosure:
    _forbid(permissions.can_keep(actor, disclosure.area))
    if not Disclosure.objects.filter(pk=disclosure.pk, status=Disclosure.Status.PUBLISHED).update(
        status=Disclosure.Status.WITHDRAWN
    ):
        raise GovernanceRefused("conflict", _("Only a published disclosure is withdrawn."))
    disclosure.refresh_from_db()
    record_audit(actor=actor, action="change", target=disclosure, detail={"action": "withdraw"})
    return disclosure
