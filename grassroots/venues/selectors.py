"""Reads of venues: opening periods as times, duty coverage per venue and week (门常开、灯常亮
made measurable), and a day's bookings and shifts for the people who keep the venues."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from grassroots.accounts.scopes import paths_q, scope_of
from grassroots.people.models import Person
from grassroots.venues.models import Booking, DutyShift, OpeningHours, Room, Venue
from grassroots.venues.permissions import BOOKING_READERS, community_of
from grassroots.volunteering.models import Activity, Occurrence
from grassroots.volunteering.permissions import can_run

Interval = tuple[dt.datetime, dt.datetime]


def week_start(day: dt.date) -> dt.date:
    """The Monday of the day's week."""
    return day - dt.timedelta(days=day.weekday())


def week_asked(value) -> dt.date:
    """The Monday of the week of an ISO date given (?week=), else of this week."""
    try:
        day = dt.date.fromisoformat(str(value or ""))
    except ValueError:
        day = timezone.localdate()
    return week_start(day)


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
    result = Coverage(venue=venue, week=monday, shifts=shifts)
    result.open_minutes, result.covered_minutes, result.gaps = _tally(periods, shifts, now)
    return result


def _tally(periods: list[Interval], shifts, now: dt.datetime):
    """(open minutes, covered minutes, gaps up to `now`) of opening periods and the shifts
    checked into during them."""
    present = _merged([p for p in map(presence, shifts) if p])
    open_minutes = covered = 0.0
    gaps: list[Interval] = []

    def gap(start, end):
        end = min(end, now)
        if end > start:
            gaps.append((start, end))

    for start, end in periods:
        open_minutes += _minutes(end - start)
        cursor = start
        for p_start, p_end in present:
            lo, hi = max(start, p_start), min(end, p_end)
            if hi <= lo:
                continue
            covered += _minutes(hi - lo)
            if lo > cursor:
                gap(cursor, lo)
            cursor = max(cursor, hi)
        if cursor < end:
            gap(cursor, end)
    return open_minutes, covered, gaps


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


def venues_in(area=None, *, kind: str = "", provided: str = ""):
    """Venues under an area (all without one), optionally of a kind and by who built them:
    provided="yes" — in space a unit provided, "no" — built by the community."""
    rows = Venue.objects.select_related("area", "provided_by")
    if area is not None:
        rows = rows.filter(paths_q(area.paths, "area__path"))
    if kind:
        rows = rows.filter(kind=kind)
    if provided:
        rows = rows.filter(provided_by__isnull=provided == "no")
    return rows.order_by("kind", "area__path", "name")


def coming_bookings(room: Room, days: int = 14):
    """A room's active bookings that have not ended and start within `days` days, soonest first."""
    now = timezone.now()
    return room.bookings.filter(
        status=Booking.Status.ACTIVE, ends_at__gte=now, starts_at__lte=now + dt.timedelta(days=days)
    ).order_by("starts_at")


def activities_to_house(user, room: Room) -> list[Activity]:
    """The activities of the room's community that the user runs and that have coming dates
    without a room (the choices of the room page's "book for an activity" form)."""
    unhoused = Occurrence.objects.filter(
        activity=OuterRef("pk"),
        status=Occurrence.Status.SCHEDULED,
        starts_at__gt=timezone.now(),
    ).exclude(room_bookings__status=Booking.Status.ACTIVE)
    rows = (
        Activity.objects.filter(Exists(unhoused), community=community_of(room.venue.area))
        .select_related("community", "team", "unit")
        .order_by("first_day", "pk")
    )
    return [a for a in rows[:50] if can_run(user, a)]


def bookings_in(area, week: dt.date):
    """Active bookings starting in the week at the venues under an area."""
    start = timezone.make_aware(dt.datetime.combine(week_start(week), dt.time()))
    rows = Booking.objects.filter(
        status=Booking.Status.ACTIVE, starts_at__gte=start, starts_at__lt=start + dt.timedelta(7)
    )
    if area is not None:
        rows = rows.filter(paths_q(area.paths, "room__venue__area__path"))
    return rows.select_related("room__venue", "booked_by").order_by("starts_at", "pk")


def bookings_visible_to(user, area, week: dt.date):
    """The week's bookings under an area (None: anywhere) at the venues of the user's areas."""
    scope = scope_of(user)
    return bookings_in(area, week).filter(
        scope.area_q("room__venue__area__path", roles=BOOKING_READERS)
    )


def area_coverage(venues, week: dt.date) -> float | None:
    """Duty coverage over all the venues: their covered minutes over their opening minutes in
    the week (percent, one decimal), in two queries whatever the number of venues."""
    venues = list(venues.prefetch_related("opening_hours"))
    if not venues:
        return None
    monday = week_start(week)
    first = timezone.make_aware(dt.datetime.combine(monday, dt.time()))
    shifts: dict[int, list[DutyShift]] = {}
    for shift in DutyShift.objects.filter(
        venue__in=venues,
        starts_at__lt=first + dt.timedelta(days=7),
        ends_at__gt=first,
        checked_in_at__isnull=False,
    ):
        shifts.setdefault(shift.venue_id, []).append(shift)
    open_minutes = covered = 0.0
    now = timezone.now()
    for venue in venues:
        periods = opening_periods(venue, monday, monday + dt.timedelta(days=6))
        opened, served, _gaps = _tally(periods, shifts.get(venue.pk, []), now)
        open_minutes += opened
        covered += served
    return round(100 * covered / open_minutes, 1) if open_minutes else None


def home_community(user, communities):
    """Of `communities`, the one the user lives in (None for someone with no home on record)."""
    paths = Person.objects.filter(user=user).values_list("home_area__path", flat=True)
    path = next(iter(paths), None) or ""
    return next((c for c in communities if c.holds(path)), None)
