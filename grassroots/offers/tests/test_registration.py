"""Double reporting and pairing: the demo's coverage, gaps that appear, and refusals."""

import io

import pytest
from openpyxl import load_workbook

from grassroots.accounts.models import User
from grassroots.areas.models import Area
from grassroots.core.models import AuditEntry
from grassroots.offers import selectors
from grassroots.offers.models import Registration
from grassroots.offers.reporting import OfferRefused, register_member, register_unit, unpair_unit
from grassroots.party.models import PartyMember, PartyOrg
from grassroots.people.models import Person
from grassroots.units.models import Pairing, Unit

pytestmark = pytest.mark.django_db


def county() -> Area:
    return Area.objects.get(name="夏县")


def user(name: str) -> User:
    return User.objects.get(username=name)


def new_member(compound: str = "禹泽苑", username: str = "newmember") -> PartyMember:
    """An in-service member who joined the platform and has not reported yet."""
    account = User.objects.create_user(username=username, password="x", full_name="新党员")
    home = Area.objects.get(name=compound)
    person = Person.objects.create(
        name="新党员", mobile="13912345678", user=account, home_area=home
    )
    return PartyMember.objects.create(
        person=person,
        org=PartyOrg.objects.filter(unit__isnull=False).first(),
        in_service=True,
        home_compound=home,
    )


def test_the_demo_has_every_unit_and_member_reported_and_every_place_paired():
    figures = selectors.coverage(county())
    assert (figures.units, figures.units_registered) == (82, 82)
    assert (figures.members, figures.members_registered) == (1546, 1546)
    assert (figures.communities, figures.communities_paired) == (4, 4)
    assert (figures.compounds, figures.compounds_paired) == (106, 106)
    # independent counts
    assert (
        Registration.objects.filter(active=True, unit__isnull=False).count() == Unit.objects.count()
    )
    in_service = PartyMember.objects.filter(in_service=True).count()
    assert Registration.objects.filter(active=True, member__isnull=False).count() == in_service
    assert 0 < figures.households_paired < figures.households


def test_every_gap_figure_is_the_length_of_its_list():
    for area in (county(), Area.objects.get(name="城南社区")):
        figures = selectors.coverage(area)
        for name in selectors.GAPS:
            assert figures.gap_count(name) == selectors.gap(area, name).count(), name


def test_the_rows_add_up_to_the_area():
    rows = selectors.coverage_rows(county())
    figures = selectors.coverage(county())
    assert [r.area.name for r in rows] == ["城北社区", "城西社区", "城南社区", "城东社区"]
    assert sum(r.members_registered for r in rows) == figures.members_registered
    assert sum(r.units for r in rows) == figures.units
    assert sum(r.compounds_paired for r in rows) == figures.compounds_paired
    assert sum(r.households for r in rows) == figures.households


def test_removing_a_pairing_makes_the_gap_appear_in_the_coverage_view(client):
    compound = Area.objects.get(name="梧桐苑")
    for pairing in Pairing.objects.filter(area=compound):
        unpair_unit(actor=user("admin"), pairing=pairing)
    figures = selectors.coverage(county())
    assert figures.compounds_paired == 105
    assert list(selectors.gap(county(), "unpaired_compounds")) == [compound]
    client.force_login(user("admin"))
    page = client.get("/offers/coverage/unpaired_compounds/").content.decode()
    assert "梧桐苑" in page and "城东社区" in page
    summary = client.get("/offers/coverage/").content.decode()
    assert "105" in summary


def test_a_member_reports_moves_and_keeps_the_history():
    member = new_member()
    yuze, wutong = Area.objects.get(name="禹泽苑"), Area.objects.get(name="梧桐苑")
    first = register_member(
        actor=member.person.user, member=member, compound=yuze, skills="法律咨询"
    )
    assert first.service_team == "safety" and first.channel == "self"
    with pytest.raises(OfferRefused) as refused:
        register_member(actor=member.person.user, member=member, compound=wutong, skills="理发")
    assert refused.value.code == "conflict" and "禹泽苑" in refused.value.message
    assert Registration.objects.get(member=member, active=True).area == yuze  # nothing changed
    register_member(
        actor=member.person.user, member=member, compound=wutong, skills="理发", moving=True
    )
    history = list(Registration.objects.filter(member=member).order_by("pk"))
    assert [(r.area.name, r.active) for r in history] == [("禹泽苑", False), ("梧桐苑", True)]
    member.refresh_from_db()
    assert member.home_compound == wutong and history[0].ended_on is not None


