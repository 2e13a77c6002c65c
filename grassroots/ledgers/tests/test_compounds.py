import pytest

from grassroots.areas.models import Area
from grassroots.ledgers.importers import Issue
from grassroots.ledgers.services import ImportResult
from grassroots.ledgers.tests.factories import COMPOUND, run_import


def compounds_of(community):
    return Area.objects.filter(path__startswith=community.path, level=Area.Level.COMPOUND)


@pytest.mark.django_db
def test_compounds_import_creates_new_and_updates_existing_compounds(places):
    existing = {**COMPOUND, "小区名称": "幸福小区", "统计代码": "140829100001", "户数": None}

    result = run_import("compounds", [COMPOUND, existing])

    assert result == ImportResult("compounds", created=1, updated=1)
    new = compounds_of(places.community).get(name="和平小区")
    assert Area.objects.get_parent(new) == places.community
    assert (new.code, new.build_year, new.households, new.address) == (
        "140829100002",
        1988,
        96,
        "北关街20号",
    )
    assert (new.no_property_management, new.no_responsible_department, new.no_security) == (
        True,
        True,
        False,
    )
    assert new.is_three_without is False
    places.compound.refresh_from_db()
    assert (places.compound.code, places.compound.households) == ("140829100001", None)
    assert list(Area.objects.get_children(places.compound)) == [places.building]


@pytest.mark.django_db
def test_reimporting_compounds_never_duplicates(places):
    records = [COMPOUND, {**COMPOUND, "小区名称": "安居小区", "统计代码": None, "无人防物防": "是"}]
    run_import("compounds", records)

    result = run_import("compounds", records)

    assert result == ImportResult("compounds", created=0, updated=2)
    assert sorted(compounds_of(places.community).values_list("name", flat=True)) == [
        "和平小区",
        "安居小区",
        "幸福小区",
    ]
    assert compounds_of(places.community).get(name="安居小区").is_three_without
    places.community.refresh_from_db()
    assert places.community.numchild == 3


@pytest.mark.django_db
def test_compound_codes_are_checked(places):
    places.building.code = "140829100002"
    places.building.save()
    records = [COMPOUND, {**COMPOUND, "小区名称": "安居小区", "统计代码": "14082910000"}]

    result = run_import("compounds", records)

    assert result.issues == (
        Issue(2, "统计代码", "The statistical code already belongs to “1号楼”."),
        Issue(3, "统计代码", "A statistical code has exactly 12 digits."),
    )
    assert compounds_of(places.community).count() == 1


@pytest.mark.django_db
def test_the_same_compound_twice_in_one_file_is_refused(places):
    result = run_import("compounds", [COMPOUND, {**COMPOUND, "统计代码": None}])

    assert result.issues == (
        Issue(3, "小区名称", "Same as row 2: a file may list each record only once."),
    )


@pytest.mark.django_db
def test_a_compound_in_an_unknown_community_is_refused(places):
    result = run_import("compounds", [{**COMPOUND, "社区": "南关社区", "户数": -3}])

    assert result.issues == (
        Issue(2, "社区", "No community named “南关社区” exists in the areas you may import to."),
        Issue(2, "户数", "Write a whole number from 0 to 100000."),
    )
