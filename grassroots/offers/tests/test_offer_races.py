"""Two communities ask for an offer's last slot at the same moment: one gets it, one a clear no."""

import pytest

from grassroots.accounts.models import Role, RoleAssignment, User
from grassroots.areas.models import Area
from grassroots.cases.models import Case
from grassroots.cases.tests.test_races import _race
from grassroots.offers.models import Offer, OfferRequest
from grassroots.offers.reporting import OfferRefused
from grassroots.offers.services import period_start, remaining, request_offer

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(db):
    from grassroots.demo.seed import seed_demo

    seed_demo(history=False)


def test_two_communities_racing_for_the_last_slot(demo):
    from django.utils import timezone

    talk = Offer.objects.get(title="家庭用药讲解")  # once a month
    south_staff = User.objects.create_user(username="south", password="x")
    RoleAssignment.objects.create(
        user=south_staff, role=Role.COMMUNITY_STAFF, area=Area.objects.get(name="城南社区")
    )
    east_staff = User.objects.create_user(username="east", password="x")
    RoleAssignment.objects.create(
        user=east_staff, role=Role.COMMUNITY_STAFF, area=Area.objects.get(name="城东社区")
    )
    before = Case.objects.count()
    results = _race(
        lambda request: request(),
        [
            lambda: request_offer(
                actor=south_staff, offer=talk, compound=Area.objects.get(name="禹泽苑")
            ),
            lambda: request_offer(
                actor=east_staff, offer=talk, compound=Area.objects.get(name="梧桐苑")
            ),
        ],
    )
    won = [r for r in results if isinstance(r, OfferRequest)]
    lost = [r for r in results if isinstance(r, OfferRefused)]
    assert len(won) == 1 and len(lost) == 1, results
    assert lost[0].code == "conflict" and "家庭用药讲解" in lost[0].message
    start = period_start(talk.period, timezone.localdate())
    assert remaining(talk) == talk.capacity - 1
    assert Case.objects.count() == before + 1
    assert OfferRequest.objects.filter(offer=talk, period_start=start).count() == 1
