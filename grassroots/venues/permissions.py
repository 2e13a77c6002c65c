"""Who may book rooms and cancel bookings.

Any signed-in person may book a bookable room (resident groups, units and associations all
book); the booker cancels their own booking, and the staff over the venue's area cancel any.
The staff over a venue keep its duty roster; anyone with a role in the venue's community
(staff, grid workers, party members, volunteers) may be put on duty there."""

from django.http import Http404

from grassroots.accounts.models import ADMIN_ROLES, AUDIT_ROLES, Role, User
from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area
from grassroots.areas.permissions import access_places
from grassroots.areas.selectors import ancestors_and_self
from grassroots.venues.models import Booking, Room, Venue

STAFF = (Role.COMMUNITY_STAFF, Role.COMMUNITY_SECRETARY, *ADMIN_ROLES)
BOOKING_READERS = (*STAFF, *AUDIT_ROLES)


def staff_over(user, area) -> bool:
    return scope_of(user).covers(area, STAFF)


def can_book(user, room: Room) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and room.bookable


def can_cancel(user, booking: Booking) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return booking.booked_by_id == user.pk or staff_over(user, booking.room.venue.area)


def can_list_bookings(user) -> bool:
    """Read every booking at the venues of one's areas (the staff and auditors over them)."""
    scope = scope_of(user)
    return scope.is_superuser or bool(scope.area_paths(BOOKING_READERS))


def bookings_area(user, asked):
    """The area(s) a booking list or ledger is asked for (`?area=`), within the areas whose
    bookings the user reads (404 outside them); None when none is asked (all they read)."""
    if not asked:
        return None
    places = access_places(user, asked, roles=BOOKING_READERS)
    return places.single or places


def access_room(user, pk) -> Room:
    room = Room.objects.select_related("venue__area").filter(pk=pk).first()
    if room is None:
        raise Http404
    return room


def in_reach(user, area: Area) -> bool:
    """The area lies in the county (or the city) of one of the user's roles or units."""
    scope = scope_of(user)
    if scope.is_superuser:
        return True
    county = Area.cut(area.path, Area.Level.COUNTY)
    roots = [*scope.area_paths(), *scope.unit_paths()]
    return any(county.startswith(root) or root.startswith(county) for root in roots)


def access_room_to_house(user, pk) -> Room:
    """A room to book for an activity: 404 for a room of another county."""
    room = access_room(user, pk)
    if not in_reach(user, room.venue.area):
        raise Http404
    return room


def community_of(area: Area) -> Area:
    """The community a venue's area belongs to (the area itself for a community centre)."""
    chain = ancestors_and_self(area)
    return next((a for a in chain if a.level == Area.Level.COMMUNITY), area)


def can_manage_duty(user, venue: Venue) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and staff_over(user, venue.area)


def dutiable_users(venue: Venue):
    community = community_of(venue.area)
    return (
        User.objects.filter(
            is_active=True,
            role_assignments__area__path__startswith=community.path,
        )
        .exclude(role_assignments__role=Role.RESIDENT)
        .distinct()
        .order_by("full_name", "username")
    )


def access_venue(user, pk) -> Venue:
    venue = Venue.objects.select_related("area").filter(pk=pk).first()
    if venue is None:
        raise Http404
    return venue
