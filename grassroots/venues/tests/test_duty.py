"""Duty rosters: coverage of a week's opening hours on a roster computed by hand, gaps, the
check-in window, the station's QR code and the pages."""

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.accounts.models import Role
from grassroots.conftest import make_user
from grassroots.venues import selectors, services
from grassroots.venues.models import DutyShift, OpeningHours, Venue
from grassroots.venues.services import BookingRefused

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 11, 16)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@pytest.fixture
def station(compound):
    """Open on Mondays 08:30–12:00 and 14:30–18:00 and on Wednesdays 09:00–11:00 only."""
    venue = Venue.objects.create(name="槐花巷服务站", kind="station", area=compound)
    OpeningHours.objects.create(venue=venue, weekday=0, opens=dt.time(8, 30), closes=dt.time(12))
    OpeningHours.objects.create(venue=venue, weekday=0, opens=dt.time(14, 30), closes=dt.time(18))
    OpeningHours.objects.create(venue=venue, weekday=2, opens=dt.time(9), closes=dt.time(11))
    return venue


def _shift(venue, user, start, end, checked_in=None, checked_out=None):
    return DutyShift.objects.create(
        venue=venue,
        user=user,
        starts_at=start,
        ends_at=end,
        checked_in_at=checked_in,
        checked_out_at=checked_out,
        via="roster" if checked_in else "",
        created_by=user,
    )


def test_coverage_on_a_hand_computed_roster(station, compound, staff_user):
    a = make_user("duty_a", Role.PARTY_MEMBER, area=compound)
    b = make_user("duty_b", Role.PARTY_MEMBER, area=compound)
    c = make_user("duty_c", Role.PARTY_MEMBER, area=compound)
    mon, wed = MONDAY, MONDAY + dt.timedelta(days=2)
    # A: 08:30–11:00, arrived 08:45, left 11:00 → 08:45–11:00.
    _shift(station, a, at(mon, 8, 30), at(mon, 11), at(mon, 8, 45), at(mon, 11))
    # B: 10:30–12:30, arrived on time, never checked out → counts to 12:30, clipped at 12:00.
    _shift(station, b, at(mon, 10, 30), at(mon, 12, 30), at(mon, 10, 30))
    # C: 14:30–18:00 but never came.
    _shift(station, c, at(mon, 14, 30), at(mon, 18))
    # A on Wednesday 09:00–11:00, checked in early (08:40 counts from 09:00), out 10:00.
    _shift(station, a, at(wed, 9), at(wed, 11), at(wed, 8, 40), at(wed, 10))
    # Another week's shift does not count.
    _shift(
        station,
        a,
        at(mon - dt.timedelta(days=7), 9),
        at(mon - dt.timedelta(days=7), 11),
        at(mon - dt.timedelta(days=7), 9),
    )

    cover = selectors.coverage(station, MONDAY + dt.timedelta(days=3), now=at(mon, 23))
    # Open: Monday 3.5 h + 3.5 h = 420 min, Wednesday 120 min → 540 min.
    assert cover.open_minutes == 540
    # Covered by 23:00 Monday (check-ins are facts; Wednesday's is in the data already):
    # Monday 08:45–12:00 = 195 min; Wednesday 09:00–10:00 = 60 min.
    assert cover.covered_minutes == 255
    assert cover.share == round(100 * 255 / 540, 1) == 47.2
    # Gaps, only up to now (Monday 23:00): 08:30–08:45 and the afternoon.
    assert [
        (timezone.localtime(s).time(), timezone.localtime(e).time()) for s, e in cover.gaps
    ] == [
        (dt.time(8, 30), dt.time(8, 45)),
        (dt.time(14, 30), dt.time(18)),
    ]
    # After the week, Wednesday's uncovered hour is a gap too.
    later = selectors.coverage(station, MONDAY, now=at(mon + dt.timedelta(days=7), 9))
    assert [
        (timezone.localtime(s).strftime("%a %H:%M"), timezone.localtime(e).strftime("%H:%M"))
        for s, e in later.gaps
    ][-1] == ("Wed 10:00", "11:00")
    assert len(later.gaps) == 3
    # Over several venues (the dashboards' figure): the same minutes, summed.
    empty = Venue.objects.create(name="空站", kind="station", area=station.area)
    OpeningHours.objects.create(venue=empty, weekday=2, opens=dt.time(9), closes=dt.time(10))
    both = Venue.objects.filter(pk__in=[station.pk, empty.pk])
    assert selectors.area_coverage(both, MONDAY) == round(100 * 255 / (540 + 60), 1)
    assert selectors.area_coverage(Venue.objects.filter(pk=station.pk), MONDAY) == cover.share


