import pytest
from django.db.models import Count

from grassroots.accounts.models import Role, RoleAssignment, User
from grassroots.areas.models import Area, Grid
from grassroots.demo import data
from grassroots.demo.seed import seed_demo
from grassroots.party.models import PartyMember
from grassroots.people.models import Person
from grassroots.units.models import Unit

pytestmark = pytest.mark.django_db


def _county():
    return Area.objects.get(code="140828000000")


def _counts():
    county = _county()
    compounds = Area.objects.filter(path__startswith=county.path, level=Area.Level.COMPOUND)
    return {
        "compounds": compounds.count(),
        "three_without": compounds.filter(
            no_property_management=True, no_responsible_department=True, no_security=True
        ).count(),
        "units": Unit.objects.filter(area=county).count(),
        "in_service": PartyMember.objects.filter(
            in_service=True, home_compound__path__startswith=county.path
        ).count(),
        "people": Person.objects.count(),
        "grids": Grid.objects.count(),
        "users": User.objects.count(),
        "areas": Area.objects.count(),
    }


def test_demo_county_has_the_figures_of_the_source():
    counts = _counts()
    assert counts["compounds"] == 106
    assert counts["three_without"] == 15
    assert counts["units"] == 82
    assert counts["in_service"] == 1546


def test_named_places_and_units_are_there():
    names = set(Area.objects.values_list("name", flat=True))
    assert {"城北社区", "城西社区", "城南社区", "骨科小区", "福瑞家园", "火神庙后巷小区"} <= names
    assert {"晋新小区", "禹泽苑", "梧桐苑"} <= names
    units = set(Unit.objects.values_list("name", flat=True))
    assert {"县委组织部", "县中医医院", "县人民法院", "县市场监管局", "县文联"} <= units
    assert Area.objects.get(name="骨科小区").is_three_without
    assert Area.objects.get(name="火神庙后巷小区").is_three_without


def test_every_member_has_a_workplace_and_a_home_compound():
    assert not PartyMember.objects.filter(workplace__isnull=True).exists()
    assert set(PartyMember.objects.values_list("home_compound__level", flat=True)) == {"compound"}
    # Every unit has members reporting from it.
    per_unit = Unit.objects.annotate(n=Count("members_at_work")).filter(n=0)
    assert not per_unit.exists()


def test_second_run_changes_nothing():
    before = _counts()
    seed_demo()
    assert _counts() == before


def test_one_demo_login_per_role():
    roles = set(
        RoleAssignment.objects.filter(user__username__in=[u for u, *_ in data.LOGINS]).values_list(
            "role", flat=True
        )
    )
    assert roles == set(Role.values)
    for username, *_ in data.LOGINS:
        assert User.objects.get(username=username).check_password(data.PASSWORD)


def test_grid_workers_serve_buildings_of_their_own_community():
    for grid in Grid.objects.select_related("community"):
        assert grid.workers.exists()
        paths = grid.buildings.values_list("path", flat=True)
        assert paths and all(p.startswith(grid.community.path) for p in paths)
