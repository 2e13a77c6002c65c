"""The county arts federation's choir books 城北社区's meeting room at 18:00, a second group is
refused the same slot, and a staff member checks in for duty at 城西社区's centre and sees the
week's coverage move: in headless Chromium against a live server."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from grassroots.accounts.models import User
from grassroots.venues.models import Booking, DutyShift, OpeningHours, Room, Venue
from grassroots.venues.tests.test_bookings import next_weekday
from grassroots.volunteering.tests.test_browser_activity import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _covered_minutes(page: Page) -> float:
    return float(page.locator("#coverage-share").get_attribute("data-covered-minutes"))


def test_choir_books_a_room_and_duty_moves_coverage(live_demo, page: Page):
    base = live_demo.url
    room = Room.objects.get(venue__name="城北社区党群服务中心", name="会议室")
    tuesday = next_weekday(1)

    # The choir books the meeting room on Tuesday 18:00–20:00.
    _sign_in(page, base, "resident", f"/venues/rooms/{room.pk}/")
    page.get_by_label("预约团体或单位").fill("县文联合唱团")
    page.get_by_label("用途").fill("合唱排练")
    page.get_by_label("日期").first.fill(tuesday.isoformat())
    page.get_by_label("开始时间").fill("18:00")
    page.get_by_label("结束时间").fill("20:00")
    page.get_by_role("button", name="预约", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("预约成功")
    expect(page.locator("main")).to_contain_text("县文联合唱团")

    # A second group wants the same evening and is told who has it.
    _sign_in(page, base, "member", f"/venues/rooms/{room.pk}/")
    page.get_by_label("预约团体或单位").fill("广场舞队")
    page.get_by_label("日期").first.fill(tuesday.isoformat())
    page.get_by_label("开始时间").fill("18:30")
    page.get_by_label("结束时间").fill("19:30")
    page.get_by_role("button", name="预约", exact=True).click()
    expect(page.locator(".error")).to_contain_text("县文联合唱团")
    assert list(
        Booking.objects.filter(room=room, status="active").values_list("group", flat=True)
    ) == ["县文联合唱团"]

    # 城西社区's centre, open round the clock for this walk so that any hour of the day works;
    # the staff member is on duty from a few minutes ago for two hours.
    centre = Venue.objects.get(name="城西社区党群服务中心")
    OpeningHours.objects.filter(venue=centre).delete()
    for weekday in range(7):
        OpeningHours.objects.create(
            venue=centre, weekday=weekday, opens=dt.time(0), closes=dt.time(23, 59, 59)
        )
    staff = User.objects.get(username="staff")
    now = timezone.now()
    DutyShift.objects.filter(user=staff).delete()
    DutyShift.objects.create(
        venue=centre,
        user=staff,
        starts_at=now - dt.timedelta(minutes=5),
        ends_at=now + dt.timedelta(hours=2),
        created_by=staff,
    )
    _sign_in(page, base, "staff", "/venues/today/")
    expect(page.locator("main")).to_contain_text("城西社区党群服务中心")
    page.get_by_role("link", name="城西社区党群服务中心").click()  # to its duty roster
    expect(page.locator("h1")).to_contain_text("城西社区党群服务中心")
    before = _covered_minutes(page)
    # Checking in takes the code on the duty screen at the door: the staff member opens the
    # screen (as the tablet there would) and follows its link, as a phone scanning it would.
    page.goto(f"{base}/venues/{centre.pk}/duty/screen/")
    page.goto(page.locator("#duty-code a").get_attribute("href"))
    page.get_by_role("button", name="值班签到").click()
    expect(page.locator(".messages")).to_contain_text("已在城西社区党群服务中心值班签到")
    after = _covered_minutes(page)
    assert after > before
    # The share (one decimal of the week's opening hours) moves too, unless little of the
    # shift falls in this week (late on a Sunday): the minutes above are the check.
    assert page.locator("#coverage-share").inner_text().endswith("%")
    expect(page.get_by_role("button", name="签退")).to_have_count(0)  # out by the screen too
    shift = DutyShift.objects.get(user=staff)
    assert shift.checked_in_at is not None and shift.via == "qr"
