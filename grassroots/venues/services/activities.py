"""Rooms for volunteering activities: every coming date of an activity booked in one room
through the same conditional insert as any booking (all or nothing, naming every date that
clashes or falls outside the opening hours), and the bookings kept in step when a date moves
or is called off. Volunteering sits below venues and knows nothing of rooms: it calls
`follow_date` (handed over at start-up, see VenuesConfig.ready) inside its own move and
cancel, so a move into a taken slot is refused and undone with it."""

import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.audit import record_audit
from grassroots.venues import permissions
from grassroots.venues.errors import BookingRefused
from grassroots.venues.models import Booking, Room
from grassroots.venues.services.bookings import _clash_message, _insert, opening_problem
from grassroots.volunteering.errors import VolunteerRefused
from grassroots.volunteering.models import Activity, Occurrence
from grassroots.volunteering.permissions import can_run

ACTIVE = Booking.Status.ACTIVE


def _dates_to_house(activity: Activity):
    """The activity's coming scheduled dates that have no room yet."""
    return (
        activity.occurrences.filter(
            status=Occurrence.Status.SCHEDULED, starts_at__gt=timezone.now()
        )
        .exclude(room_bookings__status=ACTIVE)
        .order_by("starts_at")
    )


def _why_not(room: Room, occurrence: Occurrence, actor, series: str) -> str:
    """Book the room for the date; why it cannot be ("" when it is booked)."""
    start, end = occurrence.starts_at, occurrence.ends_at
    problem = opening_problem(room, start, end)
    if not problem:
        title = occurrence.activity.title[:100]
        if _insert(
            room, title, _("Volunteering activity"), start, end, actor, series, occurrence.pk
        ):
            return ""
        problem = _clash_message(room, start, end)
    return f"{timezone.localtime(start):%Y-%m-%d}：{problem}"


@transaction.atomic
def book_activity_room(*, actor, activity: Activity, room: Room) -> list[Booking]:
    """Book the room for every coming date of the activity that has no room yet; one date
    taken or closed refuses them all, listing every such date."""
    if not (can_run(actor, activity) and permissions.can_book(actor, room)):
        raise BookingRefused("forbidden", _("You may not book this room for this activity."))
    if permissions.community_of(room.venue.area) != activity.community:
        raise BookingRefused("invalid", _("This room is not in the activity's community."))
    dates = list(_dates_to_house(activity).select_related("activity"))
    if not dates:
        raise BookingRefused("conflict", _("Every coming date of this activity has a room."))
    series = uuid.uuid4().hex
    problems = [p for p in (_why_not(room, o, actor, series) for o in dates) if p]
    if problems:
        raise BookingRefused(
            "conflict",
            _("%(room)s cannot be booked for %(n)d of these dates, so none is booked: %(dates)s")
            % {"room": room.name, "n": len(problems), "dates": "；".join(problems)},
        )
    made = list(Booking.objects.filter(series=series).order_by("starts_at"))
    record_audit(
        actor=actor,
        action="change",
        target=made[0],
        detail={"action": "book_activity", "activity": activity.pk, "count": len(made)},
    )
    return made


def follow_date(*, actor, occurrence: Occurrence, change: str) -> None:
    """A date moved or was called off (inside volunteering's transaction): its room booking
    moves with it or is freed; a move into a taken or closed slot refuses the move."""
    for booking in Booking.objects.filter(occurrence=occurrence, status=ACTIVE).select_related(
        "room__venue", "booked_by"
    ):
        Booking.objects.filter(pk=booking.pk).update(status=Booking.Status.CANCELLED)
        if change == "move":
            _move(booking, occurrence)
        record_audit(
            actor=actor, action="change", target=booking, detail={"action": f"follow_{change}"}
        )


def _move(booking: Booking, occurrence: Occurrence) -> None:
    room, start, end = booking.room, occurrence.starts_at, occurrence.ends_at
    problem = opening_problem(room, start, end)
    if not problem and _insert(
        room,
        booking.group,
        booking.purpose,
        start,
        end,
        booking.booked_by,
        booking.series,
        occurrence.pk,
    ):
        return
    raise VolunteerRefused(
        "conflict",
        _("The date is not moved: its room %(room)s cannot be had then. %(why)s")
        % {"room": room.name, "why": problem or _clash_message(room, start, end)},
    )