def test_reporting_to_a_compound_outside_the_county_is_refused(compound):
    member = new_member()
    with pytest.raises(OfferRefused) as refused:
        register_member(actor=member.person.user, member=member, compound=compound)
    assert "幸福小区" in refused.value.message
    assert not Registration.objects.filter(member=member).exists()
    unit = Unit.objects.get(name="县中医医院")
    with pytest.raises(OfferRefused):
        register_unit(actor=user("admin"), unit=unit, community=Area.objects.get(name="北关社区"))
    assert Registration.objects.filter(unit=unit, active=True).count() == 1


def test_only_the_member_or_staff_of_the_area_may_report_them():
    member = new_member()
    yuze = Area.objects.get(name="禹泽苑")  # 城南社区
    with pytest.raises(OfferRefused) as refused:
        register_member(actor=user("secretary"), member=member, compound=yuze)  # 城北's
    assert refused.value.code == "forbidden"
    staffed = register_member(actor=user("admin"), member=member, compound=yuze)
    assert staffed.channel == "staff" and staffed.recorded_by == user("admin")


def test_the_qr_page_reports_the_signed_in_member(client):
    member = new_member()
    compound = Area.objects.get(name="禹泽苑")
    client.force_login(member.person.user)
    page = client.get(f"/offers/report/{compound.pk}/")
    assert page.status_code == 200 and "禹泽苑" in page.content.decode()
    response = client.post(
        f"/offers/report/{compound.pk}/",
        {"skills": "辅导作业", "intentions": "给孩子辅导", "availability": "周末"},
    )
    assert response.status_code == 302
    registration = Registration.objects.get(member=member, active=True)
    assert registration.area == compound and registration.service_team == "warmth"
    assert AuditEntry.objects.filter(target_id=str(registration.pk), action="change").exists()
    bad = client.post(f"/offers/report/{compound.pk}/", {"skills": ""})
    assert bad.status_code == 200 and Registration.objects.filter(member=member).count() == 1


def test_a_resident_on_the_qr_page_is_told_who_may_report(client):
    client.force_login(user("resident"))
    compound = Area.objects.get(name="禹泽苑")
    page = client.post(f"/offers/report/{compound.pk}/", {"skills": "理发"})
    assert page.status_code == 200 and "在职党员" in page.content.decode()
    assert not Registration.objects.filter(recorded_by=user("resident")).exists()


def test_coverage_is_for_staff_of_the_area(client):
    client.force_login(user("resident"))
    assert client.get("/offers/coverage/").status_code == 404
    client.force_login(user("secretary"))  # 城北社区
    assert client.get("/offers/coverage/").status_code == 200
    south = Area.objects.get(name="城南社区")
    assert client.get(f"/offers/coverage/?area={south.pk}").status_code == 404
    assert (
        client.get(f"/offers/compounds/{Area.objects.get(name='禹泽苑').pk}/qr.png").status_code
        == 404
    )
    own = Area.objects.get(name="晋新小区")
    qr = client.get(f"/offers/compounds/{own.pk}/qr.png")
    assert qr.status_code == 200 and qr["Content-Type"] == "image/png"


def test_a_gap_list_exports_to_excel_masked_and_logged(client):
    client.force_login(user("admin"))
    new_member()  # one member not yet reported
    response = client.get("/offers/coverage/unregistered_members/?format=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert len(rows[0]) == 3 and rows[1][0] == "新党员" and rows[1][1] == "139****5678"
    assert len(rows) == 2
    assert AuditEntry.objects.filter(action="export", detail__list="unregistered_members").exists()


def test_the_theme_activity_held_its_three_services_last_month():
    from grassroots.offers.models import OfferRequest

    held = OfferRequest.objects.filter(case__description__startswith="党建聚力·幸福零距离")
    places = {(r.offer.title, r.case.area.name, r.case.status) for r in held}
    assert places == {
        ("义诊", "晋新小区", "closed"),
        ("送法进社区", "禹泽苑", "closed"),
        ("家庭用药讲解", "梧桐苑", "closed"),
    }


def test_staff_report_a_member_from_the_gap_list(client):
    member = new_member()  # lives in 禹泽苑, 城南社区
    client.force_login(user("admin"))
    page = client.get("/offers/coverage/unregistered_members/").content.decode()
    assert "新党员" in page and f"/offers/members/{member.pk}/register/" in page
    client.post(f"/offers/members/{member.pk}/register/")
    registration = Registration.objects.get(member=member, active=True)
    assert registration.channel == "staff" and registration.area.name == "禹泽苑"
    assert selectors.gap(county(), "unregistered_members").count() == 0
    client.force_login(user("secretary"))  # 城北: not theirs
    other = new_member(username="another")
    client.post(f"/offers/members/{other.pk}/register/")
    assert not Registration.objects.filter(member=other).exists()
