"""The desks of each role for double reporting and the two lists."""

import pytest

from grassroots.accounts.models import User
from grassroots.areas.models import Area
from grassroots.cases import services as cases
from grassroots.cases.models import Case, Category
from grassroots.offers.models import Offer, OfferRequest
from grassroots.offers.suggest import needs_for_unit, units_for_need

pytestmark = pytest.mark.django_db


def login(client, name: str):
    client.force_login(User.objects.get(username=name))
    return client


@pytest.mark.parametrize(
    ("username", "path", "status"),
    [
        ("liaison", "/offers/unit/", 200),
        ("resident", "/offers/unit/", 404),
        ("member", "/offers/me/", 200),
        ("liaison", "/offers/me/", 404),
        ("resident", "/offers/menu/", 200),
        ("secretary", "/offers/lists/", 200),
        ("resident", "/offers/lists/", 404),
    ],
)
def test_each_desk_is_for_its_role(client, username, path, status):
    assert login(client, username).get(path).status_code == status


def test_the_unit_desk_shows_its_list_with_what_is_left(client):
    html = login(client, "liaison").get("/offers/unit/").content.decode()
    assert "义诊" in html and "余 2 次" in html and "城西社区" in html


def test_a_community_requests_an_offer_from_its_lists_page(client):
    login(client, "secretary")
    clinic = Offer.objects.get(title="义诊")
    compound = Area.objects.get(name="晋新小区")
    response = client.post(f"/offers/offers/{clinic.pk}/request/", {"compound": compound.pk})
    request = OfferRequest.objects.filter(offer=clinic).latest("pk")
    assert response.status_code == 302 and response["Location"] == f"/cases/{request.case_id}/"
    html = client.get("/offers/lists/").content.decode()
    assert "余 1 次" in html
    bad = client.post(f"/offers/offers/{clinic.pk}/request/", {"compound": "x"}, follow=True)
    assert "请选择服务的小区" in bad.content.decode()
    assert OfferRequest.objects.filter(offer=clinic, case__area=compound).count() == 2  # + theme


def test_a_resident_orders_from_the_menu_page(client):
    login(client, "resident")
    from grassroots.offers.models import ServiceItem

    item = ServiceItem.objects.get(name="爱心义剪")
    response = client.post("/offers/menu/", {"item": item.pk, "note": "老人行动不便"})
    case = Case.objects.filter(kind="service", title="爱心义剪").latest("pk")
    assert response["Location"] == f"/cases/{case.pk}/" and case.status == "published"
    refused = client.post("/offers/menu/", {"item": "abc"}, follow=True)
    assert "请从菜单中选择服务" in refused.content.decode()


def test_suggestions_rank_category_fit_and_pairing_first_with_reasons():
    need = cases.submit_case(
        actor=User.objects.get(username="resident"),
        kind=Case.Kind.NEED,
        category=Category.objects.get(code="health"),
        title="老人健康体检",
        description="小区老人多，希望有人来做健康体检。",
        area=Area.objects.get(name="骨科小区"),
    )
    ranked = units_for_need(need)
    assert ranked[0].target.name == "县中医医院"  # lists 义诊 (health) and is paired with 骨科小区
    assert any("义诊" in r for r in ranked[0].reasons)
    assert any("包联本小区" in r for r in ranked[0].reasons)
    cases.triage_case(actor=User.objects.get(username="secretary"), case=need)
    cases.publish_case(actor=User.objects.get(username="secretary"), case=need)
    from grassroots.units.models import Unit

    mine = needs_for_unit(Unit.objects.get(name="县中医医院"))
    assert mine[0].target == need and mine[0].score >= 5


def test_who_reported_lists_and_exports_with_real_dates(client):
    import io

    from openpyxl import load_workbook

    from grassroots.offers.models import Registration

    login(client, "secretary")  # 城北社区
    north = Area.objects.get(name="城北社区")
    page = client.get("/offers/registrations/")
    expected = Registration.objects.filter(
        active=True, member__isnull=False, area__path__startswith=north.path
    ).count()
    assert page.context["page"].paginator.count == expected > 0
    units = client.get("/offers/registrations/?kind=unit")
    assert units.context["page"].paginator.count == 21
    export = client.get("/offers/registrations/?kind=unit&format=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 22 and hasattr(rows[1][2], "year")  # a date, not text


def test_a_unit_reports_again_from_its_desk_and_the_old_report_is_kept(client):
    from grassroots.offers.models import Registration
    from grassroots.units.models import Unit

    login(client, "liaison")
    unit = Unit.objects.get(name="县中医医院")
    south = Area.objects.get(name="城南社区")
    response = client.post(
        "/offers/unit/",
        {"community": south.pk, "contact_name": "刘洋", "contact_phone": "0359-8881234"},
    )
    assert response.status_code == 302
    history = list(Registration.objects.filter(unit=unit).order_by("pk"))
    assert [(r.area.name, r.active) for r in history][-2:] == [
        ("城西社区", False),
        ("城南社区", True),
    ]
    assert history[-1].channel == "self"
    bad = client.post("/offers/unit/", {"community": south.pk, "contact_name": ""})
    assert bad.status_code == 200 and Registration.objects.filter(unit=unit).count() == 2
