"""The city: `generate_city` (at a small shape) builds twelve more counties around the demo
county with sound trees, people and activity; the city dashboard sums every county, its
counted figures lead to lists of the same length, and only someone reading several counties
has it."""

import pytest
from django.utils import timezone

from grassroots.accounts.models import User
from grassroots.areas.models import Area
from grassroots.cases.models import Case
from grassroots.core.models import AuditEntry
from grassroots.dashboards import figures, tallies
from grassroots.dashboards.tests.test_figures import _listed
from grassroots.demo.city import COUNTIES, generate_city
from grassroots.party.models import PartyMember, PartyOrg
from grassroots.units.models import Unit
from grassroots.volunteering.models import Occurrence, ServiceRecord, Volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    cases, members = Case.objects.count() + 600, PartyMember.objects.count() + 240
    volunteers = Volunteer.objects.count() + 48
    generate_city(
        cases=cases, members=members, volunteers=volunteers, shape=(1, 2, 1, 1), say=lambda _: None
    )
    return {"cases": cases, "members": members, "volunteers": volunteers}


def test_the_city_is_built_to_the_totals_asked(city):
    counties = Area.objects.filter(level=Area.Level.COUNTY)
    assert sorted(counties.values_list("name", flat=True)) == sorted(["夏县", *COUNTIES])
    assert list(Area.objects.filter(depth=1).values_list("name", flat=True)) == ["运城市"]
    assert Area.objects.find_problems() == (
        [],
        [],
        [],
        [],
        [],
    )  # paths, depths and child counts sound
    assert PartyOrg.objects.find_problems() == ([], [], [], [], [])
    assert Case.objects.count() == city["cases"]
    assert PartyMember.objects.count() == city["members"]
    assert Volunteer.objects.count() == city["volunteers"]  # 2 per community of 24
    new = counties.get(name="盐湖区")
    assert Case.objects.filter(area__path__startswith=new.path).exists()
    # Every county's departments came in through the unit ledger import, under the same names.
    courts = Unit.objects.filter(name="县人民法院").values_list("area__name", flat=True)
    assert sorted(courts) == sorted(["夏县", *COUNTIES])
    assert AuditEntry.objects.filter(action="import", detail__kind="units").count() >= 12
    held = Occurrence.objects.filter(activity__community__path__startswith=new.path)
    assert held.exists()
    assert ServiceRecord.objects.filter(
        enrollment__occurrence__activity__community__path__startswith=new.path
    ).exists()
    # Running it again adds nothing.
    generate_city(**city, shape=(1, 2, 1, 1), say=lambda _: None)
    assert counties.count() == 13 and Case.objects.count() == city["cases"]


def test_the_city_dashboard_sums_every_county(city, client):
    client.force_login(User.objects.get(username="cityadmin"))  # the city's organisation dept.
    tallies.refresh()
    stored, direct = tallies.stored(""), tallies.direct("", timezone.localdate())
    assert (stored.counts, stored.months, stored.rates, stored.by_scope, stored.by_unit) == (
        direct.counts,
        direct.months,
        direct.rates,
        direct.by_scope,
        direct.by_unit,
    )
    assert len(stored.by_scope) > 1  # the league of the city ranks its counties
    response = client.get("/dashboards/")  # the city's role: the city by default
    assert response.status_code == 200
    whole = Area.objects.get(level=Area.Level.CITY)
    assert response.context["area"] == whole
    assert client.get("/dashboards/?area=city").context["area"] == whole
    board = figures.dashboard(whole)
    year = {f.key: f.value for s in board["sections"] for f in s.figures}["cases_year"]
    assert year == Case.objects.filter(created_at__year=board["today"].year).count()
    checked = 0
    for section in board["sections"]:
        for f in section.figures:
            if f.counts:
                assert _listed(client, f.url) == f.value, (f.key, f.url)
                checked += 1
    assert checked == 5
    assert {a.name for a, _rates in board["league"]} == {"夏县", *COUNTIES}
    assert board["unit_league"]


def test_one_county_s_reader_has_no_city(city, client):
    client.force_login(User.objects.get(username="admin"))
    assert client.get("/dashboards/?area=city").status_code == 404
    whole = Area.objects.get(level=Area.Level.CITY)
    assert client.get(f"/dashboards/?area={whole.pk}").status_code == 404
    other = Area.objects.get(level=Area.Level.COUNTY, name="盐湖区")
    assert client.get(f"/dashboards/?area={other.pk}").status_code == 404
    assert client.get("/dashboards/").context["area"].name == "夏县"
