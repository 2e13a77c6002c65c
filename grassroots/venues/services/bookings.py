"""Bookings: one, or a series by a repeat rule, and their cancellation.

A booking is written by one conditional INSERT that only inserts when no active booking of the
room overlaps — checked in the same statement, so on SQLite (one writer at a time) two
requests for one slot cannot both pass; on PostgreSQL the exclusion constraint
`booking_no_overlap` refuses the second of two concurrent inserts, which is reported the same
way. Refusals are `BookingRefused` with a code and a message for people."""

import datetime as dt
import uuid

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.audit import record_audit
from grassroots.venues import permissions
from grassroots.venues.errors import BookingRefused
from grassroots.venues.models import Booking, OpeningHours, Room
from grassroots.volunteering.recurrence import Pattern, PatternError, occurrences, rule_text

WEEKDAY_NAMES = "一二三四五六日"
MAX_SERIES = 60


def opening_problem(room: Room, starts: dt.datetime, ends: dt.datetime) -> str:
    """Why the range is outside the venue's opening hours ("" when it is inside)."""
    start, end = timezone.localtime(starts), timezone.localtime(ends)
    day = f"周{WEEKDAY_NAMES[start.weekday()]}"
    if start.date() != end.date():
        return _("A booking starts and ends on the same day.")
    periods = list(
        OpeningHours.objects.filter(venue_id=room.venue_id, weekday=start.weekday()).order_by(
            "opens"
        )
    )
    if not periods:
        return _("%(venue)s is closed on %(day)s.") % {"venue": room.venue.name, "day": day}
    if any(p.opens <= start.time() and end.time() <= p.closes for p in periods):
        return ""
    hours = "、".join(f"{p.opens:%H:%M}–{p.closes:%H:%M}" for p in periods)
    return _("%(venue)s is open on %(day)s %(hours)s; %(start)s–%(end)s is outside that.") % {
        "venue": room.venue.name,
        "day": day,
        "hours": hours,
        "start": f"{start:%H:%M}",
        "end": f"{end:%H:%M}",
    }


def _insert(
    room: Room, group: str, purpose: str, starts, ends, actor, series: str, occurrence_id=None
) -> bool:
    """Insert the booking unless an active one of the room overlaps; True when inserted."""
    adapt = connection.ops.adapt_datetimefield_value
    table = Booking._meta.db_table
    sql = (
        f'INSERT INTO {table} (room_id, "group", purpose, starts_at, ends_at, status, '
        "booked_by_id, series, occurrence_id, created_at) "
        "SELECT %s, %s, %s, %s, %s, %s, %s, %s, %s, %s "
        f"WHERE NOT EXISTS (SELECT 1 FROM {table} WHERE room_id = %s AND status = %s "
        "AND starts_at < %s AND ends_at > %s)"
    )
    active = Booking.Status.ACTIVE
    params = [room.pk, group, purpose, adapt(starts), adapt(ends), active, actor.pk, series]
    params += [occurrence_id, adapt(timezone.now()), room.pk, active, adapt(ends), adapt(starts)]
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.rowcount == 1
    except IntegrityError:  # PostgreSQL: a concurrent booking won the exclusion constraint
        return False


def _clash_message(room: Room, starts, ends) -> str:
    other = (
        Booking.objects.filter(
            room=room, status=Booking.Status.ACTIVE, starts_at__lt=ends, ends_at__gt=starts
        )
        .order_by("starts_at")
        .first()
    )
    if other is None:
        return _("%(room)s was just booked by someone else for that time.") % {"room": room.name}
    return _("%(room)s is booked by %(group)s from %(start)s to %(end)s.") % {
        "room": room.name,
        "group": other.group,
        "start": f"{timezone.localtime(other.starts_at):%m-%d %H:%M}",
        "end": f"{timezone.localtime(other.ends_at):%H:%M}",
    }


def _start_times(
    starts_at: dt.datetime, pattern: Pattern | None, until: dt.date | None
) -> tuple[list[dt.datetime], str]:
    """When each booking starts: the one time asked, or every date of the repeat rule up to
    `until` (at most MAX_SERIES) with the series id they share ("" for a single booking)."""
    if pattern is None:
        return [starts_at], ""
    if until is None or until < timezone.localtime(starts_at).date():
        raise BookingRefused("invalid", _("Say until when it repeats."), {"until": []})
    try:
        rule = rule_text(pattern.rrule())
    except PatternError as error:
        raise BookingRefused("invalid", str(error), {"pattern": []}) from None
    end_of = timezone.localtime(starts_at) + dt.timedelta(days=366)
    starts = occurrences(
        rule, timezone.localtime(starts_at), after=starts_at, before=end_of, until=until
    )[:MAX_SERIES]
    if not starts:
        raise BookingRefused("invalid", _("The rule gives no date before the last day."))
    return starts, uuid.uuid4().hex


@transaction.atomic
def book(
    *,
    actor,
    room: Room,
    group: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    purpose: str = "",
    pattern: Pattern | None = None,
    until: dt.date | None = None,
) -> list[Booking]:
    """Book a room for a time range, or for every date of a repeat rule up to `until` (all or
    nothing: one taken or closed date refuses the whole series, naming it)."""
    if not permissions.can_book(actor, room):
        raise BookingRefused("forbidden", _("You may not book this room."))
    group = (group or "").strip()[:100]
    if not group:
        raise BookingRefused("invalid", _("Say who the booking is for."), {"group": []})
    if ends_at <= starts_at:
        raise BookingRefused("invalid", _("The end must be after the start."), {"ends_at": []})
    if starts_at < timezone.now():
        raise BookingRefused("invalid", _("Choose a time in the future."), {"starts_at": []})
    starts, series = _start_times(starts_at, pattern, until)
    length = ends_at - starts_at
    made = []
    for start in starts:
        problem = opening_problem(room, start, start + length)
        if problem:
            raise BookingRefused("invalid", problem, {"starts_at": [problem]})
        if not _insert(room, group, purpose[:200], start, start + length, actor, series):
            raise BookingRefused("conflict", _clash_message(room, start, start + length))
        made.append(Booking.objects.get(room=room, status=Booking.Status.ACTIVE, starts_at=start))
    record_audit(
        actor=actor,
        action="change",
        target=made[0],
        detail={"action": "book", "count": len(made), "series": series},
    )
    return made


@transaction.atomic
def cancel(*, actor, booking: Booking, whole_series: bool = False) -> int:
    """Cancel a booking (or the rest of its series); the slot is free at once."""
    if not permissions.can_cancel(actor, booking):
        raise BookingRefused("forbidden", _("You may not cancel this booking."))
    rows = Booking.objects.filter(pk=booking.pk)
    if whole_series and booking.series:
        rows = Booking.objects.filter(series=booking.series, starts_at__gte=booking.starts_at)
    count = rows.filter(status=Booking.Status.ACTIVE).update(status=Booking.Status.CANCELLED)
    if not count:
        raise BookingRefused("conflict", _("This booking is already cancelled."))
    record_audit(
        actor=actor, action="change", target=booking, detail={"action": "cancel", "count": count}
    )
    return count
