"""Repeating activities as a community worker says them, kept as iCalendar rules.

A worker chooses one of a few patterns — 每周三 (weekly on some days), 每月18日 (a day of the
month), 每月最后一个周六 (an ordinal weekday of the month), 每月最后一个周末 (the last weekend
wholly inside the month) — and the form turns it into an RFC 5545 RRULE. The rule is what is
stored and published in calendar feeds; occurrences are expanded from it with dateutil.
"""

import datetime as dt
from dataclasses import dataclass

from dateutil import rrule
from django.utils.translation import gettext as _

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAY_NAMES = ("一", "二", "三", "四", "五", "六", "日")
ORDINALS = {1: "第一个", 2: "第二个", 3: "第三个", 4: "第四个", -1: "最后一个"}
# The Saturday of the last weekend wholly in the month falls 2 to 8 days before its end.
LAST_WEEKEND_DAYS = (-8, -7, -6, -5, -4, -3, -2)


class PatternError(ValueError):
    """A pattern that cannot be a rule; the message says what to change, for people."""


@dataclass(frozen=True)
class Pattern:
    """One of the patterns a worker can pick.

    kind: "weekly" (weekdays), "monthday" (day, or -1 for the last day), "weekday_of_month"
    (ordinal 1–4 or -1, one weekday), "last_weekend"."""

    kind: str
    weekdays: tuple[int, ...] = ()
    day: int | None = None
    ordinal: int | None = None

    def rrule(self) -> dict:
        """The RRULE as a dict of parts (the form icalendar's vRecur takes)."""
        if self.kind == "weekly":
            if not self.weekdays or any(not 0 <= d <= 6 for d in self.weekdays):
                raise PatternError(_("Choose at least one day of the week."))
            return {"FREQ": "WEEKLY", "BYDAY": [WEEKDAYS[d] for d in sorted(set(self.weekdays))]}
        if self.kind == "monthday":
            if self.day is None or not (1 <= self.day <= 28 or self.day == -1):
                raise PatternError(
                    _("Choose a day from 1 to 28, or the last day: not every month has a 29th.")
                )
            return {"FREQ": "MONTHLY", "BYMONTHDAY": [self.day]}
        if self.kind == "weekday_of_month":
            if self.ordinal not in ORDINALS or len(self.weekdays) != 1:
                raise PatternError(_("Choose which one (first … last) and one day of the week."))
            return {"FREQ": "MONTHLY", "BYDAY": [f"{self.ordinal}{WEEKDAYS[self.weekdays[0]]}"]}
        if self.kind == "last_weekend":
            return {"FREQ": "MONTHLY", "BYDAY": ["SA"], "BYMONTHDAY": list(LAST_WEEKEND_DAYS)}
        raise PatternError(_("Choose how the activity repeats."))

    def text(self) -> str:
        """How a worker says it: 每周三、五 / 每月18日 / 每月最后一个周六 / 每月最后一个周末."""
        if self.kind == "weekly":
            return "每周" + "、".join(WEEKDAY_NAMES[d] for d in sorted(set(self.weekdays)))
        if self.kind == "monthday":
            return "每月最后一天" if self.day == -1 else f"每月{self.day}日"
        if self.kind == "weekday_of_month":
            return f"每月{ORDINALS[self.ordinal or 1]}周{WEEKDAY_NAMES[self.weekdays[0]]}"
        return "每月最后一个周末"


def rule_text(parts: dict) -> str:
    """The RRULE line for the parts, e.g. FREQ=MONTHLY;BYMONTHDAY=18."""
    out = []
    for key in ("FREQ", "BYDAY", "BYMONTHDAY", "UNTIL", "COUNT"):
        if key in parts:
            value = parts[key]
            if isinstance(value, list | tuple):
                value = ",".join(str(v) for v in value)
            elif isinstance(value, dt.date):
                value = value.strftime("%Y%m%d")
            out.append(f"{key}={value}")
    return ";".join(out)


def occurrences(
    rule: str,
    first: dt.datetime,
    *,
    after: dt.datetime,
    before: dt.datetime,
    until: dt.date | None = None,
    skip: frozenset[dt.date] = frozenset(),
) -> list[dt.datetime]:
    """The starts of the occurrences of `rule` from `first`, in [after, before), except the
    dates in `skip` (cancelled or moved occurrences), up to `until` if given."""
    found = rrule.rrulestr(rule, dtstart=first)
    if until is not None:
        end = dt.datetime.combine(until, dt.time.max, first.tzinfo)
        before = min(before, end)
    return [
        s for s in found.between(after, before, inc=True) if s < before and s.date() not in skip
    ]
