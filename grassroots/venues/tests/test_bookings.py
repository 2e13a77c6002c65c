"""Booking rooms: overlaps refused (also by 20 concurrent requests on SQLite and PostgreSQL),
opening hours with the reason, repeating bookings all or nothing, cancelling frees the slot."""

import datetime as dt

import pytest
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.cases.tests.test_races import _race
from grassroots.conftest import make_user
from grassroots.venues import services
from grassroots.venues.models import Booking, OpeningHours, Room, Venue
from grassroots.venues.services import BookingRefused
from grassroots.volunteering.recurrence import Pattern


def next_weekday(weekday: int) -> dt.date:
    """The next such weekday at least two days ahead (so every time that day is in the future)."""
    day = timezone.localdate() + dt.timedelta(days=2)
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@pytest.fixture
def room(community):
    venue = Venue.objects.create(name="北关社区党群服务中心", kind="centre", area=community)
    for weekday in range(7):
        OpeningHours.objects.create(
            venue=venue, weekday=weekday, opens=dt.time(8, 30), closes=dt.time(12)
        )
        if weekday < 5:  # weekday evenings too
            OpeningHours.objects.create(
                venue=venue, weekday=weekday, opens=dt.time(14), closes=dt.time(21)
            )
    return Room.objects.create(venue=venue, name="会议室", kind="meeting", seats=40)


@pytest.mark.django_db
def test_an_overlap_is_refused_and_back_to_back_is_fine(room, community):
    choir = make_user("choir", Role.RESIDENT, area=community)
    other = make_user("other", Role.RESIDENT, area=community)
    day = next_weekday(1)
    services.book(
        actor=choir, room=room, group="县文联合唱团", starts_at=at(day, 18), ends_at=at(day, 20)
    )
    with pytest.raises(BookingRefused) as clash:
        services.book(
            actor=other, room=room, group="广场舞队", starts_at=at(day, 19), ends_at=at(day, 21)
        )
    assert clash.value.code == "conflict" and "县文联合唱团" in clash.value.message
    services.book(
        actor=other, room=room, group="广场舞队", starts_at=at(day, 20), ends_at=at(day, 21)
    )
    assert Booking.objects.filter(room=room, status="active").count() == 2


@pytest.mark.django_db
def test_opening_hours_say_why(room, community):
    user = make_user("early", Role.RESIDENT, area=community)
    saturday = next_weekday(5)
    with pytest.raises(BookingRefused) as evening:
        services.book(
            actor=user,
            room=room,
            group="读书会",
            starts_at=at(saturday, 18),
            ends_at=at(saturday, 19),
        )
    assert "08:30–12:00" in evening.value.message and "周六" in evening.value.message
    with pytest.raises(BookingRefused) as lunch:  # across the midday closing
        day = next_weekday(2)
        services.book(
            actor=user, room=room, group="读书会", starts_at=at(day, 11), ends_at=at(day, 15)
        )
    assert "08:30–12:00、14:00–21:00" in lunch.value.message
    OpeningHours.objects.filter(venue=room.venue, weekday=6).delete()
    with pytest.raises(BookingRefused) as closed:
        sunday = next_weekday(6)
        services.book(
            actor=user, room=room, group="读书会", starts_at=at(sunday, 9), ends_at=at(sunday, 10)
        )
    assert "周日" in closed.value.message
    assert not Booking.objects.exists()


@pytest.mark.django_db
def test_a_weekly_series_is_all_or_nothing_and_cancelling_frees_the_slot(room, community):
    choir = make_user("choir", Role.RESIDENT, area=community)
    other = make_user("other", Role.RESIDENT, area=community)
    tuesday = next_weekday(1)
    third = tuesday + dt.timedelta(days=14)
    blocker = services.book(
        actor=other, room=room, group="党员大会", starts_at=at(third, 18, 30), ends_at=at(third, 19)
    )[0]
    weekly = Pattern("weekly", weekdays=(1,))
    with pytest.raises(BookingRefused) as clash:
        services.book(
            actor=choir,
            room=room,
            group="县文联合唱团",
            starts_at=at(tuesday, 18),
            ends_at=at(tuesday, 20),
            pattern=weekly,
            until=tuesday + dt.timedelta(days=28),
        )
    assert "党员大会" in clash.value.message
    assert not Booking.objects.filter(group="县文联合唱团").exists()  # nothing half-written
    services.cancel(actor=other, booking=blocker)
    made = services.book(
        actor=choir,
        room=room,
        group="县文联合唱团",
        starts_at=at(tuesday, 18),
        ends_at=at(tuesday, 20),
        pattern=weekly,
        until=tuesday + dt.timedelta(days=28),
    )
    assert [timezone.localtime(b.starts_at).date() for b in made] == [
        tuesday + dt.timedelta(days=7 * i) for i in range(5)
    ]
    assert len({b.series for b in made}) == 1
    with pytest.raises(BookingRefused):  # someone else's booking
        services.cancel(actor=other, booking=made[0])
    assert services.cancel(actor=choir, booking=made[2], whole_series=True) == 3


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_requests_for_one_slot_get_one_booking(room, community):
    users = [make_user(f"group{i:02d}", Role.RESIDENT, area=community) for i in range(20)]
    day = next_weekday(3)

    def attempt(user):
        return services.book(
            actor=user,
            room=room,
            group=f"{user.username}队",
            starts_at=at(day, 18),
            ends_at=at(day, 19, 30),
        )

    results = _race(attempt, users)
    won = [r for r in results if isinstance(r, list)]
    refused = [r for r in results if isinstance(r, BookingRefused)]
    assert len(won) == 1 and len(refused) == 19, results
    assert {r.code for r in refused} == {"conflict"}
    assert Booking.objects.filter(room=room, status="active").count() == 1


@pytest.mark.django_db
def test_postgresql_itself_refuses_an_overlapping_row(room, community):
    """Below the service: on PostgreSQL the exclusion constraint refuses an overlapping row
    written any other way; a cancelled row never blocks."""
    from django.db import IntegrityError, connection, transaction

    user = make_user("direct", Role.RESIDENT, area=community)
    day = next_weekday(4)
    fields = dict(room=room, booked_by=user, starts_at=at(day, 9), ends_at=at(day, 11))
    Booking.objects.create(group="甲", **fields)
    Booking.objects.create(group="已取消", status="cancelled", **fields)
    if connection.vendor != "postgresql":
        return  # SQLite has no exclusion constraints: the service's conditional INSERT guards
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(group="乙", **{**fields, "starts_at": at(day, 10)})


@pytest.mark.django_db
def test_the_demo_venues():
    from grassroots.areas.models import Area

    north = Area.objects.get(name="城北社区")
    centre = Venue.objects.get(name="城北社区党群服务中心", area=north)
    assert set(centre.rooms.values_list("name", flat=True)) >= {
        "会议室",
        "母婴室",
        "矛盾调解室",
        "阅览室",
        "家长学校",
        "四点半课堂",
        "未成年人活动室",
        "健康室",
        "老年活动室",
    }
    stations = Venue.objects.filter(kind="station")
    assert stations.filter(provided_by__isnull=True).count() == 50
    assert stations.filter(provided_by__isnull=False).count() == 28
