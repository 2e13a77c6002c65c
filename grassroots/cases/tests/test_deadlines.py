"""Deadlines counted in working time, across weekends and holidays."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from grassroots.cases import services
from grassroots.cases.deadlines import deadlines_from
from grassroots.cases.models import Case, DeadlinePolicy
from grassroots.cases.tests import factories as f
from grassroots.core.calendar import WorkingCalendar
from grassroots.core.models import Holiday

pytestmark = pytest.mark.django_db
CST = ZoneInfo("Asia/Shanghai")


def at(y, m, d, hh=0, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=CST)


def test_working_hours_skip_lunch_evenings_and_weekends():
    cal = WorkingCalendar(exceptions={})
    # Friday 2026-11-27 16:30 + 2 working hours: one hour on Friday, one on Monday morning.
    assert cal.add_working_hours(at(2026, 11, 27, 16, 30), 2) == at(2026, 11, 30, 10, 0)
    # Before opening: counting starts at 09:00; lunch 12:00–13:30 is skipped.
    assert cal.add_working_hours(at(2026, 11, 30, 7, 0), 4) == at(2026, 11, 30, 14, 30)
    # One working day from Saturday is Monday's close.
    assert cal.add_working_days(at(2026, 11, 28, 10, 0), 1) == at(2026, 11, 30, 17, 30)


def test_holidays_and_worked_weekend_days():
    # 2026-10-01..07 National Day; Saturday 2026-10-10 worked instead (调休).
    exceptions = {date(2026, 10, d): False for d in range(1, 8)}
    exceptions[date(2026, 10, 10)] = True
    cal = WorkingCalendar(exceptions=exceptions)
    # Wednesday 2026-09-30 17:00 + 1 working hour: half an hour that day, half on Thursday 10-08.
    assert cal.add_working_hours(at(2026, 9, 30, 17, 0), 1) == at(2026, 10, 8, 9, 30)
    # Friday 10-09 at 17:30 + 1 hour lands on the worked Saturday 10-10.
    assert cal.add_working_hours(at(2026, 10, 9, 17, 30), 1) == at(2026, 10, 10, 10, 0)


def test_calendar_reads_the_holiday_table():
    Holiday.objects.create(date=date(2027, 1, 1), name="元旦")
    cal = WorkingCalendar()
    assert not cal.is_working_day(date(2027, 1, 1))
    assert cal.is_working_day(date(2026, 12, 31))


def test_default_policy_one_working_day_to_sign_seven_to_handle():
    case = f.accepted()
    Holiday.objects.create(date=date(2026, 12, 7), name="测试假日")
    DeadlinePolicy.objects.all().delete()  # the built-in rules apply without rows
    sign, handle = deadlines_from(case, at(2026, 12, 4, 10, 0))  # a Friday
    assert sign == at(2026, 12, 8, 10, 0)  # Monday is a holiday: Tuesday, same time
    # Seven working days at the same clock time: Tue 8 … Fri 11, Mon 14, Tue 15, Wed 16.
    assert handle == at(2026, 12, 16, 10, 0)


def test_urgent_categories_sign_within_two_working_hours():
    case = f.accepted()
    Case.objects.filter(pk=case.pk).update(urgent=True)
    case.refresh_from_db()
    DeadlinePolicy.objects.all().delete()
    sign, _handle = deadlines_from(case, at(2026, 12, 2, 11, 0))
    assert sign == at(2026, 12, 2, 14, 30)  # one hour before lunch, one after


def test_complex_cases_get_fifteen_working_days_and_policy_rows_win():
    case = f.accepted()
    Case.objects.filter(pk=case.pk).update(complex=True)
    case.refresh_from_db()
    DeadlinePolicy.objects.all().delete()
    DeadlinePolicy.objects.create(
        category=case.category, urgent=False, sign_hours=3, handle_days=5, complex_handle_days=10
    )
    sign, handle = deadlines_from(case, at(2026, 12, 1, 9, 0))  # Tuesday
    assert sign == at(2026, 12, 1, 12, 0)
    assert handle == at(2026, 12, 14, 17, 30)  # ten full working days from Tuesday's opening


def test_water_is_urgent_by_nature():
    water = f.category("water", "供水", urgent=True)
    case = f.submitted(category=water)
    assert case.urgent


def test_overdue_task_flags_unsigned_and_unhandled_cases():
    from grassroots.cases.tasks import flag_overdue_cases

    late = f.dispatched()
    fine = f.dispatched()
    Case.objects.filter(pk=late.pk).update(sign_due_at=at(2026, 1, 5, 9, 0))
    slow = f.in_progress()
    Case.objects.filter(pk=slow.pk).update(handle_due_at=at(2026, 1, 5, 9, 0))
    flag_overdue_cases.enqueue()  # the immediate backend runs it now
    flags = dict(
        Case.objects.filter(pk__in=[late.pk, fine.pk, slow.pk]).values_list("pk", "overdue")
    )
    assert flags == {late.pk: True, fine.pk: False, slow.pk: True}


def test_approved_extension_clears_overdue():
    case = f.in_progress()
    Case.objects.filter(pk=case.pk).update(handle_due_at=at(2026, 1, 5, 9, 0), overdue=True)
    case.refresh_from_db()
    ext = services.request_extension(actor=f.user("liaison"), case=case, days=5, reason="材料未到")
    services.decide_extension(actor=f.user("secretary"), extension=ext, approve=True)
    case.refresh_from_db()
    assert not case.overdue
    assert case.handle_due_at == at(2026, 1, 9, 17, 30)  # Monday 09:00 + five working days
