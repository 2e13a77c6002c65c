import datetime as dt

import pytest

from grassroots.areas.models import Area
from grassroots.ledgers.importers import Issue
from grassroots.ledgers.services import ImportResult
from grassroots.ledgers.tests.factories import PARTY_MEMBER, RESIDENT, run_import
from grassroots.party.models import PartyMember, PartyOrg
from grassroots.people.models import Person

SECOND_ID = "140829197802140036"


def members():
    return PartyMember.objects.filter(person__id_number__startswith="140829")


def people():
    return Person.objects.filter(id_number__startswith="140829")


@pytest.mark.django_db
def test_party_members_import_creates_the_person_and_the_member(places):
    result = run_import("party_members", [PARTY_MEMBER])

    assert result == ImportResult("party_members", created=1, updated=0)
    member = members().select_related("person").get()
    person = member.person
    assert (person.name, person.gender, person.mobile, person.birth_year) == (
        "李四",
        "F",
        "13987654321",
        1978,
    )
    assert (person.home_area, member.home_compound) == (places.compound, places.compound)
    assert (member.org, member.workplace, member.in_service) == (places.org, places.unit, True)
    assert member.joined_on == dt.date(2001, 7, 1)
    assert (member.building_group_leader, member.central_household) == (False, True)


@pytest.mark.django_db
def test_a_resident_who_is_a_member_stays_one_person_in_their_building(places):
    run_import("residents", [{**RESIDENT, "身份证号": PARTY_MEMBER["身份证号"], "性别": "女"}])

    result = run_import("party_members", [PARTY_MEMBER])

    assert result == ImportResult("party_members", created=1, updated=0)
    person = people().get()
    assert (person.name, person.mobile, person.home_area) == (
        "李四",
        "13987654321",
        places.building,
    )
    assert person.household.door == "1单元101"


@pytest.mark.django_db
def test_reimporting_party_members_updates_and_never_duplicates(places):
    run_import("party_members", [{**PARTY_MEMBER, "楼栋党小组长": "是"}])

    result = run_import("party_members", [{**PARTY_MEMBER, "是否在职": "否", "楼栋党小组长": None}])

    assert result == ImportResult("party_members", created=0, updated=1)
    assert (people().count(), members().count()) == (1, 1)
    member = members().get()
    assert (member.in_service, member.building_group_leader) == (False, False)


@pytest.mark.django_db
def test_a_member_moving_to_another_compound_leaves_the_old_household(places):
    run_import("residents", [{**RESIDENT, "身份证号": PARTY_MEMBER["身份证号"]}])
    other = Area.objects.add_child(
        places.community, instance=Area(name="和平小区", level=Area.Level.COMPOUND)
    )

    run_import("party_members", [{**PARTY_MEMBER, "居住小区": "和平小区"}])

    person = people().get()
    assert (person.home_area, person.household) == (other, None)
    assert members().get().home_compound == other


@pytest.mark.django_db
def test_unknown_or_ambiguous_party_orgs_and_unknown_units_are_reported(places):
    for area in (places.community, places.compound):
        PartyOrg.objects.add_root(
            instance=PartyOrg(name="北关第一党小组", kind=PartyOrg.Kind.GROUP, area=area)
        )
    records = [
        {**PARTY_MEMBER, "所属党组织": "南关社区党支部", "工作单位": "闻喜县水利局"},
        {**PARTY_MEMBER, "身份证号": SECOND_ID, "所属党组织": "北关第一党小组"},
    ]

    result = run_import("party_members", records)

    assert result.issues == (
        Issue(
            2,
            "所属党组织",
            "No party organisation named “南关社区党支部” exists in the areas you may import to.",
        ),
        Issue(2, "工作单位", "No unit named “闻喜县水利局” exists in the areas you may import to."),
        Issue(
            3,
            "所属党组织",
            "Several party organisations are named “北关第一党小组”; rename them apart first.",
        ),
    )
    assert not people().exists()


@pytest.mark.django_db
def test_yes_no_and_date_cells_are_checked(places):
    bad = {**PARTY_MEMBER, "是否在职": None, "党员中心户": "有", "入党日期": "2001年13月1日"}

    result = run_import("party_members", [bad])

    assert result.issues == (
        Issue(2, "是否在职", "This cell is required."),
        Issue(2, "入党日期", "Write a date such as 2001-07-01."),
        Issue(2, "党员中心户", "Write “是” or “否”."),
    )


@pytest.mark.django_db
def test_joining_dates_may_be_excel_dates_or_chinese_text(places):
    records = [
        {**PARTY_MEMBER, "入党日期": dt.datetime(1999, 12, 1)},  # noqa: DTZ001 - as Excel stores it
        {**PARTY_MEMBER, "身份证号": SECOND_ID, "入党日期": "1985年7月1日"},
    ]

    assert run_import("party_members", records).ok

    assert sorted(members().values_list("joined_on", flat=True)) == [
        dt.date(1985, 7, 1),
        dt.date(1999, 12, 1),
    ]


@pytest.mark.django_db
def test_a_joining_date_before_the_party_was_founded_is_refused(places):
    result = run_import("party_members", [{**PARTY_MEMBER, "入党日期": "1920-01-01"}])

    (issue,) = result.issues
    assert (issue.row, issue.column) == (2, "入党日期")
    assert issue.message.startswith("Write a date from 1921-07-01 to ")
