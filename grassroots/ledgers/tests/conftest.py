"""A small county for ledger imports: one community, a compound, a building, an org and a unit.

The suite's database also holds the demo county (夏县), so every name here differs from it and
tests count only their own rows.
"""

from types import SimpleNamespace

import pytest
from django.utils import translation

from grassroots.accounts.models import Role, RoleAssignment, User
from grassroots.areas.models import Area
from grassroots.ledgers.tests.factories import english_client
from grassroots.party.models import PartyOrg
from grassroots.units.models import Unit


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English, whatever the zh-hans catalogue later translates."""
    with translation.override("en"):
        yield


@pytest.fixture
def places(city):
    county = Area.objects.add_child(city, instance=Area(name="闻喜县", level=Area.Level.COUNTY))
    city.refresh_from_db()
    street = Area.objects.add_child(county, instance=Area(name="桐城镇", level=Area.Level.STREET))
    community = Area.objects.add_child(
        street, instance=Area(name="北关社区", level=Area.Level.COMMUNITY)
    )
    compound = Area.objects.add_child(
        community, instance=Area(name="幸福小区", level=Area.Level.COMPOUND)
    )
    building = Area.objects.add_child(
        compound, instance=Area(name="1号楼", level=Area.Level.BUILDING)
    )
    org = PartyOrg.objects.add_root(
        instance=PartyOrg(name="北关社区党支部", kind=PartyOrg.Kind.BRANCH, area=community)
    )
    unit = Unit.objects.create(
        name="北关社区卫生服务站", code="LEDGER-001", kind=Unit.Kind.STATIONED, area=county
    )
    return SimpleNamespace(
        city=city,
        county=county,
        street=street,
        community=community,
        compound=compound,
        building=building,
        org=org,
        unit=unit,
    )


@pytest.fixture
def staff(places):
    """The county's organisation department: it imports the county's ledgers."""
    user = User.objects.create_user(username="ledger-staff", password="pw-staff", is_staff=True)
    RoleAssignment.objects.create(user=user, role=Role.COUNTY_ADMIN, area=places.county)
    return user


@pytest.fixture
def staff_client(staff):
    return english_client(staff)
