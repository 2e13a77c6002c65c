"""While a case is in hand: more time, 吹哨 and 报到, reporting it handled, verifying it."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.accounts.models import Role
from grassroots.cases import selectors
from grassroots.cases.deadlines import extended, report_in_due
from grassroots.cases.errors import CaseRefused
from grassroots.cases.models import Assignment, Case, Extension
from grassroots.cases.permissions import taker_q
from grassroots.cases.services.moving import (
    attach,
    check,
    move,
    requester_users,
    required,
    system_move,
    tell,
)
from grassroots.cases.services.takers import assign, check_serves
from grassroots.cases.workflow import Action
from grassroots.volunteering.services import declare_order_hours


@transaction.atomic
def request_extension(*, actor, case: Case, days: int, reason: str) -> Extension:
    """The taker asks for more working days; the community decides."""
    reason = required(reason, "reason", _("Say why more time is needed."))
    if not 1 <= int(days) <= 30:
        raise CaseRefused("invalid", _("Ask for 1 to 30 working days."), {"days": []})
    event = move(
        case, actor=actor, action=Action.REQUEST_EXTENSION, note=reason, data={"days": days}
    )
    try:
        with transaction.atomic():
            ext = Extension.objects.create(case=case, days=days, reason=reason, requested_by=actor)
    except IntegrityError as exc:
        raise CaseRefused("conflict", _("An extension request is already waiting.")) from exc
    tell(selectors.staff_for(case), case, event, _("A taker asks for more time"))
    return ext


@transaction.atomic
def decide_extension(*, actor, extension: Extension, approve: bool, note: str = "") -> Extension:
    """Approve (moving the handling deadline) or refuse a pending extension request."""
    case = extension.case
    decided = Extension.objects.filter(pk=extension.pk, decision=Extension.Decision.PENDING).update(
        decision=Extension.Decision.APPROVED if approve else Extension.Decision.REFUSED,
        decided_by=actor,
        decided_at=timezone.now(),
    )
    if not decided:
        raise CaseRefused("conflict", _("This request has already been decided."))
    fields = {}
    if approve and case.handle_due_at:
        fields = {"handle_due_at": extended(case.handle_due_at, extension.days), "overdue": False}
    event = move(
        case,
        actor=actor,
        action=Action.DECIDE_EXTENSION,
        note=note,
        data={"approved": approve, "days": extension.days},
        **fields,
    )
    tell(
        selectors.takers_users(case),
        case,
        event,
        _("Extension approved") if approve else _("Extension refused"),
    )
    extension.refresh_from_db()
    return extension


@transaction.atomic
def escalate_case(*, actor, case: Case, units, note: str) -> Case:
    """吹哨: summon several units to the matter; each reports in (报到)."""
    units = list(units)
    if not units:
        raise CaseRefused("invalid", _("Choose at least one unit to summon."), {"units": []})
    check(actor, Action.ESCALATE, case)
    for unit in units:
        check_serves(unit, case)
    note = required(note, "note", _("Say what the summoned units are needed for."))
    event = move(
        case,
        actor=actor,
        action=Action.ESCALATE,
        note=note,
        data={"units": [u.name for u in units]},
    )
    due = report_in_due(event.at)
    for unit in units:
        if not case.assignments.filter(
            unit=unit, role=Assignment.Role.SUMMONED, active=True
        ).exists():
            summons = assign(case, unit, Assignment.Role.SUMMONED)
            Assignment.objects.filter(pk=summons.pk).update(report_due_at=due)
    summoned = selectors.takers_users(case)
    tell(summoned, case, event, _("Your unit is summoned to a demand (吹哨)"))
    return case


@transaction.atomic
def report_in(*, actor, case: Case) -> Case:
    """A summoned unit reports in (报到) to the escalated case."""
    check(actor, Action.REPORT_IN, case)
    mine = case.assignments.filter(
        taker_q(actor, prefix=""), role=Assignment.Role.SUMMONED, reported_at=None
    )
    now = timezone.now()
    late = mine.filter(report_due_at__lt=now).exists()
    if not mine.update(reported_at=now):
        raise CaseRefused("conflict", _("Your unit has already reported in."))
    move(case, actor=actor, action=Action.REPORT_IN, data={"late": late})
    return case


@transaction.atomic
def complete_case(
    *,
    actor,
    case: Case,
    note: str,
    cost_yuan: Decimal | None = None,
    quantities: str = "",
    photos=(),
    hours: Decimal | None = None,
) -> Case:
    """The taker reports the matter handled, with notes, cost, quantities and photos.

    For a service order taken by a party member, `hours` served go to their service record,
    pending until the resident confirms them (volunteering.services.orders has the rule)."""
    note = required(note, "note", _("Describe what was done."))
    if hours is not None and not Decimal("0.5") <= hours <= 24:
        raise CaseRefused("invalid", _("Give the hours served, 0.5 to 24."), {"hours": []})
    if cost_yuan is not None and cost_yuan < 0:
        raise CaseRefused("invalid", _("The cost cannot be negative."), {"cost_yuan": []})
    event = move(
        case,
        actor=actor,
        action=Action.COMPLETE,
        note=note,
        completion_note=note,
        cost_yuan=cost_yuan,
        quantities=quantities[:200],
        handled_at=timezone.now(),
        data={"cost_yuan": str(cost_yuan or ""), "quantities": quantities},
    )
    if photos:
        attach(case, photos, "completion", actor)
    if case.kind in (Case.Kind.SERVICE, Case.Kind.WISH):
        # A service order or a wish is verified by the one it served: straight to their rating
        # (for a wish, the resident confirms it came true).
        if hours is not None:
            _record_hours(actor, case, hours, note)
        verified = system_move(case, Action.VERIFY_OK)
        tell(requester_users(case), case, verified, _("Your service was done: please rate it"))
        return case
    grid_workers = selectors.staff_for(case, roles=(Role.GRID_WORKER,))
    tell(grid_workers, case, event, _("A handled demand waits for on-site verification"))
    return case


def _record_hours(actor, case: Case, hours: Decimal, note: str) -> None:
    lead = (
        case.assignments.filter(role=Assignment.Role.LEAD, active=True)
        .select_related("member")
        .first()
    )
    member = lead.member if lead is not None else None
    if member is None:
        return  # hours are kept for people: a unit or a team records its own
    declare_order_hours(
        actor=actor,
        person_id=member.person_id,
        case_id=case.pk,
        hours=hours,
        served_on=timezone.localdate(),
        note=note,
    )


@transaction.atomic
def verify_case(*, actor, case: Case, ok: bool, note: str = "", photos=()) -> Case:
    """On-site verification by a grid worker: passed goes to the revisit, failed back."""
    if not ok:
        note = required(note, "note", _("Say what is still wrong."))
    action = Action.VERIFY_OK if ok else Action.VERIFY_FAIL
    event = move(case, actor=actor, action=action, note=note)
    if photos:
        attach(case, photos, "verification", actor)
    if ok:
        tell(requester_users(case), case, event, _("Your demand was handled: please rate it"))
    else:
        tell(selectors.takers_users(case), case, event, _("Verification failed: please redo"))
    return case


@transaction.atomic
def complete_by_project(*, actor, case: Case, note: str) -> Case:
    """A remediation project (整治提升) that took the case in is finished: the case is handled
    by it (the platform's move, with the project's note) and the project's acceptance by
    `actor` is its on-site verification; the resident's rating then closes it as usual."""
    system_move(case, Action.COMPLETE, completion_note=note[:2000], handled_at=timezone.now())
    return verify_case(actor=actor, case=case, ok=True, note=note)
