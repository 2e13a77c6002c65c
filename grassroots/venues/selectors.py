"""Reads of venues: opening periods as times, duty coverage per venue and week (门常开、灯常亮
made measurable), and a day's bookings and shifts for the people who keep the venues."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from grassroots.venues.models import Booking, DutyShift, OpeningHours, Venue

Interval = tuple[dt.datetime, dt.datetime]


def week_start(day: dt.date) -> dt.date:
    """The Monday of the day's week."""
    return day - dt.timedelta(days=day.weekday())


def opening_periods(venue: Venue, first: dt.date, last: dt.date) -> list[Interval]:
    """The venue's open periods from `first` to `last` (inclusive) as aware datetimes."""
    by_day: dict[int, list[OpeningHours]] = {}
    for period in venue.opening_hours.all():
        by_day.setdefault(period.weekday, []).append(period)
    periods = []
    day = first
    while day <= last:
        for p in sorted(by_day.get(day.weekday(), []), key=lambda p: p.opens):
            periods.append(
                (
                    timezone.make_aware(dt.datetime.combine(day, p.opens)),
                    timezone.make_aware(dt.datetime.combine(day, p.closes)),
                )
            )
        day += dt.timedelta(days=1)
    return periods


def _merged(intervals: list[Interval]) -> list[Interval]:
    merged: list[list[dt.datetime]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _minutes(delta: dt.timedelta) -> float:
    return delta.total_seconds() / 60


@dataclass
class Coverage:
    """A venue's week: opening minutes, the minutes someone on duty was checked in, and the
    opening periods (up to `now`) nobody covered."""

    venue: Venue
    week: dt.date
    open_minutes: float = 0
    covered_minutes: float = 0
    gaps: list[Interval] = field(default_factory=list)
    shifts: list[DutyShift] = field(default_factory=list)

    @property
    def share(self) -> float | None:
        """Covered share of the week's opening hours in percent, one decimal."""
        if not self.open_minutes:
            return None
        return round(100 * self.covered_minutes / self.open_minutes, 1)

    @property
    def open_hours(self) -> float:
        return round(self.open_minutes / 60, 1)

    @property
    def covered_hours(self) -> float:
        return round(self.covered_minutes / 60, 1)


def presence(shift: DutyShift) -> Interval | None:
    """When the person on duty was there: check-in to check-out, or to the shift's end when
    they did not check out (a check-out after the end counts to the end)."""
    if shift.checked_in_at is None:
        return None
    end = min(shift.checked_out_at or shift.ends_at, shift.ends_at)
    start = max(shift.checked_in_at, shift.starts_at)
    return (start, end) if end > start else None


def coverage(venue: Venue, week: dt.date, now: dt.datetime | None = None) -> Coverage:
    """The venue's duty coverage in the week starting on Monday `week`.

    The share counts the week's whole opening hours, so it grows as shifts are served; gaps
    are listed only for time already past (the future is not a gap yet)."""
    now = now or timezone.now()
    monday = week_start(week)
    periods = opening_periods(venue, monday, monday + dt.timedelta(days=6))
    first = timezone.make_aware(dt.datetime.combine(monday, dt.time()))
    shifts = list(
        DutyShift.objects.filter(
            venue=venue, starts_at__lt=first + dt.timedelta(days=7), ends_at__gt=first
        )
        .select_related("user")
        .order_by("starts_at")
    )
    present = _merged([p for p in map(presence, shifts) if p])
    result = Coverage(venue=venue, week=monday, shifts=shifts)
    for start, end in periods:
        result.open_minutes += _minutes(end - start)
        cursor = start
        for p_start, p_end in present:
            lo, hi = max(start, p_start), min(end, p_end)
            if hi <= lo:
                continue
            result.covered_minutes += _minutes(hi - lo)
            if lo > cursor:
                _gap(result, cursor, lo, now)
            cursor = max(cursor, hi)
        if cursor < end:
            _gap(result, cursor, end, now)
    return result


def _gap(result: Coverage, start: dt.datetime, end: dt.datetime, now: dt.datetime) -> None:
    end = min(end, now)
    if end > start:
        result.gaps.append((start, end))


def venues_kept_by(user, scope_paths: list[str]):
    """Venues the user keeps: under their staff areas, or where they have duty."""
    query = Q(duty_shifts__user=user)
    for path in scope_paths:
        query |= Q(area__path__startswith=path)
    return Venue.objects.filter(query).distinct()


def day_at(venues, day: dt.date) -> list[dict]:
    """Each venue's bookings and shifts on a day, only venues with either."""
    start = timezone.make_aware(dt.datetime.combine(day, dt.time()))
    end = start + dt.timedelta(days=1)
    bookings: dict[int, list[Booking]] = {}
    for b in (
        Booking.objects.filter(
            room__venue__in=venues,
            status=Booking.Status.ACTIVE,
            starts_at__lt=end,
            ends_at__gt=start,
        )
        .select_related("room")
        .order_by("starts_at")
    ):
        bookings.setdefault(b.room.venue_id, []).append(b)
    shifts: dict[int, list[DutyShift]] = {}
    for s in (
        DutyShift.objects.filter(venue__in=venues, starts_at__lt=end, ends_at__gt=start)
        .select_related("user")
        .order_by("starts_at")
    ):
        shifts.setdefault(s.venue_id, []).append(s)
    ids = set(bookings) | set(shifts)
    rows = Venue.objects.filter(pk__in=ids).select_related("area").order_by("area__path", "name")
    return [
        {"venue": v, "bookings": bookings.get(v.pk, []), "shifts": shifts.get(v.pk, [])}
        for v in rows
    ]