def test_a_week_without_opening_hours_has_no_share(compound):
    venue = Venue.objects.create(name="空置站", kind="station", area=compound)
    cover = selectors.coverage(venue, MONDAY)
    assert cover.share is None and cover.open_minutes == 0 and cover.gaps == []


def test_check_in_window_and_who_may_check_in(station, compound, staff_user):
    member = make_user("duty_m", Role.PARTY_MEMBER, area=compound)
    now = timezone.now()
    shift = services.schedule_shift(
        actor=staff_user,
        venue=station,
        user=member,
        starts_at=now + dt.timedelta(hours=2),
        ends_at=now + dt.timedelta(hours=4),
    )
    code = services.duty_code
    with pytest.raises(BookingRefused) as early:
        services.check_in_or_out(actor=member, shift=shift, code=code(station, now))
    assert "半小时" in early.value.message
    at_start = now + dt.timedelta(hours=2)
    with pytest.raises(BookingRefused) as other:
        services.check_in_or_out(
            actor=staff_user, shift=shift, code=code(station, at_start), now=at_start
        )
    assert other.value.code == "forbidden"
    arrive = now + dt.timedelta(hours=1, minutes=40)
    assert (
        services.check_in_or_out(actor=member, shift=shift, code=code(station, arrive), now=arrive)
        == "in"
    )
    leave = now + dt.timedelta(hours=3)
    assert (
        services.check_in_or_out(actor=member, shift=shift, code=code(station, leave), now=leave)
        == "out"
    )
    with pytest.raises(BookingRefused):
        services.check_in_or_out(actor=member, shift=shift, code=code(station, leave), now=leave)
    shift.refresh_from_db()
    assert (shift.checked_in_at, shift.checked_out_at, shift.via) == (arrive, leave, "qr")
    # Presence counts from the shift's start, not from the early arrival.
    assert selectors.presence(shift) == (shift.starts_at, leave)


def _shift_now(station, compound, staff_user, username):
    member = make_user(username, Role.PARTY_MEMBER, area=compound)
    now = timezone.now()
    shift = services.schedule_shift(
        actor=staff_user,
        venue=station,
        user=member,
        starts_at=now - dt.timedelta(minutes=5),
        ends_at=now + dt.timedelta(hours=2),
    )
    return member, shift, now


def test_an_old_code_or_another_venues_code_does_not_check_in(station, compound, staff_user):
    member, shift, now = _shift_now(station, compound, staff_user, "duty_old")
    yesterday = services.duty_code(station, now - dt.timedelta(days=1))
    three_minutes_ago = services.duty_code(station, now - dt.timedelta(minutes=3))
    other = Venue.objects.create(name="隔壁服务站", kind="station", area=compound)
    for stale in (yesterday, three_minutes_ago, services.duty_code(other, now), "", "12-x"):
        with pytest.raises(BookingRefused) as refused:
            services.check_in_or_out(actor=member, shift=shift, code=stale, now=now)
        assert refused.value.code == "invalid"
    shift.refresh_from_db()
    assert shift.checked_in_at is None
    # The code shown a minute ago still works (the screen may have just turned over).
    a_minute_ago = services.duty_code(station, now - dt.timedelta(seconds=60))
    assert services.check_in_or_out(actor=member, shift=shift, code=a_minute_ago, now=now) == "in"


def test_the_check_in_code_does_not_check_out_at_once(station, compound, staff_user):
    member, shift, now = _shift_now(station, compound, staff_user, "duty_twice")
    code = services.duty_code(station, now)
    assert services.check_in_or_out(actor=member, shift=shift, code=code, now=now) == "in"
    with pytest.raises(BookingRefused) as again:
        services.check_in_or_out(
            actor=member, shift=shift, code=code, now=now + dt.timedelta(seconds=5)
        )
    assert again.value.code == "invalid"
    shift.refresh_from_db()
    assert shift.checked_out_at is None
    later = now + dt.timedelta(hours=1)
    code = services.duty_code(station, later)
    assert services.check_in_or_out(actor=member, shift=shift, code=code, now=later) == "out"


