"""Every write of venues: bookings (bookings), duty shifts and their check-in with the duty
screen's rotating code (duty), rooms for volunteering activities (activities)."""

from grassroots.venues import permissions
from grassroots.venues.errors import BookingRefused
from grassroots.venues.services.activities import book_activity_room, follow_date
from grassroots.venues.services.bookings import MAX_SERIES, book, cancel, opening_problem
from grassroots.venues.services.duty import (
    DUTY_CODES,
    EARLY,
    MAX_SHIFT,
    check_in_or_out,
    current_shift,
    duty_code,
    schedule_shift,
    valid_duty_code,
)

__all__ = [
    "DUTY_CODES",
    "EARLY",
    "MAX_SERIES",
    "MAX_SHIFT",
    "BookingRefused",
    "book",
    "book_activity_room",
    "cancel",
    "check_in_or_out",
    "current_shift",
    "duty_code",
    "follow_date",
    "opening_problem",
    "permissions",
    "schedule_shift",
    "valid_duty_code",
]
