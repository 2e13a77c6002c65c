"""The bookings ledger takes the one ledger path: from LARGE_EXPORT rows the request leads to
the progress page, the worker writes the rows the immediate answer holds, for the asker only."""

import datetime as dt

import pytest
from django.http import Http404
from django.utils import timezone

from grassroots.accounts.models import User
from grassroots.core import exports
from grassroots.core.models import Export
from grassroots.venues.models import Booking, Room
from grassroots.venues.selectors import week_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_bookings_this_week():
    admin = User.objects.get(username="admin")
    room = Room.objects.get(venue__name="城北社区党群服务中心", name="会议室")
    monday = week_start(timezone.localdate())
    for hour in (9, 15):  # written directly: some of the week is in the past
        start = timezone.make_aware(dt.datetime.combine(monday, dt.time(hour)))
        Booking.objects.create(
            room=room,
            group="县文联合唱团",
            purpose="排练",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            booked_by=admin,
        )
    return monday


def test_a_large_bookings_ledger_is_written_by_the_worker_with_the_same_rows(
    client, ledger_both_ways, two_bookings_this_week
):
    secretary = User.objects.get(username="secretary")  # 城北社区
    client.force_login(secretary)

    at_once, export, written = ledger_both_ways(
        f"/venues/bookings/all/?week={two_bookings_this_week}&format=xlsx"
    )

    assert at_once[0][:4] == ("日期", "开始时间", "结束时间", "阵地")
    assert [r[5:] for r in at_once[1:] if r[5] == "县文联合唱团"] == [("县文联合唱团", "排练")] * 2
    assert written == at_once
    assert (export.user, export.kind, export.total) == (secretary, "bookings", len(at_once) - 1)
    client.force_login(User.objects.get(username="staff"))
    assert client.get(f"/exports/{export.pk}/file/").status_code == 404


def test_the_bookings_ledger_is_refused_to_residents_then_and_later(client, settings):
    settings.LARGE_EXPORT = 1
    resident = User.objects.get(username="resident")
    client.force_login(resident)
    assert client.get("/venues/bookings/all/?format=xlsx").status_code == 404
    assert not Export.objects.exists()
    export = Export.objects.create(user=resident, kind="bookings", title="预约")
    with pytest.raises(Http404):
        exports.write(export.pk)
    export.refresh_from_db()
    assert export.status == "failed"
