"""Working time: weekdays less holidays plus worked weekend days; 09:00–12:00, 13:30–17:30."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

# The office day, in local time: (start, end) pairs. Seven working hours a day.
OFFICE_HOURS = ((time(9, 0), time(12, 0)), (time(13, 30), time(17, 30)))
HOURS_PER_DAY = 7


def _exceptions() -> dict[date, bool]:
    from grassroots.core.models import Holiday

    return dict(Holiday.objects.values_list("date", "is_workday"))


class WorkingCalendar:
    """Tells working days and adds working hours, from one load of the holiday table."""

    def __init__(self, exceptions: dict[date, bool] | None = None):
        self.exceptions = _exceptions() if exceptions is None else exceptions

    def is_working_day(self, day: date) -> bool:
        if day in self.exceptions:
            return self.exceptions[day]
        return day.weekday() < 5

    def _periods(self, day: date):
        tz = timezone.get_current_timezone()
        for start, end in OFFICE_HOURS:
            yield (
                datetime.combine(day, start, tzinfo=tz),
                datetime.combine(day, end, tzinfo=tz),
            )

    def add_working_hours(self, start: datetime, hours: float) -> datetime:
        """The moment `hours` of office time after `start`, skipping time outside office hours."""
        remaining = timedelta(hours=hours)
        moment = timezone.localtime(start)
        day = moment.date()
        for _ in range(3660):  # ten years of days: a bound, never reached with sane inputs
            if self.is_working_day(day):
                for begin, end in self._periods(day):
                    if moment >= end:
                        continue
                    begin = max(begin, moment)
                    if begin + remaining <= end:
                        return begin + remaining
                    remaining -= end - begin
                    moment = end
            day += timedelta(days=1)
        raise ValueError("deadline too far away")

    def add_working_days(self, start: datetime, days: int) -> datetime:
        return self.add_working_hours(start, days * HOURS_PER_DAY)
