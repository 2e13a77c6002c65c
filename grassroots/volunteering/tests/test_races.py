"""Twenty volunteers sign up for five places at the same moment."""

import datetime as dt

import pytest
from django.utils import timezone

from grassroots.accounts.models import User
from grassroots.areas.models import Area
from grassroots.cases.tests.test_races import _race
from grassroots.volunteering import services
from grassroots.volunteering.models import Enrollment, Occurrence
from grassroots.volunteering.recurrence import Pattern
from grassroots.volunteering.tests.test_activities import volunteer_user

pytestmark = pytest.mark.django_db(transaction=True)
PEOPLE = 20
PLACES = 5


@pytest.fixture
def demo(db):
    from grassroots.demo.seed import seed_demo

    seed_demo(history=False)


def test_twenty_concurrent_sign_ups_never_exceed_five_places(demo):
    west = Area.objects.get(name="城西社区")
    compound = Area.objects.get(name="火神庙后巷小区")
    staff = User.objects.get(username="staff")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    activity = services.create_activity(
        actor=staff,
        title="抢报名测试",
        community=west,
        place="城西社区党群服务中心",
        first_day=tomorrow,
        start_time=dt.time(9),
        end_time=dt.time(10),
        capacity=PLACES,
        pattern=Pattern("weekly", weekdays=(tomorrow.weekday(),)),
    )
    date = activity.occurrences.order_by("starts_at").first()
    users = []
    for i in range(PEOPLE):
        users.append(volunteer_user(f"racer-v{i:02d}", compound))
    results = _race(lambda u: services.sign_up(actor=u, occurrence=date), users)
    assert all(isinstance(r, Enrollment) for r in results), results
    statuses = sorted(r.status for r in results)
    assert statuses.count("enrolled") == PLACES
    assert statuses.count("waiting") == PEOPLE - PLACES
    date = Occurrence.objects.get(pk=date.pk)
    assert date.taken == PLACES
    assert date.enrollments.filter(status="enrolled").count() == PLACES
    # Two people give up their places at once: the first two in the queue get them, in order.
    queue = list(date.enrollments.filter(status="waiting").order_by("created_at", "pk"))
    leaving = list(date.enrollments.filter(status="enrolled")[:2])
    results = _race(
        lambda e: services.cancel_sign_up(actor=e.volunteer.person.user, enrollment=e), leaving
    )
    promoted = {r.pk for r in results if isinstance(r, Enrollment)}
    assert promoted == {queue[0].pk, queue[1].pk}
    date = Occurrence.objects.get(pk=date.pk)
    assert date.taken == PLACES
    assert date.enrollments.filter(status="enrolled").count() == PLACES
