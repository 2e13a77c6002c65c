"""Reach beyond one area: a staff member of two communities sees those two summed (never the
county), a unit's liaison claims where the unit serves, the city's roles hold the city, and a
ledger import writes only inside the importer's areas."""

import pytest
from django.urls import reverse

from grassroots.accounts.models import Role, RoleAssignment
from grassroots.areas.models import Area
from grassroots.cases import services
from grassroots.cases.models import Case
from grassroots.cases.tests import factories as f
from grassroots.conftest import make_user
from grassroots.dashboards.tests.test_figures import _listed
from grassroots.ledgers.tests.factories import RESIDENT, UNIT, run_import
from grassroots.units.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_communities():
    north, west = Area.objects.get(name="城北社区"), Area.objects.get(name="城西社区")
    user = make_user("two_staff", Role.COMMUNITY_STAFF, area=north)
    RoleAssignment.objects.create(user=user, role=Role.COMMUNITY_STAFF, area=west)
    return user, north, west


def test_two_communities_are_summed_never_the_county(client, two_communities):
    user, north, west = two_communities
    client.force_login(user)
    response = client.get(reverse("dashboards:dashboard"))
    board = response.context
    assert [a.name for a in board["area"].areas] == ["城北社区", "城西社区"]
    figures = {f.key: f for s in board["sections"] for f in s.figures}
    both = (
        Case.objects.filter(area__path__startswith=north.path).count()
        + Case.objects.filter(area__path__startswith=west.path).count()
    )
    year = board["today"].year
    this_year = Case.objects.filter(created_at__year=year)
    expected = sum(this_year.filter(area__path__startswith=c.path).count() for c in (north, west))
    assert figures["cases_year"].value == expected and both >= expected > 0
    for f_ in figures.values():  # every counted figure leads to a list of the same length
        if f_.counts:
            assert _listed(client, f_.url) == f_.value, f_.key
    assert {a.name for a, _rates in board["league"]} == {"城北社区", "城西社区"}
    county = Area.objects.get(name="夏县")
    assert client.get(f"{reverse('dashboards:dashboard')}?area={county.pk}").status_code == 404
    assert client.get(f"{reverse('dashboards:dashboard')}?area=city").status_code == 404
    one = client.get(f"{reverse('dashboards:dashboard')}?area={north.pk}").context["area"]
    assert one == north


def test_a_liaison_claims_only_where_the_unit_serves(elsewhere):
    ours, theirs = f.user("liaison"), elsewhere.liaison
    from grassroots.cases.permissions import can, cases_visible_to

    assert not cases_visible_to(ours).filter(pk=elsewhere.published.pk).exists()
    assert not can(ours, "claim", elsewhere.published)
    assert cases_visible_to(theirs).filter(pk=elsewhere.published.pk).exists()
    claimed = services.claim_case(actor=theirs, case=elsewhere.published)
    assert claimed.status == "in_progress"
    assert claimed.assignments.get(role="lead").unit == elsewhere.court


def test_a_city_unit_serves_every_county(city, elsewhere):
    bureau = Unit.objects.create(name="市体育局", code="C-SPORT", area=city, kind="city_department")
    liaison = make_user("city_liaison", Role.UNIT_LIAISON, unit=bureau)
    from grassroots.cases.permissions import can

    assert can(liaison, "claim", elsewhere.published)
    xiaxian = Area.objects.get(name="夏县")
    ours = Case.objects.filter(status="published", area__path__startswith=xiaxian.path)
    assert ours.exists() and all(can(liaison, "claim", c) for c in ours)


def test_the_city_s_roles_hold_the_city(client, city, elsewhere):
    client.force_login(f.user("cityadmin"))
    assert client.get(reverse("dashboards:dashboard")).context["area"] == city
    page = client.get(f"{reverse('cases:list')}?area={elsewhere.county.pk}")
    assert page.context["page"].paginator.count == 3  # the other county's three demands
    client.force_login(f.user("admin"))
    assert client.get(reverse("dashboards:dashboard")).context["area"].name == "夏县"


def test_only_organisation_departments_import_and_only_into_their_areas(client, elsewhere):
    client.force_login(f.user("auditor"))
    assert client.get(reverse("ledgers:import")).status_code == 403
    admin = f.user("admin")
    outside = {**RESIDENT, "社区": "府前社区", "小区": "府前小区", "楼栋": "1号楼"}
    result = run_import("residents", [outside], actor=admin)
    assert [i.column for i in result.issues] == ["社区"]  # 府前社区 is not found from 夏县
    moved = {**RESIDENT, "身份证号": "", "社区": "城北社区", "小区": "骨科小区", "楼栋": "1号楼"}
    elsewhere.person.id_number = "140827196503150016"
    elsewhere.person.save(update_fields=["id_number"])
    moved["身份证号"] = elsewhere.person.id_number
    result = run_import("residents", [moved], actor=admin)
    assert [i.column for i in result.issues] == ["身份证号"]  # registered in 垣曲县: refused
    elsewhere.person.refresh_from_db()
    assert elsewhere.person.home_area == elsewhere.building


def test_two_counties_import_units_of_the_same_name(elsewhere):
    row = {**UNIT, "单位编码": "YQ-HOSP", "单位名称": "县中医医院", "类别": "县直单位"}
    result = run_import("units", [{**row, "报到社区": "府前社区"}], actor=f.user("cityadmin"))
    assert result.ok, result.issues
    hospitals = Unit.objects.filter(name="县中医医院").values_list("area__name", flat=True)
    assert sorted(hospitals) == ["垣曲县", "夏县"]
    refused = run_import("units", [{**row, "报到社区": "府前社区"}], actor=f.user("admin"))
    assert not refused.ok  # 夏县's department reaches no 府前社区
