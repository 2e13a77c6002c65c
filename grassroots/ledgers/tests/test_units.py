from types import SimpleNamespace

import pytest

from grassroots.areas.models import Area
from grassroots.ledgers import resolving
from grassroots.ledgers.columns import UNITS
from grassroots.ledgers.importers import Issue, References, Row
from grassroots.ledgers.services import ImportResult
from grassroots.ledgers.tests.factories import UNIT, run_import
from grassroots.units.models import Unit

OTHER = {**UNIT, "单位编码": "11140829MB7654321B", "单位名称": "闻喜县第二中学", "类别": "县直单位"}


@pytest.mark.django_db
def test_units_import_creates_units_in_the_county_of_their_community(places):
    result = run_import("units", [UNIT, {**OTHER, "地址": None, "办公电话": None}])

    assert result == ImportResult("units", created=2, updated=0)
    unit = Unit.objects.get(code=UNIT["单位编码"])
    assert (unit.name, unit.kind, unit.area, unit.community) == (
        "闻喜县实验小学",
        Unit.Kind.STATIONED,
        places.county,
        places.community,
    )
    assert (unit.address, unit.phone) == ("县城中心街2号", "0359-6321234")
    other = Unit.objects.get(code=OTHER["单位编码"])
    assert (other.kind, other.address, other.phone) == (Unit.Kind.COUNTY_DEPARTMENT, "", "")


@pytest.mark.django_db
def test_reimporting_units_updates_by_code_and_never_duplicates(places):
    run_import("units", [UNIT])
    before = Unit.objects.count()

    result = run_import("units", [{**UNIT, "单位名称": "闻喜县实验学校", "类别": "企业"}])

    assert result == ImportResult("units", created=0, updated=1)
    assert Unit.objects.count() == before
    unit = Unit.objects.get(code=UNIT["单位编码"])
    assert (unit.name, unit.kind) == ("闻喜县实验学校", Unit.Kind.ENTERPRISE)


@pytest.mark.django_db
def test_duplicate_unit_codes_and_names_in_one_file_are_refused(places):
    before = Unit.objects.count()
    records = [
        UNIT,
        {**OTHER, "单位编码": UNIT["单位编码"]},
        {**OTHER, "单位名称": UNIT["单位名称"]},
    ]

    result = run_import("units", records)

    assert result.issues == (
        Issue(3, "单位编码", "Same as row 2: a file may list each record only once."),
        Issue(4, "单位名称", "Same as row 2: a file may list each record only once."),
    )
    assert Unit.objects.count() == before


@pytest.mark.django_db
def test_a_unit_name_held_by_another_code_is_refused(places):
    result = run_import("units", [{**UNIT, "单位名称": "北关社区卫生服务站"}])

    assert result.issues == (
        Issue(
            2,
            "单位名称",
            "Another unit of the county, with code LEDGER-001, already has this name.",
        ),
    )


@pytest.mark.django_db
def test_unit_kind_and_phone_cells_are_checked(places):
    result = run_import("units", [{**UNIT, "类别": "事业单位", "办公电话": "0359 转 88"}])

    assert result.issues == (
        Issue(2, "类别", "Write one of: 县直单位、市直单位、驻区单位、企业、社会组织."),
        Issue(2, "办公电话", "Write digits and hyphens only, such as 0359-6321234."),
    )


@pytest.mark.django_db
def test_with_several_counties_a_unit_must_name_its_community(places):
    Area.objects.add_child(places.city, instance=Area(name="绛县样例", level=Area.Level.COUNTY))

    result = run_import("units", [UNIT, {**OTHER, "报到社区": None}])

    assert result.issues == (
        Issue(
            3,
            "报到社区",
            "There are several counties: fill in the community so that the unit's county is known.",
        ),
    )
    assert not Unit.objects.filter(code=UNIT["单位编码"]).exists()


def _unit_row(community_name=None):
    return Row(2, {"code": "U1", "name": "某单位", "community_name": community_name})


def test_with_a_single_county_a_unit_without_community_belongs_to_it():
    county = SimpleNamespace(pk=9, path="0009", name="闻喜县")
    row = _unit_row()

    issues = resolving.resolve_references(UNITS, [row], References(counties=[county]))

    assert issues == []
    assert (row.values["area"], row.values["community"]) == (county, None)


def test_without_any_county_a_unit_cannot_be_placed():
    issues = resolving.resolve_references(UNITS, [_unit_row()], References())

    assert issues == [
        Issue(2, "报到社区", "No county exists yet: add the county to the area tree first.")
    ]


def test_a_unit_takes_the_county_above_its_community():
    counties = [SimpleNamespace(pk=1, path="0001"), SimpleNamespace(pk=2, path="0002")]
    community = SimpleNamespace(path="000200010003", name="北关社区")
    row = _unit_row("北关社区")
    refs = References(communities={"北关社区": [community]}, counties=counties)

    assert resolving.resolve_references(UNITS, [row], refs) == []
    assert (row.values["area"], row.values["community"]) == (counties[1], community)
