"""Service-order hours count once the resident confirms them (or stays silent for the silence
period): in totals, stars, certificates and the member's desk; never on a withdrawn or
rejected case."""

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone

from grassroots.accounts.models import User
from grassroots.areas.models import Area
from grassroots.cases import services as cases
from grassroots.cases.errors import CaseRefused
from grassroots.cases.models import Case
from grassroots.cases.tasks import confirm_hours_after_silence
from grassroots.cases.tests.factories import submitted
from grassroots.offers.models import ServiceItem
from grassroots.offers.services import order_service
from grassroots.volunteering import services as volunteering
from grassroots.volunteering.errors import VolunteerRefused
from grassroots.volunteering.models import ServiceRecord, Volunteer

pytestmark = pytest.mark.django_db


def user(name: str) -> User:
    return User.objects.get(username=name)


def counted(name: str = "member") -> Decimal:
    return volunteering.total_hours(user(name).person.pk)[0]


def completed_order(hours: str = "2") -> Case:
    """A resident's order in 晋新小区, claimed and completed by the member declaring `hours`."""
    item = ServiceItem.objects.get(name="聊天陪护")
    order = order_service(actor=user("resident"), item=item, area=Area.objects.get(name="晋新小区"))
    cases.claim_case(actor=user("member"), case=order)
    cases.complete_case(actor=user("member"), case=order, note="陪老人聊天", hours=Decimal(hours))
    order.refresh_from_db()
    return order


def record_of(order: Case) -> ServiceRecord:
    return ServiceRecord.objects.get(case=order)


def test_declared_hours_wait_for_the_rating_and_then_count_on_the_desk(client):
    before = counted()
    order = completed_order("2")
    assert record_of(order).status == ServiceRecord.Status.PENDING
    assert counted() == before
    client.force_login(user("member"))
    page = client.get("/offers/me/")
    assert page.context["hours"] == before and page.context["pending"] == Decimal("2")
    assert str(ServiceRecord.Status.PENDING.label) in page.content.decode()  # 待确认
    cases.rate_case(actor=user("resident"), case=order, rating=Case.Rating.DISSATISFIED)
    assert record_of(order).status == ServiceRecord.Status.CONFIRMED
    assert counted() == before + Decimal("2")
    page = client.get("/offers/me/")
    assert page.context["hours"] == before + Decimal("2") and page.context["pending"] == 0


def test_the_certificate_includes_only_counted_hours():
    member = user("member")
    volunteer, _ = Volunteer.objects.get_or_create(person=member.person)
    today = timezone.localdate()
    start = today + dt.timedelta(days=1)  # nothing else counted in the period: only today's
    ServiceRecord.objects.filter(person=member.person, served_on=today).update(
        served_on=today - dt.timedelta(days=1)
    )
    order = completed_order("2")
    ServiceRecord.objects.filter(pk=record_of(order).pk).update(served_on=start)
    with pytest.raises(VolunteerRefused) as refused:
        volunteering.issue_certificate(actor=member, volunteer=volunteer, start=start, end=start)
    assert refused.value.code == "invalid"
    cases.rate_case(actor=user("resident"), case=order, rating=Case.Rating.SATISFIED)
    certificate = volunteering.issue_certificate(
        actor=member, volunteer=volunteer, start=start, end=start
    )
    assert (certificate.hours, certificate.services) == (Decimal("2"), 1)


def test_the_silence_task_confirms_after_the_silence_period_only():
    before = counted()
    order = completed_order("2")
    days = settings.HOURS_SILENCE_DAYS
    now = timezone.now()
    assert cases.confirm_silent_hours(now + dt.timedelta(days=days - 1)) == 0
    assert counted() == before
    Case.objects.filter(pk=order.pk).update(handled_at=now - dt.timedelta(days=days))
    confirm_hours_after_silence.enqueue()  # the immediate backend runs it now
    assert record_of(order).status == ServiceRecord.Status.CONFIRMED
    assert counted() == before + Decimal("2")


def test_a_reopened_then_withdrawn_order_never_counts_its_hours():
    before = counted()
    order = completed_order("2")
    cases.rate_case(actor=user("resident"), case=order, rating=Case.Rating.DISSATISFIED)
    cases.reopen_case(actor=user("secretary"), case=order, reason="老人说没人来过")
    assert record_of(order).status == ServiceRecord.Status.PENDING and counted() == before
    cases.withdraw_case(actor=user("secretary"), case=order, reason="居民不再需要")
    assert record_of(order).status == ServiceRecord.Status.VOID
    assert cases.confirm_silent_hours(timezone.now() + dt.timedelta(days=365)) == 0
    assert counted() == before


def test_hours_on_a_rejected_case_never_count():
    before = counted()
    case = submitted("晋新小区")
    volunteering.declare_order_hours(
        actor=user("member"),
        person_id=user("member").person.pk,
        case_id=case.pk,
        hours=Decimal("3"),
        served_on=timezone.localdate(),
    )
    cases.reject_case(actor=user("secretary"), case=case, reason="不属于平台受理范围")
    assert record_of(case).status == ServiceRecord.Status.VOID
    assert cases.confirm_silent_hours(timezone.now() + dt.timedelta(days=365)) == 0
    assert counted() == before


def test_a_read_only_auditor_cannot_confirm_hours_by_rating():
    order = completed_order("2")
    with pytest.raises(CaseRefused):
        cases.rate_case(actor=user("auditor"), case=order, rating=Case.Rating.SATISFIED)
    assert record_of(order).status == ServiceRecord.Status.PENDING


def test_the_desk_is_the_members_own(client):
    completed_order("2")
    client.force_login(user("resident"))  # not a party member: no desk, no hours shown
    assert client.get("/offers/me/").status_code == 404
