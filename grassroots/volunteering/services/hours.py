"""Hours: what a date's attendance is worth, confirming it into the one ledger, and stars."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.audit import record_audit
from grassroots.volunteering import permissions
from grassroots.volunteering.errors import VolunteerRefused, require
from grassroots.volunteering.models import Enrollment, Occurrence, ServiceRecord

E = Enrollment.Status


def served_hours(enrollment: Enrollment) -> Decimal:
    """The time actually served, to the half hour: check-in to check-out, else the planned
    time from check-in (or from the start, for those the organiser marked)."""
    occurrence = enrollment.occurrence
    start = max(enrollment.checked_in_at or occurrence.starts_at, occurrence.starts_at)
    end = enrollment.checked_out_at or occurrence.ends_at
    end = min(end, occurrence.ends_at + dt.timedelta(hours=2))
    seconds = max((end - start).total_seconds(), 0)
    halves = (Decimal(seconds) / Decimal(1800)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return max(halves / 2, Decimal("0.5"))


@transaction.atomic
def confirm_hours(
    *, actor, occurrence: Occurrence, hours: dict[int, Decimal] | None = None, served_count: int = 0
) -> int:
    """The organiser confirms the date: everyone who came gets their hours (as computed, or as
    corrected) in the service ledger, everyone with a place who did not come is a no-show, and
    the number of residents served is kept. Returns the number of people whose hours count."""
    require(permissions.can_run(actor, occurrence.activity))
    hours = hours or {}
    if not 0 <= served_count <= 100000:
        raise VolunteerRefused("invalid", _("Give the number of residents served."))
    if occurrence.starts_at > timezone.now():
        raise VolunteerRefused("invalid", _("Hours can be confirmed once the activity started."))
    done = Occurrence.objects.filter(
        pk=occurrence.pk, status=Occurrence.Status.SCHEDULED, confirmed_at=None
    ).update(status=Occurrence.Status.HELD, confirmed_at=timezone.now(), served_count=served_count)
    if not done:
        raise VolunteerRefused("conflict", _("This date is already confirmed or was called off."))
    roster = occurrence.enrollments.select_related("volunteer")
    roster.filter(status=E.ENROLLED).update(status=E.NO_SHOW)
    records = []
    served_on = timezone.localtime(occurrence.starts_at).date()
    now = timezone.now()
    for enrollment in roster.filter(status=E.ATTENDED):
        given = hours.get(enrollment.pk)
        value = served_hours(enrollment) if given is None else Decimal(given)
        if not Decimal("0.5") <= value <= 24:
            raise VolunteerRefused("invalid", _("Give the hours served, 0.5 to 24."))
        enrollment.hours, enrollment.confirmed_by = value, actor
        enrollment.save(update_fields=["hours", "confirmed_by"])
        records.append(
            ServiceRecord(
                person_id=enrollment.volunteer.person_id,
                hours=value,
                served_on=served_on,
                enrollment=enrollment,
                note=occurrence.activity.title[:200],
                status=ServiceRecord.Status.CONFIRMED,  # the organiser's confirmation is it
                confirmed_at=now,
            )
        )
    ServiceRecord.objects.bulk_create(records)
    record_audit(
        actor=actor,
        action="change",
        target=occurrence,
        detail={"action": "confirm", "people": len(records), "served": served_count},
    )
    return len(records)


def star_thresholds() -> tuple[int, ...]:
    return tuple(settings.VOLUNTEER_STAR_HOURS)


def star_level(hours: Decimal | int | float) -> int:
    """Stars for total hours: one for each threshold reached (default 100/300/600/1000/1500)."""
    return sum(1 for t in star_thresholds() if Decimal(str(hours)) >= t)


def total_hours(person_id: int, start: dt.date | None = None, end: dt.date | None = None):
    """The counted hours of a person (in [start, end] if given) and how many times served."""
    records = ServiceRecord.objects.counted().filter(person_id=person_id)
    if start:
        records = records.filter(served_on__gte=start)
    if end:
        records = records.filter(served_on__lte=end)
    return records.aggregate(h=Sum("hours"))["h"] or Decimal(0), records.count()
