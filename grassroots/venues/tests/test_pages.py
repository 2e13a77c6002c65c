"""The venue pages: the list, booking a room through its form (and being told why not), and
cancelling from my bookings."""

import datetime as dt

import pytest
from django.utils import timezone

from grassroots.accounts.models import User
from grassroots.venues.models import Booking, Room
from grassroots.venues.tests.test_bookings import next_weekday

pytestmark = pytest.mark.django_db


def test_book_from_the_room_page_and_cancel(client):
    room = Room.objects.get(venue__name="城北社区党群服务中心", name="会议室")
    resident = User.objects.get(username="resident")
    client.force_login(resident)
    listing = client.get("/venues/").content.decode()
    assert "城北社区党群服务中心" in listing and "会议室" in listing
    tuesday = next_weekday(1)
    form = {
        "group": "县文联合唱团",
        "purpose": "排练",
        "date": tuesday.isoformat(),
        "start_time": "18:00",
        "end_time": "20:00",
    }
    response = client.post(f"/venues/rooms/{room.pk}/", form)
    assert response.status_code == 302
    booking = Booking.objects.get(room=room, group="县文联合唱团")
    assert timezone.localtime(booking.starts_at).hour == 18
    other = User.objects.get(username="member")
    client.force_login(other)
    page = client.post(f"/venues/rooms/{room.pk}/", {**form, "group": "广场舞队"}).content.decode()
    assert "县文联合唱团" in page  # told who holds the slot
    assert Booking.objects.filter(room=room, status="active").count() == 1
    late = client.post(
        f"/venues/rooms/{room.pk}/", {**form, "start_time": "21:00", "end_time": "22:00"}
    )
    assert "21:00–22:00" in late.content.decode()  # the refused range, with the hours
    client.force_login(resident)
    assert "县文联合唱团" in client.get("/venues/bookings/").content.decode()
    client.post(f"/venues/bookings/{booking.pk}/cancel/")
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    client.logout()
    assert client.get("/venues/").status_code == 302  # pages need a login


def test_a_repeating_booking_from_the_rule_form(client):
    """每月第一个周四 15:00–16:30, as activities say it, until about three months ahead."""
    room = Room.objects.get(venue__name="城北社区党群服务中心", name="阅览室")
    client.force_login(User.objects.get(username="member"))
    first = next_weekday(3)
    until = first + dt.timedelta(days=95)
    response = client.post(
        f"/venues/rooms/{room.pk}/",
        {
            "group": "老年读书会",
            "date": first.isoformat(),
            "start_time": "15:00",
            "end_time": "16:30",
            "repeat": "weekday_of_month",
            "weekdays": ["3"],
            "ordinal": "1",
            "last_day": until.isoformat(),
        },
    )
    assert response.status_code == 302
    days = [
        timezone.localtime(b.starts_at).date()
        for b in Booking.objects.filter(room=room, group="老年读书会").order_by("starts_at")
    ]
    assert days and all(d.weekday() == 3 and d.day <= 7 for d in days)
    assert len(days) in (3, 4) and days[0] >= first and days[-1] <= until
    assert len({b.series for b in Booking.objects.filter(room=room, group="老年读书会")}) == 1
