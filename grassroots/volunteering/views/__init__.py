"""Pages of volunteering, by what they serve: activities and sign-up, running a date and
check-in, a volunteer's records and the ledgers, teams, calendar feeds."""

from grassroots.volunteering.views.activities import (
    activity_detail,
    activity_list,
    activity_new,
    cancel_sign_up,
    sign_up,
)
from grassroots.volunteering.views.calendars import feed_community, feed_mine, feed_team
from grassroots.volunteering.views.checkin import (
    checkin_code,
    checkin_screen,
    occurrence_page,
    scan,
)
from grassroots.volunteering.views.records import (
    activities_ledger,
    certificate_new,
    certificate_pdf,
    hours_ledger,
    mine,
    verify,
)
from grassroots.volunteering.views.teams import team_detail, team_list, volunteer_list

__all__ = [
    "activities_ledger",
    "activity_detail",
    "activity_list",
    "activity_new",
    "cancel_sign_up",
    "certificate_new",
    "certificate_pdf",
    "checkin_code",
    "checkin_screen",
    "feed_community",
    "feed_mine",
    "feed_team",
    "hours_ledger",
    "mine",
    "occurrence_page",
    "scan",
    "sign_up",
    "team_detail",
    "team_list",
    "verify",
    "volunteer_list",
]
