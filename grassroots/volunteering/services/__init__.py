"""Every write of volunteering: one function per use case, `actor=` first, by stage — volunteers,
activities and their dates, sign-ups, check-in, hours (and service orders' hours), certificates.

Refusals are `VolunteerRefused` (volunteering/errors.py) with a code (`forbidden`, `conflict`,
`invalid`) and a message for people; each function is one transaction, so nothing is
half-written."""

from grassroots.volunteering.errors import VolunteerRefused
from grassroots.volunteering.services.activities import (
    HORIZON,
    MAX_OCCURRENCES,
    cancel_occurrence,
    create_activity,
    follow_dates_with,
    move_occurrence,
)
from grassroots.volunteering.services.certificates import issue_certificate
from grassroots.volunteering.services.checkin import (
    ROTATE,
    VALID,
    check_window,
    current_code,
    mark_attendance,
    scan_code,
)
from grassroots.volunteering.services.hours import (
    confirm_hours,
    served_hours,
    star_level,
    star_thresholds,
    total_hours,
)
from grassroots.volunteering.services.orders import (
    confirm_order_hours,
    declare_order_hours,
    reopen_order_hours,
    void_order_hours,
)
from grassroots.volunteering.services.signups import cancel_sign_up, sign_up, signup_window
from grassroots.volunteering.services.volunteers import update_profile, volunteer_for

__all__ = [
    "HORIZON",
    "MAX_OCCURRENCES",
    "ROTATE",
    "VALID",
    "VolunteerRefused",
    "cancel_occurrence",
    "cancel_sign_up",
    "check_window",
    "confirm_hours",
    "confirm_order_hours",
    "create_activity",
    "current_code",
    "declare_order_hours",
    "follow_dates_with",
    "issue_certificate",
    "mark_attendance",
    "move_occurrence",
    "reopen_order_hours",
    "scan_code",
    "served_hours",
    "sign_up",
    "signup_window",
    "star_level",
    "star_thresholds",
    "total_hours",
    "update_profile",
    "void_order_hours",
    "volunteer_for",
]
