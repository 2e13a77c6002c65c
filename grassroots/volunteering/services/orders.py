"""Service-order hours (点单): declared by the member who served, counted once confirmed.

The rule (written once here and in ServiceRecord's docstring): the member's declaration is
pending; the resident's rating of the case confirms it, whatever the rating (a rating answers
for a service that happened, its quality is the rating's business); so does the silence period
(`HOURS_SILENCE_DAYS` after completion) with the case still on its way to closing; a reopen
sends confirmed hours back to pending (the redone service is confirmed anew); a withdrawn or
rejected case voids pending hours, which never count. The cases app, which knows the case's
states, decides when; these functions only move the ledger's lines, one audit row each."""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from grassroots.core.audit import record_audit
from grassroots.volunteering.models import ServiceRecord

R = ServiceRecord.Status


@transaction.atomic
def declare_order_hours(
    *, actor, person_id: int, case_id: int, hours: Decimal, served_on: dt.date, note: str = ""
) -> ServiceRecord:
    """The member's hours for a service order, pending the resident's confirmation; a new
    declaration on the same order (after a reopen) replaces the old one and waits again."""
    record, _created = ServiceRecord.objects.update_or_create(
        person_id=person_id,
        case_id=case_id,
        defaults={
            "hours": hours,
            "served_on": served_on,
            "note": note[:200],
            "status": R.PENDING,
            "confirmed_at": None,
        },
    )
    record_audit(actor=actor, action="change", target=record, detail={"action": "declare_hours"})
    return record


def _move(*, actor, rows, how: str, **fields) -> int:
    """Move the chosen lines (locked, so a line moves once) and leave an audit row for each."""
    moved = list(rows.select_for_update())
    ServiceRecord.objects.filter(pk__in=[r.pk for r in moved]).update(**fields)
    for record in moved:
        detail = {"action": how, "hours": str(record.hours)}
        record_audit(actor=actor, action="change", target=record, detail=detail)
    return len(moved)


@transaction.atomic
def confirm_order_hours(*, actor, case_ids: Iterable[int], how: str) -> int:
    """Confirm the pending hours of these service orders (`how`: by "rating" or "silence");
    returns how many lines now count."""
    rows = ServiceRecord.objects.pending().filter(case_id__in=list(case_ids))
    return _move(
        actor=actor,
        rows=rows,
        how=f"confirm_hours_{how}",
        status=R.CONFIRMED,
        confirmed_at=timezone.now(),
    )


@transaction.atomic
def reopen_order_hours(*, actor, case_id: int) -> int:
    """A reopened order's confirmed hours wait again: the redone service is confirmed anew."""
    rows = ServiceRecord.objects.counted().filter(case_id=case_id)
    return _move(actor=actor, rows=rows, how="reopen_hours", status=R.PENDING, confirmed_at=None)


@transaction.atomic
def void_order_hours(*, actor, case_id: int) -> int:
    """A withdrawn or rejected order's pending hours are void: they never count."""
    rows = ServiceRecord.objects.pending().filter(case_id=case_id)
    return _move(actor=actor, rows=rows, how="void_hours", status=R.VOID)
