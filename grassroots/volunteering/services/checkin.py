"""Check-in: the rotating codes on the organiser's screen, scanning them, marking who came."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.audit import record_audit
from grassroots.core.codes import RotatingCode
from grassroots.volunteering import permissions
from grassroots.volunteering.errors import VolunteerRefused, require
from grassroots.volunteering.models import CodeUse, Enrollment, Occurrence
from grassroots.volunteering.services.volunteers import volunteer_signing_up

E = Enrollment.Status
# Check-in codes: a new one every ROTATE seconds, each accepted for VALID seconds.
ROTATE = 30
VALID = 90
CODES = RotatingCode(rotate=ROTATE, valid=VALID)


def current_code(occurrence: Occurrence, now: dt.datetime | None = None) -> str:
    """The code the organiser's screen shows now; a new one every ROTATE seconds."""
    return CODES.current(secret=occurrence.code_secret, subject=occurrence.pk, now=now)


def check_window(occurrence: Occurrence) -> tuple[dt.datetime, dt.datetime]:
    """Codes are shown and accepted from an hour before the start to two hours after the end."""
    return occurrence.starts_at - dt.timedelta(hours=1), occurrence.ends_at + dt.timedelta(hours=2)


def _valid_code(occurrence: Occurrence, code: str, now: dt.datetime) -> bool:
    return CODES.accepts(secret=occurrence.code_secret, subject=occurrence.pk, code=code, now=now)


@transaction.atomic
def scan_code(*, actor, occurrence: Occurrence, code: str, now: dt.datetime | None = None):
    """A volunteer scanned the organiser's code: the first scan checks in, a later scan (with
    a newer code) checks out. An expired code, a code of another date, or a code the volunteer
    already used is refused. Returns the sign-up and "in" or "out"."""
    now = now or timezone.now()
    if occurrence.status == Occurrence.Status.CANCELLED:
        raise VolunteerRefused("conflict", _("This date was called off."))
    if not _valid_code(occurrence, code, now):
        raise VolunteerRefused(
            "invalid",
            _("This code has expired or is not for this activity: scan the screen again."),
        )
    opens, closes = check_window(occurrence)
    if not opens <= now <= closes:
        raise VolunteerRefused("invalid", _("Check-in is open only around the activity's time."))
    volunteer = volunteer_signing_up(actor)
    enrollment = Enrollment.objects.filter(occurrence=occurrence, volunteer=volunteer).first()
    if enrollment is None or enrollment.status in (E.CANCELLED, E.WAITING):
        # Walk-ins are welcome while places are left.
        took = Occurrence.objects.filter(pk=occurrence.pk, taken__lt=F("capacity")).update(
            taken=F("taken") + 1
        )
        if not took:
            raise VolunteerRefused("conflict", _("All places are taken; ask the organiser."))
        if enrollment is None:
            enrollment = Enrollment.objects.create(
                occurrence=occurrence, volunteer=volunteer, status=E.ENROLLED, created_at=now
            )
        else:
            enrollment.status = E.ENROLLED
            enrollment.save(update_fields=["status"])
    if enrollment.hours is not None:
        raise VolunteerRefused("conflict", _("Your hours for this date are already confirmed."))
    try:
        with transaction.atomic():
            CodeUse.objects.create(enrollment=enrollment, code=code[:40], used_at=now)
    except IntegrityError:
        raise VolunteerRefused(
            "conflict", _("You already used this code: scan the screen again for a new one.")
        ) from None
    if enrollment.checked_in_at is None:
        enrollment.checked_in_at, enrollment.status, way = now, E.ATTENDED, "in"
    else:
        enrollment.checked_out_at, way = now, "out"
    enrollment.save(update_fields=["checked_in_at", "checked_out_at", "status"])
    record_audit(actor=actor, action="change", target=occurrence, detail={"check": way})
    return enrollment, way


@transaction.atomic
def mark_attendance(*, actor, enrollment: Enrollment, attended: bool) -> Enrollment:
    """The organiser marks who came (for those who did not scan) or who did not."""
    require(permissions.can_run(actor, enrollment.occurrence.activity))
    if enrollment.hours is not None:
        raise VolunteerRefused("conflict", _("Hours for this date are already confirmed."))
    if enrollment.status not in (E.ENROLLED, E.ATTENDED, E.NO_SHOW):
        raise VolunteerRefused("conflict", _("Only people with a place can be marked."))
    if timezone.now() < check_window(enrollment.occurrence)[0]:
        raise VolunteerRefused("invalid", _("Attendance can be marked from an hour before."))
    enrollment.status = E.ATTENDED if attended else E.NO_SHOW
    enrollment.save(update_fields=["status"])
    record_audit(
        actor=actor,
        action="change",
        target=enrollment.occurrence,
        detail={"mark": enrollment.status},
    )
    return enrollment
