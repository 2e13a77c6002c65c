"""Deadlines in working time, from the policy table per category and urgency."""

from datetime import datetime

from django.conf import settings

from grassroots.cases.models import Case, DeadlinePolicy
from grassroots.core.calendar import WorkingCalendar

# Used when the policy table has no row at all: the county's standing rules.
DEFAULT_SIGN_HOURS = {False: 7, True: 2}  # one working day; two working hours when urgent
DEFAULT_HANDLE_DAYS = (7, 15)  # normal, complex


def policy_for(case: Case) -> tuple[int, int, int]:
    """(sign hours, handle days, complex handle days) for the case's category and urgency."""
    urgent = case.urgent
    row = (
        DeadlinePolicy.objects.filter(category=case.category_id, urgent=urgent).first()
        or DeadlinePolicy.objects.filter(category__isnull=True, urgent=urgent).first()
    )
    if row is None:
        return DEFAULT_SIGN_HOURS[urgent], *DEFAULT_HANDLE_DAYS
    return row.sign_hours, row.handle_days, row.complex_handle_days


def deadlines_from(case: Case, start: datetime) -> tuple[datetime, datetime]:
    """When the taker must sign and when they must have handled the case, counted from `start`."""
    sign_hours, handle_days, complex_days = policy_for(case)
    calendar = WorkingCalendar()
    sign_due = calendar.add_working_hours(start, sign_hours)
    handle_due = calendar.add_working_days(start, complex_days if case.complex else handle_days)
    return sign_due, handle_due


def report_in_due(start: datetime) -> datetime:
    """When a unit summoned at `start` reports in by: `REPORT_IN_HOURS` working hours later."""
    hours = int(getattr(settings, "REPORT_IN_HOURS", 4))
    return WorkingCalendar().add_working_hours(start, hours)


def extended(due: datetime, days: int) -> datetime:
    return WorkingCalendar().add_working_days(due, days)
