"""Activities and their dates: sign-up with a waiting list, check-in codes, hours and stars,
calling off and moving one date, and the calendar feeds parsed back with icalendar."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import override_settings
from django.utils import timezone
from icalendar import Calendar

from grassroots.accounts.models import Role
from grassroots.conftest import make_user
from grassroots.people.models import Person
from grassroots.volunteering import feeds, services
from grassroots.volunteering.models import Enrollment, Occurrence, ServiceRecord, Volunteer
from grassroots.volunteering.recurrence import Pattern
from grassroots.volunteering.services import VolunteerRefused

pytestmark = pytest.mark.django_db
E = Enrollment.Status


def volunteer_user(name, compound):
    user = make_user(name, Role.VOLUNTEER, area=compound, full_name=name)
    Person.objects.create(name=name, user=user, home_area=compound)
    return user


def weekly(staff_user, community, pattern=None):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    return services.create_activity(
        actor=staff_user,
        title="爱心义剪",
        community=community,
        place="社区党群服务中心",
        first_day=tomorrow,
        start_time=dt.time(9),
        end_time=dt.time(11, 30),
        capacity=2,
        pattern=pattern or Pattern("weekly", weekdays=(tomorrow.weekday(),)),
    )


@pytest.fixture
def activity(staff_user, community):
    """Every week from tomorrow: its first date is open for sign-up now."""
    return weekly(staff_user, community)


@pytest.fixture
def date(activity):
    return activity.occurrences.order_by("starts_at").first()


def test_a_monthly_activity_gets_its_dates_for_a_year(staff_user, community):
    activity = weekly(staff_user, community, Pattern("monthday", day=18))
    starts = [timezone.localtime(o.starts_at) for o in activity.occurrences.all()]
    assert 12 <= len(starts) <= 13
    assert all(s.day == 18 and s.hour == 9 for s in starts)
    assert activity.rrule == "FREQ=MONTHLY;BYMONTHDAY=18" and activity.rule_label == "每月18日"


def test_refusals_leave_nothing_written(staff_user, community, other_community):
    from grassroots.volunteering.models import Activity

    common = dict(
        actor=staff_user,
        community=community,
        place="中心",
        first_day=timezone.localdate(),
        start_time=dt.time(9),
        capacity=5,
    )
    with pytest.raises(VolunteerRefused) as ends:
        services.create_activity(title="x", end_time=dt.time(8), **common)
    assert "end_time" in ends.value.fields
    with pytest.raises(VolunteerRefused) as day:
        services.create_activity(
            title="x", end_time=dt.time(10), pattern=Pattern("monthday", day=31), **common
        )
    assert "29" in day.value.message  # 不是每个月都有29日以后的日子
    outsider = make_user("outsider", Role.COMMUNITY_STAFF, area=other_community)
    with pytest.raises(VolunteerRefused):
        services.create_activity(**{**common, "actor": outsider}, title="x", end_time=dt.time(10))
    assert Activity.objects.filter(title="x").count() == 0


def test_waiting_list_takes_the_freed_place_in_order(date, compound):
    a, b, c, d = (volunteer_user(n, compound) for n in ("甲", "乙", "丙", "丁"))
    assert services.sign_up(actor=a, occurrence=date).status == E.ENROLLED
    assert services.sign_up(actor=b, occurrence=date).status == E.ENROLLED
    third = services.sign_up(actor=c, occurrence=date)
    fourth = services.sign_up(actor=d, occurrence=date)
    assert (third.status, fourth.status) == (E.WAITING, E.WAITING)
    with pytest.raises(VolunteerRefused):
        services.sign_up(actor=a, occurrence=date)  # twice is refused
    first = Enrollment.objects.get(occurrence=date, volunteer__person__user=a)
    promoted = services.cancel_sign_up(actor=a, enrollment=first)
    assert promoted.pk == third.pk  # the first in the queue, not the second
    date.refresh_from_db()
    assert date.taken == 2
    assert set(date.enrollments.filter(status=E.ENROLLED).values_list("pk", flat=True)) == {
        Enrollment.objects.get(occurrence=date, volunteer__person__user=b).pk,
        third.pk,
    }


def test_sign_up_window(date, compound):
    user = volunteer_user("早鸟", compound)
    with pytest.raises(VolunteerRefused) as early:
        services.sign_up(actor=user, occurrence=date, now=date.starts_at - dt.timedelta(days=30))
    assert "报名" in early.value.message or "Sign-up" in early.value.message
    with pytest.raises(VolunteerRefused):
        services.sign_up(actor=user, occurrence=date, now=date.starts_at - dt.timedelta(hours=1))
    assert not Enrollment.objects.filter(occurrence=date).exists()


def _present(date: Occurrence) -> Occurrence:
    """Move the date to now, as if its day had come."""
    start = timezone.now() - dt.timedelta(minutes=10)
    Occurrence.objects.filter(pk=date.pk).update(
        starts_at=start, original_start=start, ends_at=start + dt.timedelta(hours=2)
    )
    date.refresh_from_db()
    return date


def test_check_in_codes_expire_and_work_once(date, compound):
    user = volunteer_user("小赵", compound)
    date = _present(date)
    now = timezone.now()
    code = services.current_code(date, now)
    enrollment, way = services.scan_code(actor=user, occurrence=date, code=code, now=now)
    assert way == "in" and enrollment.status == E.ATTENDED  # a walk-in while places are left
    with pytest.raises(VolunteerRefused) as reused:
        services.scan_code(actor=user, occurrence=date, code=code, now=now)
    assert reused.value.code == "conflict"
    later = now + dt.timedelta(minutes=30)
    with pytest.raises(VolunteerRefused) as expired:  # a photo of the code, half an hour on
        services.scan_code(actor=user, occurrence=date, code=code, now=later)
    assert expired.value.code == "invalid"
    forged = code[:-1] + ("0" if code[-1] != "0" else "1")
    with pytest.raises(VolunteerRefused):
        services.scan_code(actor=user, occurrence=date, code=forged, now=now)
    other = date.activity.occurrences.exclude(pk=date.pk).first()
    with pytest.raises(VolunteerRefused):  # another date's screen
        services.scan_code(actor=user, occurrence=other, code=code, now=now)
    _enrollment, way = services.scan_code(
        actor=user, occurrence=date, code=services.current_code(date, later), now=later
    )
    assert way == "out"


def test_hours_and_star_level_on_a_hand_computed_example(date, compound, staff_user):
    came = volunteer_user("准时", compound)
    marked = volunteer_user("补记", compound)
    absent = volunteer_user("缺席", compound)
    for user in (came, marked):
        services.sign_up(actor=user, occurrence=date)
    date = _present(date)  # 2 h planned, started ten minutes ago
    Occurrence.objects.filter(pk=date.pk).update(capacity=3)
    date.refresh_from_db()
    services.sign_up(
        actor=date.activity.organiser,
        occurrence=date,
        volunteer=Volunteer.objects.create(person=Person.objects.get(user=absent)),
        now=date.starts_at - dt.timedelta(days=1),
    )
    came_in = Enrollment.objects.get(volunteer__person__user=came, occurrence=date)
    # Checked in 5 minutes after the start and out 2 h 20 min after it: 2 h 15 min served,
    # which is 4.5 half hours, rounded to 5: 2.5 hours.
    Enrollment.objects.filter(pk=came_in.pk).update(
        status=E.ATTENDED,
        checked_in_at=date.starts_at + dt.timedelta(minutes=5),
        checked_out_at=date.starts_at + dt.timedelta(minutes=140),
    )
    other = Enrollment.objects.get(volunteer__person__user=marked, occurrence=date)
    services.mark_attendance(actor=date.activity.organiser, enrollment=other, attended=True)
    person = Person.objects.get(user=came)
    ServiceRecord.objects.create(
        person=person,
        hours=Decimal("97.5"),
        served_on=dt.date(2026, 1, 1),
        status=ServiceRecord.Status.CONFIRMED,
        confirmed_at=timezone.now(),
    )
    assert services.star_level(services.total_hours(person.pk)[0]) == 0
    count = services.confirm_hours(actor=date.activity.organiser, occurrence=date, served_count=31)
    assert count == 2
    assert Enrollment.objects.get(pk=came_in.pk).hours == Decimal("2.5")
    assert Enrollment.objects.get(pk=other.pk).hours == Decimal("2.0")  # the planned two hours
    assert Enrollment.objects.get(volunteer__person__user=absent).status == E.NO_SHOW
    total, times = services.total_hours(person.pk)
    assert (total, times) == (Decimal("100.0"), 2)
    assert services.star_level(total) == 1
    with override_settings(VOLUNTEER_STAR_HOURS=(50, 100, 150)):
        assert services.star_level(total) == 2
    date.refresh_from_db()
    assert (date.status, date.served_count) == ("held", 31)
    with pytest.raises(VolunteerRefused):  # once only
        services.confirm_hours(actor=date.activity.organiser, occurrence=date, served_count=1)


def test_calling_off_and_moving_one_date_keeps_the_series(activity, staff_user):
    dates = list(activity.occurrences.order_by("starts_at"))
    services.cancel_occurrence(actor=staff_user, occurrence=dates[1], reason="下雨")
    original = dates[2].original_start
    moved_day = timezone.localtime(original).date() + dt.timedelta(days=1)
    services.move_occurrence(
        actor=staff_user,
        occurrence=dates[2],
        day=moved_day,
        start_time=dt.time(14),
        end_time=dt.time(16),
    )
    assert activity.occurrences.count() == len(dates)
    assert activity.occurrences.filter(status="scheduled").count() == len(dates) - 1
    cal = Calendar.from_ical(
        feeds.activities_feed("城西社区", type(activity).objects.filter(pk=activity.pk))
    )
    events = [c for c in cal.walk("VEVENT")]
    masters = [e for e in events if "RECURRENCE-ID" not in e]
    overrides = [e for e in events if "RECURRENCE-ID" in e]
    assert len(masters) == 1 and len(overrides) == 1
    master = masters[0]
    assert master["RRULE"]["FREQ"] == ["WEEKLY"]
    assert master["RRULE"]["BYDAY"] == [activity.rrule.split("BYDAY=")[1]]
    assert master["RRULE"]["UNTIL"][0] == dates[-1].original_start
    exdates = [
        d.dt
        for x in (
            [master["EXDATE"]] if not isinstance(master["EXDATE"], list) else master["EXDATE"]
        )
        for d in x.dts
    ]
    assert exdates == [timezone.localtime(dates[1].original_start)]
    assert overrides[0]["RECURRENCE-ID"].dt == timezone.localtime(original)
    assert overrides[0]["DTSTART"].dt == timezone.localtime(
        timezone.make_aware(dt.datetime.combine(moved_day, dt.time(14)))
    )
    assert str(master["SUMMARY"]) == "爱心义剪"


def test_a_volunteers_private_feed(date, compound, client):
    user = volunteer_user("订阅者", compound)
    services.sign_up(actor=user, occurrence=date)
    volunteer = Volunteer.objects.get(person__user=user)
    response = client.get(f"/volunteering/calendar/me/{volunteer.calendar_token}.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = list(Calendar.from_ical(response.content).walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events] == ["爱心义剪"]
    assert client.get("/volunteering/calendar/me/wrong-token.ics").status_code == 404
