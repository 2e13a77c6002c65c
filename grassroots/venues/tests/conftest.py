"""The outsiders of the venues tests: another county's administrator, and the test county's
auditor (who reads everything there and changes nothing)."""

import pytest

from grassroots.accounts.models import Role
from grassroots.areas.models import Area
from grassroots.conftest import make_user


@pytest.fixture
def other_county_user(city):
    other = Area.objects.add_child(
        city, instance=Area(name="邻县", level=Area.Level.COUNTY, code="140898000000")
    )
    city.refresh_from_db()
    return make_user("venues_neighbour", Role.COUNTY_ADMIN, area=other)


@pytest.fixture
def auditor_user(county):
    return make_user("venues_auditor", Role.AUDITOR, area=county)
