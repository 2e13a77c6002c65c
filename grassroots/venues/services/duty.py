"""Duty (值班): putting people on a venue's roster, and checking in and out of a shift with the
rotating code on the venue's duty screen (grassroots.core.codes)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.audit import record_audit
from grassroots.core.codes import RotatingCode
from grassroots.venues import permissions
from grassroots.venues.errors import BookingRefused
from grassroots.venues.models import DutyShift, Venue

# Duty (值班): a shift may be checked into from EARLY before its start until its end.
EARLY = dt.timedelta(minutes=30)
MAX_SHIFT = dt.timedelta(hours=14)


# The duty screen at a station shows a new code every minute, each accepted for two (the
# current window and the one before): only someone standing there can check in or out.
DUTY_CODES = RotatingCode(rotate=60, valid=120)


def duty_code(venue: Venue, now: dt.datetime | None = None) -> str:
    """The code the venue's duty screen shows now."""
    return DUTY_CODES.current(secret=venue.duty_secret, subject=f"duty:{venue.pk}", now=now)


def valid_duty_code(venue: Venue, code: str, now: dt.datetime | None = None) -> bool:
    return DUTY_CODES.accepts(
        secret=venue.duty_secret, subject=f"duty:{venue.pk}", code=code, now=now
    )


@transaction.atomic
def schedule_shift(*, actor, venue: Venue, user, starts_at: dt.datetime, ends_at: dt.datetime):
    """Put someone on duty at a venue; the same person is never on two shifts at once."""
    if not permissions.can_manage_duty(actor, venue):
        raise BookingRefused("forbidden", _("You may not schedule duty at this venue."))
    if ends_at <= starts_at:
        raise BookingRefused("invalid", _("The end must be after the start."), {"ends_at": []})
    if ends_at - starts_at > MAX_SHIFT:
        raise BookingRefused("invalid", _("A shift is at most 14 hours."), {"ends_at": []})
    if user not in permissions.dutiable_users(venue):
        raise BookingRefused("invalid", _("This person does not serve here."), {"user": []})
    clash = DutyShift.objects.filter(user=user, starts_at__lt=ends_at, ends_at__gt=starts_at)
    other = clash.select_related("venue").first()
    if other is not None:
        raise BookingRefused(
            "conflict",
            _("%(name)s is already on duty at %(venue)s then.")
            % {"name": user.full_name or user.username, "venue": other.venue.name},
        )
    shift = DutyShift.objects.create(
        venue=venue, user=user, starts_at=starts_at, ends_at=ends_at, created_by=actor
    )
    record_audit(actor=actor, action="create", target=shift, detail={"user": user.pk})
    return shift


def current_shift(user, venue: Venue, now: dt.datetime | None = None) -> DutyShift | None:
    """The user's shift at the venue that can be checked into or out of now."""
    now = now or timezone.now()
    return (
        DutyShift.objects.filter(
            user=user, venue=venue, starts_at__lte=now + EARLY, ends_at__gt=now
        )
        .order_by("starts_at")
        .first()
    )


def _check_code_refusal(shift: DutyShift, code: str, now: dt.datetime) -> str:
    """Why the scanned code does not check in or out now ("" when it does)."""
    if not valid_duty_code(shift.venue, code, now):
        return _("This code has expired or is not this venue's: scan the screen there again.")
    issued = DUTY_CODES.issued_at(code)
    if shift.checked_in_at is not None and issued is not None and issued <= shift.checked_in_at:
        return _("You checked in with this code: scan the screen again when you leave.")
    return ""


@transaction.atomic
def check_in_or_out(*, actor, shift: DutyShift, code: str, now: dt.datetime | None = None):
    """The first scan of the venue's duty screen checks in, a later one (a newer code) checks
    out; only by the person on duty, only from half an hour before the shift until its end,
    and only with the code the screen shows now. Returns "in" or "out"."""
    now = now or timezone.now()
    if shift.user_id != actor.pk:
        raise BookingRefused("forbidden", _("Only the person on duty checks in for it."))
    if not (shift.starts_at - EARLY <= now < shift.ends_at):
        start = timezone.localtime(shift.starts_at)
        raise BookingRefused(
            "invalid",
            _("This shift (%(start)s–%(end)s) can be checked into from half an hour before.")
            % {
                "start": f"{start:%m-%d %H:%M}",
                "end": f"{timezone.localtime(shift.ends_at):%H:%M}",
            },
        )
    problem = _check_code_refusal(shift, code, now)
    if problem:
        raise BookingRefused("invalid", problem)
    via = DutyShift.Via.QR
    rows = DutyShift.objects.filter(pk=shift.pk)
    if rows.filter(checked_in_at__isnull=True).update(checked_in_at=now, via=via):
        done = "in"
    elif rows.filter(checked_out_at__isnull=True).update(checked_out_at=max(now, shift.starts_at)):
        done = "out"
    else:
        raise BookingRefused("conflict", _("You have already checked out of this shift."))
    shift.refresh_from_db()
    record_audit(
        actor=actor, action="change", target=shift, detail={"action": f"check_{done}", "via": via}
    )
    return done
