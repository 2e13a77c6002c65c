"""Rooms for activities: every coming date of an activity booked in one room, all or nothing
with every clashing date named, and the booking following its date when the date is moved or
called off; through the services and the room page, and for outsiders."""

import datetime as dt

import pytest
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.conftest import make_user
from grassroots.venues import services
from grassroots.venues.models import Booking, OpeningHours, Room, Venue
from grassroots.venues.services import BookingRefused
from grassroots.volunteering import services as volunteering
from grassroots.volunteering.errors import VolunteerRefused
from grassroots.volunteering.recurrence import Pattern

pytestmark = pytest.mark.django_db


@pytest.fixture
def room(community):
    """A meeting room at the community's centre, open every day, all day."""
    centre = Venue.objects.create(name="北关社区党群服务中心", kind="centre", area=community)
    for weekday in range(7):
        OpeningHours.objects.create(
            venue=centre, weekday=weekday, opens=dt.time(7), closes=dt.time(22)
        )
    return Room.objects.create(venue=centre, name="多功能厅", kind="meeting", seats=40)


@pytest.fixture
def activity(staff_user, community):
    """Every week from tomorrow, 09:00–11:30, for three weeks: three dates."""
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    return volunteering.create_activity(
        actor=staff_user,
        title="爱心义剪",
        community=community,
        place="多功能厅",
        first_day=tomorrow,
        start_time=dt.time(9),
        end_time=dt.time(11, 30),
        capacity=10,
        pattern=Pattern("weekly", weekdays=(tomorrow.weekday(),)),
        last_day=tomorrow + dt.timedelta(days=14),
    )


def _dates(activity):
    return list(activity.occurrences.order_by("starts_at"))


def _active(room):
    return Booking.objects.filter(room=room, status=Booking.Status.ACTIVE).order_by("starts_at")


def test_every_date_of_an_activity_is_booked_in_the_room(room, activity, staff_user):
    made = services.book_activity_room(actor=staff_user, activity=activity, room=room)
    dates = _dates(activity)
    assert len(dates) == 3
    assert [(b.occurrence_id, b.starts_at, b.ends_at) for b in _active(room)] == [
        (o.pk, o.starts_at, o.ends_at) for o in dates
    ]
    assert {b.group for b in made} == {"爱心义剪"} and len({b.series for b in made}) == 1
    with pytest.raises(BookingRefused) as again:
        services.book_activity_room(actor=staff_user, activity=activity, room=room)
    assert again.value.code == "conflict"
    assert _active(room).count() == 3


def test_a_clash_books_no_date_and_names_every_clashing_one(room, activity, staff_user, compound):
    choir = make_user("choir", Role.RESIDENT, area=compound)
    second, third = _dates(activity)[1:]
    for date in (second, third):
        services.book(
            actor=choir,
            room=room,
            group="老年合唱团",
            starts_at=date.starts_at + dt.timedelta(hours=1),
            ends_at=date.ends_at + dt.timedelta(hours=1),
        )
    with pytest.raises(BookingRefused) as clash:
        services.book_activity_room(actor=staff_user, activity=activity, room=room)
    assert clash.value.code == "conflict"
    for date in (second, third):
        assert f"{timezone.localtime(date.starts_at):%Y-%m-%d}" in clash.value.message
    assert f"{timezone.localtime(_dates(activity)[0].starts_at):%Y-%m-%d}" not in (
        clash.value.message
    )
    assert "老年合唱团" in clash.value.message
    assert not Booking.objects.filter(occurrence__activity=activity).exists()


def test_moving_a_date_moves_its_booking(room, activity, staff_user):
    services.book_activity_room(actor=staff_user, activity=activity, room=room)
    first = _dates(activity)[0]
    day = timezone.localtime(first.starts_at).date() + dt.timedelta(days=1)
    moved = volunteering.move_occurrence(
        actor=staff_user, occurrence=first, day=day, start_time=dt.time(14), end_time=dt.time(16)
    )
    booking = Booking.objects.get(occurrence=first, status=Booking.Status.ACTIVE)
    assert (booking.starts_at, booking.ends_at) == (moved.starts_at, moved.ends_at)
    assert Booking.objects.filter(occurrence=first, status=Booking.Status.CANCELLED).count() == 1
    assert _active(room).count() == 3


def test_a_move_into_a_taken_or_closed_slot_is_refused(room, activity, staff_user, compound):
    services.book_activity_room(actor=staff_user, activity=activity, room=room)
    first = _dates(activity)[0]
    day = timezone.localtime(first.starts_at).date() + dt.timedelta(days=1)
    services.book(
        actor=make_user("dance", Role.RESIDENT, area=compound),
        room=room,
        group="广场舞队",
        starts_at=timezone.make_aware(dt.datetime.combine(day, dt.time(15))),
        ends_at=timezone.make_aware(dt.datetime.combine(day, dt.time(17))),
    )
    before = first.starts_at
    # Into the dance group's slot, then past the venue's closing time (07:00–22:00).
    tries = [(dt.time(14), dt.time(16), "广场舞队"), (dt.time(21), dt.time(23), "22:00")]
    for start, end, why in tries:
        with pytest.raises(VolunteerRefused) as refused:
            volunteering.move_occurrence(
                actor=staff_user, occurrence=first, day=day, start_time=start, end_time=end
            )
        assert refused.value.code == "conflict"
        assert "多功能厅" in refused.value.message and why in refused.value.message
    first.refresh_from_db()
    assert first.starts_at == before  # the move is undone with its booking
    assert Booking.objects.get(occurrence=first, status=Booking.Status.ACTIVE).starts_at == before


