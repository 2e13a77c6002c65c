import pytest
from django.utils import timezone

from grassroots.areas.models import Area
from grassroots.core.models import AuditEntry
from grassroots.ledgers.importers import Issue
from grassroots.ledgers.services import ImportResult
from grassroots.ledgers.tests.factories import RESIDENT, run_import
from grassroots.people.models import Household, Person

SECOND = {**RESIDENT, "姓名": "王五", "性别": "女", "身份证号": "14082919700203002X"}
SECOND.update({"手机号": None, "门牌号": "1单元102"})


def ours():
    """The people these tests import (the demo county's ID numbers start 140828)."""
    return Person.objects.filter(id_number__startswith="140829").order_by("id_number")


@pytest.mark.django_db
def test_clean_residents_file_creates_people_in_their_households(places):
    result = run_import("residents", [RESIDENT, SECOND])

    assert result == ImportResult("residents", created=2, updated=0)
    first, second = ours().order_by("id")
    assert (first.name, first.gender, first.birth_year, first.mobile) == (
        "张三",
        "M",
        1965,
        "13912345678",
    )
    assert (first.home_area, first.household.building, first.household.door) == (
        places.building,
        places.building,
        "1单元101",
    )
    assert (second.gender, second.id_number, second.mobile, second.household.door) == (
        "F",
        "14082919700203002X",
        "",
        "1单元102",
    )


@pytest.mark.django_db
def test_reimporting_residents_updates_and_never_duplicates(places):
    run_import("residents", [RESIDENT, SECOND])

    result = run_import("residents", [{**RESIDENT, "手机号": "13700000000"}, SECOND])

    assert result == ImportResult("residents", created=0, updated=2)
    assert ours().count() == 2
    assert Household.objects.filter(building=places.building).count() == 2
    assert ours().get(id_number=RESIDENT["身份证号"]).mobile == "13700000000"


@pytest.mark.django_db
def test_a_blank_optional_cell_keeps_the_stored_value(places):
    run_import("residents", [RESIDENT])

    run_import("residents", [{**RESIDENT, "手机号": None}])

    assert ours().get().mobile == "13912345678"


@pytest.mark.django_db
def test_the_birth_year_comes_from_the_id_number_when_blank(places):
    run_import("residents", [{**RESIDENT, "出生年份": None}])

    assert ours().get().birth_year == 1965


@pytest.mark.django_db
def test_one_bad_row_imports_nothing_and_the_report_names_row_column_and_reason(places):
    bad = {**SECOND, "手机号": "2391234", "姓名": None}

    result = run_import("residents", [RESIDENT, bad])

    assert not result.ok
    assert result.issues == (
        Issue(3, "姓名", "This cell is required."),
        Issue(3, "手机号", "A mobile number has 11 digits and starts with 1."),
    )
    assert (result.created, result.updated) == (0, 0)
    assert not ours().exists()
    assert not Household.objects.filter(building=places.building).exists()
    assert not AuditEntry.objects.filter(action="import").exists()


@pytest.mark.django_db
def test_cell_checks_report_their_reasons(places):
    bad = {**RESIDENT, "性别": "M", "出生年份": 1850, "身份证号": "14082919650315001"}

    result = run_import("residents", [bad])

    this_year = timezone.localdate().year
    assert result.issues == (
        Issue(2, "性别", "Write one of: 男、女."),
        Issue(2, "出生年份", f"Write a year from 1900 to {this_year}, such as 1990."),
        Issue(2, "身份证号", "An ID number has 18 characters: 17 digits and a final digit or X."),
    )


@pytest.mark.django_db
def test_an_id_number_typed_as_a_number_is_refused(places):
    result = run_import("residents", [{**RESIDENT, "身份证号": 140829196503150012}])

    assert result.issues == (
        Issue(
            2,
            "身份证号",
            "Enter the ID number as text (format the column as Text): Excel rounds long numbers.",
        ),
    )


@pytest.mark.django_db
def test_a_lowercase_x_in_the_id_number_is_stored_upper_case(places):
    run_import("residents", [{**RESIDENT, "身份证号": "14082919700203002x"}])

    assert ours().get().id_number == "14082919700203002X"


@pytest.mark.django_db
def test_the_same_id_number_twice_in_one_file_is_refused(places):
    result = run_import("residents", [RESIDENT, {**SECOND, "身份证号": RESIDENT["身份证号"]}])

    assert result.issues == (
        Issue(3, "身份证号", "Same as row 2: a file may list each record only once."),
    )
    assert not ours().exists()


@pytest.mark.django_db
def test_unknown_community_compound_and_building_are_reported(places):
    records = [
        {**RESIDENT, "社区": "东关社区"},
        {**SECOND, "小区": "阳光小区"},
        {**RESIDENT, "身份证号": "140829196503150039", "楼栋": "9号楼"},
    ]

    result = run_import("residents", records)

    assert result.issues == (
        Issue(2, "社区", "No community named “东关社区” exists in the areas you may import to."),
        Issue(3, "小区", "Community “北关社区” has no compound named “阳光小区”."),
        Issue(4, "楼栋", "Compound “幸福小区” has no building named “9号楼”."),
    )
    assert not ours().exists()


@pytest.mark.django_db
def test_two_communities_of_one_name_are_ambiguous(places):
    other_street = Area.objects.add_child(
        places.county, instance=Area(name="东镇", level=Area.Level.STREET)
    )
    Area.objects.add_child(other_street, instance=Area(name="北关社区", level=Area.Level.COMMUNITY))

    result = run_import("residents", [RESIDENT])

    assert result.issues == (
        Issue(
            2,
            "社区",
            "Several communities are named “北关社区”; rename them apart in the area tree first.",
        ),
    )
