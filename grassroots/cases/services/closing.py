"""Ending or pressing a case: the rating (回访), reopening (重办), withdrawal, supervision
(督办), the overdue flags, and confirming service-order hours after the silence period."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.cases import selectors
from grassroots.cases.deadlines import deadlines_from
from grassroots.cases.errors import CaseRefused
from grassroots.cases.models import Assignment, Case, Supervision
from grassroots.cases.services.moving import move, required, tell
from grassroots.cases.workflow import Action, Status
from grassroots.volunteering.models import ServiceRecord
from grassroots.volunteering.services import (
    confirm_order_hours,
    reopen_order_hours,
    void_order_hours,
)


@transaction.atomic
def rate_case(*, actor, case: Case, rating: str, comment: str = "") -> Case:
    """回访: the requester's rating (or one taken by phone by the community) closes the case;
    any rating confirms the hours declared for it (the service happened; how well is the
    rating's business)."""
    if rating not in Case.Rating.values:
        raise CaseRefused("invalid", _("Choose a rating."), {"rating": []})
    now = timezone.now()
    event = move(
        case,
        actor=actor,
        action=Action.RATE,
        note=comment,
        rating=rating,
        rating_comment=comment[:500],
        rated_at=now,
        closed_at=now,
        data={"rating": rating},
    )
    confirm_order_hours(actor=actor, case_ids=[case.pk], how="rating")
    tell(selectors.takers_users(case), case, event, _("The requester rated your work"))
    return case


@transaction.atomic
def reopen_case(*, actor, case: Case, reason: str) -> Case:
    """重办: reasonable dissatisfaction sends the case back to its lead taker; repeat count + 1."""
    reason = required(reason, "reason", _("Say why the case is reopened."))
    lead = case.assignments.filter(role=Assignment.Role.LEAD).order_by("-created_at").first()
    if lead is None:
        raise CaseRefused("conflict", _("The case has no taker to send it back to."))
    sign_due, handle_due = deadlines_from(case, timezone.now())
    event = move(
        case,
        actor=actor,
        action=Action.REOPEN,
        note=reason,
        repeat_count=case.repeat_count + 1,
        rating="",
        rated_at=None,
        closed_at=None,
        sign_due_at=sign_due,
        handle_due_at=handle_due,
        signed_at=None,
        handled_at=None,
        overdue=False,
    )
    reopen_order_hours(actor=actor, case_id=case.pk)  # the redone service is confirmed anew
    case.assignments.filter(active=True).exclude(pk=lead.pk).update(active=False)
    if not lead.active:
        Assignment.objects.filter(pk=lead.pk).update(active=True)
    tell(selectors.takers_users(case), case, event, _("A demand was reopened"))
    return case


@transaction.atomic
def withdraw_case(*, actor, case: Case, reason: str = "") -> Case:
    """The requester (before triage) or the community takes the case back."""
    event = move(case, actor=actor, action=Action.WITHDRAW, note=reason, closed_at=timezone.now())
    void_order_hours(actor=actor, case_id=case.pk)
    tell(selectors.takers_users(case), case, event, _("A demand was withdrawn"))
    return case


@transaction.atomic
def supervise_case(*, actor, case: Case, note: str) -> Supervision:
    """督办: the county presses the taker; the notice shows on the case and in their inbox."""
    note = required(note, "note", _("Write the supervision notice."))
    event = move(case, actor=actor, action=Action.SUPERVISE, note=note, supervised=True)
    notice = Supervision.objects.create(case=case, note=note, issued_by=actor)
    tell(
        [*selectors.takers_users(case), *selectors.staff_for(case)],
        case,
        event,
        _("Supervision notice (督办)"),
    )
    return notice


def mark_overdue(now=None) -> int:
    """Flag open cases past a deadline: unsigned past sign-by, unhandled past handle-by."""
    now = now or timezone.now()
    unsigned = Case.objects.filter(
        status__in=[Status.DISPATCHED, Status.PUBLISHED], sign_due_at__lt=now, overdue=False
    )
    unhandled = Case.objects.filter(status=Status.IN_PROGRESS, handle_due_at__lt=now, overdue=False)
    # updated_at moves too: the dashboards' tallies recount the cases changed since their count.
    return unsigned.update(overdue=True, updated_at=now) + unhandled.update(
        overdue=True, updated_at=now
    )


def confirm_silent_hours(now: dt.datetime | None = None) -> int:
    """Confirm the hours of service orders completed `HOURS_SILENCE_DAYS` ago whose resident
    neither rated nor objected: the case is still waiting for its rating, or closed without
    one. A reopened, withdrawn or rejected order is not on that path: its hours wait or are
    void. Returns how many ledger lines now count."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.HOURS_SILENCE_DAYS)
    silent = Case.objects.filter(
        status__in=[Status.REVISITING, Status.CLOSED],
        handled_at__lte=cutoff,
        service_records__status=ServiceRecord.Status.PENDING,
    ).values_list("pk", flat=True)
    return confirm_order_hours(actor=None, case_ids=list(silent.distinct()), how="silence")
