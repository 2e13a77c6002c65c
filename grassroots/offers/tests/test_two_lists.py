"""The resource list with capacities, requests for offers, and residents' service orders."""

from decimal import Decimal

import pytest

from grassroots.accounts.models import User
from grassroots.areas.models import Area
from grassroots.cases import services as cases
from grassroots.cases.models import Case, Category
from grassroots.offers.models import Offer, ServiceItem
from grassroots.offers.reporting import OfferRefused
from grassroots.offers.services import (
    create_offer,
    order_service,
    remaining,
    request_offer,
)
from grassroots.units.models import Unit
from grassroots.volunteering.models import ServiceRecord

pytestmark = pytest.mark.django_db


def user(name: str) -> User:
    return User.objects.get(username=name)


def offer(title: str = "义诊") -> Offer:
    return Offer.objects.get(title=title)


@pytest.mark.parametrize("capacity", [-1, 0, "many", 1001])
def test_an_offer_with_a_capacity_out_of_range_is_refused(capacity):
    before = Offer.objects.count()
    with pytest.raises(OfferRefused) as refused:
        create_offer(
            actor=user("liaison"),
            unit=Unit.objects.get(name="县中医医院"),
            title="健康体检",
            category=Category.objects.get(code="health"),
            capacity=capacity,
            period="month",
        )
    assert "capacity" in refused.value.fields
    assert Offer.objects.count() == before


def test_a_liaison_adds_to_their_own_list_only():
    made = create_offer(
        actor=user("liaison"),
        unit=Unit.objects.get(name="县中医医院"),
        title="健康体检",
        category=Category.objects.get(code="health"),
        capacity=3,
        period="quarter",
    )
    assert remaining(made) == 3
    with pytest.raises(OfferRefused) as refused:
        create_offer(
            actor=user("liaison"),
            unit=Unit.objects.get(name="县人民法院"),
            title="普法",
            category=Category.objects.get(code="legal"),
            capacity=1,
            period="month",
        )
    assert refused.value.code == "forbidden"


def test_requests_use_slots_until_none_is_left_and_a_decline_frees_one():
    clinic = offer("义诊")  # 县中医医院, twice a month
    compound = Area.objects.get(name="晋新小区")
    first = request_offer(actor=user("secretary"), offer=clinic, compound=compound)
    assert first.case.status == "dispatched" and first.case.kind == "service"
    assert first.case.assignments.get(role="lead").unit == clinic.unit
    request_offer(actor=user("secretary"), offer=clinic, compound=compound)
    assert remaining(clinic) == 0
    cases_before = Case.objects.count()
    with pytest.raises(OfferRefused) as refused:
        request_offer(actor=user("secretary"), offer=clinic, compound=compound)
    assert refused.value.code == "conflict" and "义诊" in refused.value.message
    assert Case.objects.count() == cases_before  # nothing half-written
    cases.object_case(actor=user("liaison"), case=first.case, reason="本月医生不足")
    assert remaining(clinic) == 1
    assert first.case.events.filter(action="object").exists()  # the freed slot is on the case
    cases.withdraw_case(actor=user("secretary"), case=first.case, reason="改期")  # no double free
    assert remaining(clinic) == 1


def test_a_community_asks_only_for_its_own_compounds():
    with pytest.raises(OfferRefused) as refused:
        request_offer(
            actor=user("secretary"), offer=offer("义诊"), compound=Area.objects.get(name="梧桐苑")
        )
    assert refused.value.code == "forbidden" and remaining(offer("义诊")) == 2


def test_a_resident_orders_a_member_takes_it_and_the_hours_count():
    item = ServiceItem.objects.get(name="聊天陪护")
    order = order_service(actor=user("resident"), item=item, note="母亲独居，想有人陪她聊聊天")
    assert order.status == "published" and order.kind == "service"
    assert order.area.path.startswith(Area.objects.get(name="骨科小区").path)  # their building
    member = user("member")  # reported to 晋新小区, same community: board of their compound only
    order_here = order_service(
        actor=user("resident"), item=item, area=Area.objects.get(name="晋新小区")
    )
    cases.claim_case(actor=member, case=order_here)
    order_here.refresh_from_db()
    assert order_here.status == "in_progress"
    before = sum(r.hours for r in ServiceRecord.objects.filter(person__user=member))
    cases.complete_case(
        actor=member, case=order_here, note="陪老人聊了两个小时", hours=Decimal("2")
    )
    order_here.refresh_from_db()
    assert order_here.status == "revisiting"  # the resident's rating is the verification
    cases.rate_case(actor=user("resident"), case=order_here, rating="satisfied")
    after = sum(r.hours for r in ServiceRecord.objects.filter(person__user=member))
    assert after == before + Decimal("2")


def test_a_member_of_another_compound_cannot_take_the_order():
    item = ServiceItem.objects.get(name="聊天陪护")
    order = order_service(actor=user("resident"), item=item)  # 骨科小区
    from grassroots.cases.errors import CaseRefused

    with pytest.raises(CaseRefused):
        cases.claim_case(actor=user("member"), case=order)  # lives in 晋新小区
