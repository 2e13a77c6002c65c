"""Eight claimers race for one wish: exactly one gets it, the others are told it moved on."""

import pytest

from grassroots.accounts.models import User
from grassroots.areas.models import Area
from grassroots.cases import services as cases
from grassroots.cases.errors import CaseRefused
from grassroots.cases.models import Assignment, Case
from grassroots.cases.tests.test_races import _liaisons, _race
from grassroots.wishes.services import post_wish

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(db):
    from grassroots.demo.seed import seed_demo

    seed_demo(history=False)


def test_exactly_one_claimer_gets_a_wish(demo):
    admin = User.objects.get(username="admin")
    compound = Area.objects.get(name="骨科小区")
    wish = post_wish(
        actor=admin,
        title="想要一副老花镜",
        description="老人想要老花镜",
        area=compound,
        requester_name="居民",
    )
    cases.triage_case(actor=admin, case=wish)
    cases.publish_case(actor=admin, case=wish)
    claimers = _liaisons(8)
    results = _race(
        lambda u: cases.claim_case(actor=u, case=Case.objects.get(pk=wish.pk)), claimers
    )
    wins = [r for r in results if isinstance(r, Case)]
    refusals = [r for r in results if isinstance(r, CaseRefused)]
    assert len(wins) == 1 and len(refusals) == len(claimers) - 1, results
    assert {r.code for r in refusals} == {"conflict"}
    assert Assignment.objects.filter(case=wish, role="lead", active=True).count() == 1
