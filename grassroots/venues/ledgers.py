"""The bookings ledger (台账) of a week, registered with the background writer
(`core.exports`). It checks what the reader may see again, since the worker may run it later."""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.areas.permissions import scope_roots
from grassroots.areas.places import Places
from grassroots.core import exports
from grassroots.venues import selectors
from grassroots.venues.permissions import BOOKING_READERS, bookings_area, can_list_bookings


@exports.ledger("bookings")
def bookings_ledger(user, params: dict) -> exports.Ledger:
    """Every booking of a week (?week=) at the venues of the user's areas (under ?area=)."""
    if not can_list_bookings(user):
        raise Http404
    area = bookings_area(user, params.get("area"))
    found = selectors.bookings_visible_to(user, area, selectors.week_asked(params.get("week")))
    headers = [_("Date"), _("Starts"), _("Ends"), _("Venue"), _("Room"), _("Group"), _("Purpose")]
    rows = (
        [
            timezone.localdate(b.starts_at),
            f"{timezone.localtime(b.starts_at):%H:%M}",
            f"{timezone.localtime(b.ends_at):%H:%M}",
            b.room.venue.name,
            b.room.name,
            b.group,
            b.purpose,
        ]
        for b in found.iterator(chunk_size=exports.CHUNK)
    )
    target = area or Places.of(*scope_roots(user, BOOKING_READERS))
    return exports.Ledger(str(_("Bookings")), headers, found.count(), rows, target)
