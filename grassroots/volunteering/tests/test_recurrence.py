"""Repeating activities: the worker's patterns, their RRULEs, and a year of occurrences,
checked against the calendar independently (2026 has January and October ending on Saturday)."""

import calendar
import datetime as dt

import pytest
from icalendar import vRecur

from grassroots.volunteering.recurrence import Pattern, PatternError, occurrences, rule_text

TZ = dt.timezone(dt.timedelta(hours=8))
YEAR_START = dt.datetime(2026, 1, 1, tzinfo=TZ)
YEAR_END = dt.datetime(2027, 1, 1, tzinfo=TZ)


def year_of(pattern: Pattern, hour: int = 9) -> list[dt.date]:
    rule = rule_text(pattern.rrule())
    first = dt.datetime(2026, 1, 1, hour, tzinfo=TZ)
    return [s.date() for s in occurrences(rule, first, after=YEAR_START, before=YEAR_END)]


def last_weekday(year: int, month: int, weekday: int) -> dt.date:
    last = calendar.monthrange(year, month)[1]
    day = dt.date(year, month, last)
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def test_the_18th_of_every_month():
    days = year_of(Pattern("monthday", day=18))
    assert days == [dt.date(2026, m, 18) for m in range(1, 13)]
    assert Pattern("monthday", day=18).text() == "每月18日"


def test_the_last_saturday_of_every_month():
    days = year_of(Pattern("weekday_of_month", weekdays=(5,), ordinal=-1))
    assert days == [last_weekday(2026, m, calendar.SATURDAY) for m in range(1, 13)]
    assert days[0] == dt.date(2026, 1, 31)  # January ends on a Saturday


def test_the_last_weekend_lies_wholly_inside_the_month():
    days = year_of(Pattern("last_weekend"))
    expected = [last_weekday(2026, m, calendar.SUNDAY) - dt.timedelta(days=1) for m in range(1, 13)]
    assert days == expected
    assert days[0] == dt.date(2026, 1, 24) and days[9] == dt.date(2026, 10, 24)
    for day in days:
        assert day.weekday() == calendar.SATURDAY
        assert (day + dt.timedelta(days=1)).month == day.month
    assert Pattern("last_weekend").text() == "每月最后一个周末"


def test_wednesday_afternoons_every_week():
    pattern = Pattern("weekly", weekdays=(2,))
    rule = rule_text(pattern.rrule())
    first = dt.datetime(2026, 1, 7, 14, 30, tzinfo=TZ)
    starts = occurrences(rule, first, after=YEAR_START, before=YEAR_END)
    wednesdays = [
        d
        for d in (dt.date(2026, 1, 1) + dt.timedelta(days=i) for i in range(365))
        if d.weekday() == 2
    ]
    assert [s.date() for s in starts] == wednesdays
    assert {s.weekday() for s in starts} == {2} and {s.time() for s in starts} == {dt.time(14, 30)}
    assert pattern.text() == "每周三"


def test_a_cancelled_occurrence_and_an_end_date_leave_the_rest_of_the_series():
    rule = rule_text(Pattern("monthday", day=18).rrule())
    first = dt.datetime(2026, 1, 18, 9, tzinfo=TZ)
    starts = occurrences(
        rule,
        first,
        after=YEAR_START,
        before=YEAR_END,
        until=dt.date(2026, 6, 30),
        skip=frozenset({dt.date(2026, 3, 18)}),
    )
    assert [s.date() for s in starts] == [dt.date(2026, m, 18) for m in (1, 2, 4, 5, 6)]


def test_rules_parse_back_as_icalendar_recurrences():
    for pattern in (
        Pattern("monthday", day=18),
        Pattern("weekday_of_month", weekdays=(5,), ordinal=-1),
        Pattern("last_weekend"),
        Pattern("weekly", weekdays=(2, 4)),
    ):
        parsed = vRecur.from_ical(rule_text(pattern.rrule()))
        assert parsed["FREQ"] == [pattern.rrule()["FREQ"]]


@pytest.mark.parametrize(
    "pattern",
    [
        Pattern("monthday", day=30),
        Pattern("monthday", day=0),
        Pattern("weekly", weekdays=()),
        Pattern("weekday_of_month", weekdays=(5,), ordinal=5),
        Pattern("fortnightly"),
    ],
)
def test_patterns_that_cannot_be_rules_say_why(pattern):
    with pytest.raises(PatternError) as refused:
        pattern.rrule()
    assert str(refused.value)