def test_scheduling_rules(station, compound, community, other_community, staff_user):
    member = make_user("duty_s", Role.PARTY_MEMBER, area=compound)
    stranger = make_user("duty_x", Role.PARTY_MEMBER, area=other_community)
    resident = make_user("duty_r", Role.RESIDENT, area=compound)
    start = timezone.now() + dt.timedelta(days=1)
    with pytest.raises(BookingRefused) as outsider:
        services.schedule_shift(
            actor=staff_user,
            venue=station,
            user=stranger,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
        )
    assert outsider.value.code == "invalid"
    with pytest.raises(BookingRefused) as not_staff:
        services.schedule_shift(
            actor=member,
            venue=station,
            user=member,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
        )
    assert not_staff.value.code == "forbidden"
    assert resident not in services.permissions.dutiable_users(station)
    services.schedule_shift(
        actor=staff_user,
        venue=station,
        user=member,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
    )
    with pytest.raises(BookingRefused) as twice:
        services.schedule_shift(
            actor=staff_user,
            venue=station,
            user=member,
            starts_at=start + dt.timedelta(hours=1),
            ends_at=start + dt.timedelta(hours=3),
        )
    assert twice.value.code == "conflict" and "槐花巷服务站" in twice.value.message


def test_duty_screen_code_leads_to_check_in(client, station, compound, staff_user):
    member, shift, now = _shift_now(station, compound, staff_user, "duty_q")
    client.force_login(staff_user)
    screen = client.get(f"/venues/{station.pk}/duty/screen/").content.decode()
    code = services.duty_code(station)
    assert f"/venues/{station.pk}/duty/{code}/" in screen and "data:image/svg+xml;base64" in screen
    assert f'hx-get="/venues/{station.pk}/duty/screen/code/"' in screen
    partial = client.get(f"/venues/{station.pk}/duty/screen/code/").content.decode()
    assert f"/duty/{services.duty_code(station)}/" in partial
    client.force_login(member)
    assert client.get(f"/venues/{station.pk}/duty/screen/").status_code == 404  # staff only
    # Yesterday's code (a photo of the screen): the page says so and a post checks nothing in.
    stale = f"/venues/{station.pk}/duty/{services.duty_code(station, now - dt.timedelta(days=1))}/"
    expired = _("This code has expired: scan the screen at the venue again.")
    assert expired in client.get(stale).content.decode()
    client.post(stale)
    shift.refresh_from_db()
    assert shift.checked_in_at is None
    url = f"/venues/{station.pk}/duty/{services.duty_code(station)}/"
    assert "值班签到" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == f"/venues/{station.pk}/duty/"
    shift.refresh_from_db()
    assert shift.checked_in_at is not None and shift.via == "qr"
    # The member sees the roster (they are on it) but cannot add to it, nor check in there.
    roster = client.get(f"/venues/{station.pk}/duty/").content.decode()
    assert 'name="action" value="add"' not in roster
    assert 'value="check"' not in roster
    assert _("Scan the duty screen at the venue to check in or out.") in roster


def test_the_roster_and_today_pages_check_no_one_in(client, station, compound, staff_user):
    member, shift, _now = _shift_now(station, compound, staff_user, "duty_btn")
    client.force_login(member)
    client.post(f"/venues/{station.pk}/duty/", {"action": "check", "shift": shift.pk})
    shift.refresh_from_db()
    assert shift.checked_in_at is None


def test_outsiders_see_no_duty_screen(client, station, other_county_user, auditor_user):
    for user in (other_county_user, auditor_user):
        client.force_login(user)
        assert client.get(f"/venues/{station.pk}/duty/screen/").status_code == 404
        assert client.get(f"/venues/{station.pk}/duty/screen/code/").status_code == 404


def test_roster_page_adds_a_shift_and_today_shows_it(client, station, compound, staff_user):
    member = make_user("duty_p", Role.PARTY_MEMBER, area=compound, full_name="孙丽")
    client.force_login(staff_user)
    today = timezone.localdate()
    response = client.post(
        f"/venues/{station.pk}/duty/",
        {
            "action": "add",
            "user": member.pk,
            "day": today.isoformat(),
            "start_time": "08:00",
            "end_time": "20:00",
        },
    )
    assert response.status_code == 302
    assert DutyShift.objects.filter(venue=station, user=member).count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "孙丽" in page
    assert "孙丽" in client.get("/venues/today/").content.decode()
    listing = client.get("/venues/coverage/").content.decode()
    assert "槐花巷服务站" in listing
    # Ending before it starts is refused with a message, nothing written.
    bad = client.post(
        f"/venues/{station.pk}/duty/",
        {
            "action": "add",
            "user": member.pk,
            "day": today.isoformat(),
            "start_time": "18:00",
            "end_time": "09:00",
        },
    )
    assert "结束时间必须晚于开始时间" in bad.content.decode()
    assert DutyShift.objects.filter(venue=station).count() == 1
    client.force_login(make_user("duty_out", Role.RESIDENT, area=compound))
    assert client.get(f"/venues/{station.pk}/duty/").status_code == 404