def test_calling_off_a_date_frees_its_room(room, activity, staff_user):
    services.book_activity_room(actor=staff_user, activity=activity, room=room)
    first = _dates(activity)[0]
    volunteering.cancel_occurrence(actor=staff_user, occurrence=first, reason="下雨")
    assert not Booking.objects.filter(occurrence=first, status=Booking.Status.ACTIVE).exists()
    assert _active(room).count() == 2


def test_a_room_of_another_community_or_a_stranger_is_refused(
    room, activity, staff_user, other_community, compound
):
    far = Venue.objects.create(name="南关社区党群服务中心", kind="centre", area=other_community)
    far_room = Room.objects.create(venue=far, name="会议室", kind="meeting")
    with pytest.raises(BookingRefused) as elsewhere:
        services.book_activity_room(actor=staff_user, activity=activity, room=far_room)
    assert elsewhere.value.code == "invalid"
    resident = make_user("bystander", Role.RESIDENT, area=compound)
    with pytest.raises(BookingRefused) as stranger:
        services.book_activity_room(actor=resident, activity=activity, room=room)
    assert stranger.value.code == "forbidden"
    assert not Booking.objects.exists()


def test_the_room_page_books_an_activity(client, room, activity, staff_user, compound):
    client.force_login(staff_user)
    page = client.get(f"/venues/rooms/{room.pk}/").content.decode()
    assert f'<option value="{activity.pk}">爱心义剪' in page
    response = client.post(f"/venues/rooms/{room.pk}/activity/", {"activity": activity.pk})
    assert response.status_code == 302 and response["Location"] == f"/venues/rooms/{room.pk}/"
    assert _active(room).filter(occurrence__activity=activity).count() == 3
    page = client.get(f"/venues/rooms/{room.pk}/").content.decode()
    assert 'name="activity"' not in page and "爱心义剪" in page


def test_the_room_page_lists_the_clashing_dates(client, room, activity, staff_user, compound):
    date = _dates(activity)[2]
    services.book(
        actor=make_user("chess", Role.RESIDENT, area=compound),
        room=room,
        group="象棋社",
        starts_at=date.starts_at,
        ends_at=date.ends_at,
    )
    client.force_login(staff_user)
    response = client.post(
        f"/venues/rooms/{room.pk}/activity/", {"activity": activity.pk}, follow=True
    )
    text = response.content.decode()
    assert f"{timezone.localtime(date.starts_at):%Y-%m-%d}" in text and "象棋社" in text
    assert not Booking.objects.filter(occurrence__activity=activity).exists()


def test_outsiders_book_no_activity_room(client, room, activity, other_county_user, auditor_user):
    client.force_login(other_county_user)
    url = f"/venues/rooms/{room.pk}/activity/"
    assert client.post(url, {"activity": activity.pk}).status_code == 404
    client.force_login(auditor_user)
    assert client.post(url, {"activity": activity.pk}).status_code == 302
    assert 'name="activity"' not in client.get(f"/venues/rooms/{room.pk}/").content.decode()
    with pytest.raises(BookingRefused) as refused:
        services.book_activity_room(actor=auditor_user, activity=activity, room=room)
    assert refused.value.code == "forbidden"
    assert not Booking.objects.exists()


def test_the_date_page_moves_the_booking_or_says_the_room_is_taken(
    client, room, activity, staff_user, compound
):
    services.book_activity_room(actor=staff_user, activity=activity, room=room)
    first, second = _dates(activity)[:2]
    client.force_login(staff_user)
    day = timezone.localtime(first.starts_at).date() + dt.timedelta(days=1)
    move = {"action": "move", "day": day.isoformat(), "start_time": "14:00", "end_time": "16:00"}
    client.post(f"/volunteering/dates/{first.pk}/", move)
    booking = Booking.objects.get(occurrence=first, status=Booking.Status.ACTIVE)
    assert timezone.localtime(booking.starts_at) == timezone.make_aware(
        dt.datetime.combine(day, dt.time(14))
    )
    # The second date into the first's new slot (15:00, while it runs): refused, the booking
    # named, nothing moved.
    overlap = {**move, "start_time": "15:00", "end_time": "17:00"}
    response = client.post(f"/volunteering/dates/{second.pk}/", overlap, follow=True)
    [said] = [str(m) for m in response.context["messages"] if m.level_tag == "error"]
    assert "多功能厅" in said and "爱心义剪" in said
    assert Booking.objects.get(occurrence=second, status=Booking.Status.ACTIVE).starts_at == (
        second.starts_at
    )
