"""Who may book rooms and cancel bookings.

Any signed-in person may book a bookable room (resident groups, units and associations all
book); the booker cancels their own booking, and the staff over the venue's area cancel any."""

from django.http import Http404

from grassroots.accounts.models import Role
from grassroots.accounts.scopes import scope_of
from grassroots.venues.models import Booking, Room

STAFF = (Role.COMMUNITY_STAFF, Role.COMMUNITY_SECRETARY, Role.COUNTY_ADMIN)


def staff_over(user, area) -> bool:
    scope = scope_of(user)
    return scope.is_superuser or any(area.path.startswith(p) for p in scope.area_paths(STAFF))


def can_book(user, room: Room) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and room.bookable


def can_cancel(user, booking: Booking) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return booking.booked_by_id == user.pk or staff_over(user, booking.room.venue.area)


def access_room(user, pk) -> Room:
    room = Room.objects.select_related("venue__area").filter(pk=pk).first()
    if room is None:
        raise Http404
    return room
