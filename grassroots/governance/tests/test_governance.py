"""Compound governance: 六有 figures from verified assessments (by hand on a small county, and
the demo's 106 of 106 against an independent count), verification rules, projects settling
demands, meetings with quorum and votes raising follow-up demands, and the disclosure scan."""

import datetime as dt
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.areas.models import Area
from grassroots.cases import services as case_services
from grassroots.cases.models import Case, Category
from grassroots.conftest import make_user
from grassroots.governance import selectors, services
from grassroots.governance.criteria import SIX_HAVE, THREE_WITHOUT
from grassroots.governance.models import Assessment, AssessmentItem, Disclosure
from grassroots.governance.services import GovernanceRefused, ItemInput
from grassroots.governance.tests.test_scanning import xlsx
from grassroots.people.models import Person

pytestmark = pytest.mark.django_db


def _assess(actor, compound, cset, day, no=(), verifier=None):
    items = {
        c.pk: ItemInput("no" if c.code in no else "yes", "" if c.code in no else "现场核实")
        for c in selectors.active_criteria(cset)
    }
    a = services.record_assessment(
        actor=actor, compound=compound, criteria_set=cset, assessed_on=day, items=items
    )
    if verifier is not None:
        services.verify_assessment(actor=verifier, assessment=a)
    return a


def _month(n: int) -> dt.date:
    """The first day of the month `n` months from this one."""
    return timezone.localdate().replace(day=1) + relativedelta(months=n)


def test_six_have_figures_by_hand(six, community, compound, two_compounds, staff_user, secretary):
    east, west = two_compounds
    # East: six months ago it lacked funding and rules; three months ago it had everything.
    first = _month(-6) + dt.timedelta(days=9)
    _assess(staff_user, east, six, first, no=("funding", "rules"), verifier=secretary)
    _assess(staff_user, east, six, _month(-3) + dt.timedelta(days=19), verifier=secretary)
    # West: six months ago it lacked a venue; a later full assessment is not verified yet
    # (it does not count).
    _assess(
        staff_user, west, six, _month(-6) + dt.timedelta(days=11), no=("venue",), verifier=secretary
    )
    _assess(staff_user, west, six, _month(-1))
    # The compound fixture (幸福小区) is never assessed.
    total = selectors.summary(six, community)
    assert (total.compounds, total.assessed, total.whole) == (3, 2, 1)
    assert (total.lapsed, total.due) == (0, 0)
    lacking = {c.code: n for c, n in total.lacking_list()}
    # 幸福小区 (unassessed) lacks all six; west lacks the venue.
    assert lacking == {
        "organisation": 1,
        "people": 1,
        "rules": 1,
        "property_service": 1,
        "venue": 2,
        "funding": 1,
    }
    assert total.share == round(100 / 3, 1)
    rows = selectors.compound_rows(
        six, selectors.compounds_under(community), missing=six.items.get(code="venue")
    )
    assert [r.compound.name for r in rows] == ["幸福小区", "西园小区"]
    series = dict(selectors.progress(six, community, months=8))
    assert min(series) == _month(-6) and max(series) == _month(0)
    assert series[_month(-6)] == 0 and series[_month(-4)] == 0
    assert series[_month(-3)] == 1 and series[_month(0)] == 1


def test_the_county_view_splits_by_community(
    six, county, street, community, other_community, staff_user
):
    south = Area.objects.add_child(
        other_community, instance=Area(name="南苑", level=Area.Level.COMPOUND)
    )
    admin = make_user("county1", Role.COUNTY_ADMIN, area=county)
    east = Area.objects.add_child(community, instance=Area(name="东苑", level=Area.Level.COMPOUND))
    _assess(
        admin,
        east,
        six,
        _month(-2),
        verifier=make_user("county2", Role.COUNTY_ADMIN, area=county),
    )
    total = selectors.summary(six, county)
    assert (total.compounds, total.whole) == (2, 1)
    for area in (county, street):  # split by community from the county and from the street
        by_community = {
            s.area.name: (s.compounds, s.whole) for s in selectors.summary(six, area).children
        }
        assert by_community == {"北关社区": (1, 1), "南关社区": (1, 0)}
    assert selectors.summary(six, community).children == []
    assert south.pk not in selectors.latest(six, [south])


def test_verification_rules(six, compound, staff_user, secretary):
    a = _assess(staff_user, compound, six, dt.date(2025, 3, 1))
    with pytest.raises(GovernanceRefused) as staff_cannot:
        services.verify_assessment(actor=staff_user, assessment=a)
    assert staff_cannot.value.code == "forbidden"
    own = _assess(secretary, compound, six, dt.date(2025, 3, 2))
    with pytest.raises(GovernanceRefused) as not_own:
        services.verify_assessment(actor=secretary, assessment=own)
    assert "记录人" in not_own.value.message
    services.verify_assessment(actor=secretary, assessment=a)
    assert set(a.items.values_list("verified_by", flat=True)) == {secretary.pk}
    with pytest.raises(GovernanceRefused):
        services.verify_assessment(actor=secretary, assessment=a)
    # A yes needs evidence; every item needs a status.
    criteria = selectors.active_criteria(six)
    with pytest.raises(GovernanceRefused) as bare:
        services.record_assessment(
            actor=staff_user,
            compound=compound,
            criteria_set=six,
            assessed_on=dt.date(2025, 4, 1),
            items={c.pk: ItemInput("yes") for c in criteria},
        )
    assert criteria[0].name in bare.value.message
    with pytest.raises(GovernanceRefused):
        services.record_assessment(
            actor=staff_user,
            compound=compound,
            criteria_set=six,
            assessed_on=dt.date(2025, 4, 1),
            items={c.pk: ItemInput("no") for c in criteria[:-1]},
        )
    assert Assessment.objects.filter(compound=compound).count() == 2  # nothing half-written


def test_the_demo_reaches_106_of_106():
    """Independently of the selectors: the latest verified 六有 assessment per compound, by a
    query, whether any of its items is not yes, and whether it is still in date (the demo's
    compounds are re-checked before their verification lapses)."""
    six = selectors.criteria_set(SIX_HAVE)
    latest_days = (
        Assessment.objects.filter(criteria_set=six, verified_at__isnull=False)
        .values("compound")
        .annotate(day=Max("assessed_on"))
    )
    whole = 0
    for row in latest_days:
        last = (
            Assessment.objects.filter(
                criteria_set=six,
                compound_id=row["compound"],
                assessed_on=row["day"],
                verified_at__isnull=False,
            )
            .order_by("-pk")
            .first()
        )
        in_date = last.assessed_on > timezone.localdate() - relativedelta(
            months=settings.SIX_HAVE_VALID_MONTHS
        )
        whole += in_date and not (
            AssessmentItem.objects.filter(assessment=last).exclude(status="yes").exists()
        )
    compounds = Area.objects.filter(level="compound").count()
    assert compounds == 106 and whole == 106
    county = Area.objects.get(level="county")
    total = selectors.summary(six, county)
    assert (total.compounds, total.whole) == (compounds, whole)
    # The 三无 compounds: 15 at the March 2025 census, none now.
    three = selectors.criteria_set(THREE_WITHOUT)
    series = dict(selectors.progress(three, county, months=24))
    census = Assessment.objects.filter(criteria_set=three, assessed_on=dt.date(2025, 3, 10))
    assert series[dt.date(2025, 3, 1)] == census.count() == 15
    assert selectors.summary(three, county).whole == 0
    # The baseline was not whole: the progress figure actually moved.
    assert (
        series[dt.date(2025, 3, 1)] < 106
        and dict(selectors.progress(six, county, months=24))[dt.date(2025, 3, 1)] < 106
    )


@pytest.fixture
def category():
    return Category.objects.get(code="drainage")


def _in_progress_case(compound, category, secretary, liaison_unit):
    resident = make_user(f"r{Case.objects.count()}", Role.RESIDENT, area=compound)
    case = case_services.submit_case(
        actor=resident,
        kind="problem",
        category=category,
        title="没有下水道",
        description="小区没有下水道，排污难。",
        area=compound,
    )
    case_services.triage_case(actor=secretary, case=case)
    case_services.dispatch_case(actor=secretary, case=case, lead=liaison_unit)
    liaison = make_user(f"l{Case.objects.count()}", Role.UNIT_LIAISON, unit=liaison_unit)
    liaison_unit.liaisons.add(liaison)
    case_services.accept_case(actor=liaison, case=case)
    case.refresh_from_db()
    return case


def test_a_project_takes_in_demands_and_settles_them(
    county, compound, category, secretary, staff_user
):
    from grassroots.units.models import Unit

    unit = Unit.objects.create(name="测试水务局", code="T-WATER", area=county)
    case = _in_progress_case(compound, category, secretary, unit)
    waiting = case_services.submit_case(
        actor=make_user("r_wait", Role.RESIDENT, area=compound),
        kind="problem",
        category=category,
        title="路面破损",
        description="路面破损。",
        area=compound,
    )
    today = timezone.localdate()
    with pytest.raises(GovernanceRefused) as not_handled:
        services.create_project(
            actor=staff_user,
            compound=compound,
            title="整治",
            starts_on=today,
            due_on=today + dt.timedelta(days=39),
            tasks=[("下水道铺设", "1000")],
            cases=[waiting],
        )
    assert waiting.reference in not_handled.value.message
    project = services.create_project(
        actor=staff_user,
        compound=compound,
        title="幸福小区整治提升",
        starts_on=today,
        due_on=today + dt.timedelta(days=39),
        tasks=[("下水道铺设", "120000"), ("路面硬化", "95000.50")],
        cases=[case],
    )
    assert project.budget == Decimal("215000.50") and project.days == 40
    first, second = project.tasks.all()
    services.update_task(actor=staff_user, task=first, spent=Decimal("118500"), done=True)
    with pytest.raises(GovernanceRefused) as open_task:
        services.complete_project(actor=staff_user, project=project)
    assert "路面硬化" in open_task.value.message
    services.update_task(actor=staff_user, task=second, spent=Decimal("92800"), done=True)
    settled = services.complete_project(actor=staff_user, project=project)
    case.refresh_from_db()
    assert settled == [case] and case.status == "revisiting"
    assert "幸福小区整治提升" in case.completion_note
    assert list(case.events.values_list("action", flat=True))[-2:] == ["complete", "verify_ok"]
    with pytest.raises(GovernanceRefused):
        services.complete_project(actor=staff_user, project=project)


def _residents(compound, n):
    return [Person.objects.create(name=f"居民{i}", home_area=compound) for i in range(n)]


def test_meeting_quorum_votes_and_follow_up(community, compound, category, staff_user):
    people = _residents(compound, 12)
    held = timezone.now() - dt.timedelta(days=1)
    meeting = services.record_meeting(
        actor=staff_user,
        compound=compound,
        title="停车位议事会",
        held_at=held,
        agenda="一、停车位划线",
        quorum=10,
        attendees=people[:11],
    )
    passed = services.record_decision(
        actor=staff_user,
        meeting=meeting,
        text="划定停车位40个",
        votes_for=6,
        votes_against=3,
        votes_abstain=2,
    )
    tie = services.record_decision(
        actor=staff_user,
        meeting=meeting,
        text="收取停车费",
        votes_for=5,
        votes_against=5,
        votes_abstain=1,
    )
    assert passed.passed and not tie.passed  # 6 of 11 is a majority, 5 of 11 is not
    with pytest.raises(GovernanceRefused):
        services.record_decision(
            actor=staff_user,
            meeting=meeting,
            text="多计票",
            votes_for=12,
            votes_against=0,
            votes_abstain=0,
        )
    small = services.record_meeting(
        actor=staff_user,
        compound=compound,
        title="临时会",
        held_at=held,
        agenda="议题",
        quorum=10,
        attendees=people[:9],
    )
    unanimous = services.record_decision(
        actor=staff_user,
        meeting=small,
        text="全票通过的事",
        votes_for=9,
        votes_against=0,
        votes_abstain=0,
    )
    assert not unanimous.passed  # 9 present, quorum 10: the vote does not count
    case = services.raise_follow_up(
        actor=staff_user, decision=passed, category=category, description="按议事会决定划线。"
    )
    assert case.channel == "deliberation" and case.status == "submitted"
    assert list(passed.cases.all()) == [case]
    with pytest.raises(GovernanceRefused):
        services.raise_follow_up(actor=staff_user, decision=tie, category=category, description="")
    stranger = Person.objects.create(name="外人", home_area=community)
    with pytest.raises(GovernanceRefused):
        services.record_meeting(
            actor=staff_user,
            compound=compound,
            title="会",
            held_at=held,
            agenda="议题",
            quorum=1,
            attendees=[stranger],
        )


def test_the_disclosure_scan_catches_a_phone_and_an_id_number(client, compound, staff_user):
    draft = services.draft_disclosure(
        actor=staff_user,
        area=compound,
        category="finance",
        title="2026年第三季度财务公开",
        body="收入12万元。联系人王师傅，电话139 1234 5678。",
        period="2026年第三季度",
        files=[SimpleUploadedFile("低保名单-140828199001011234.xlsx", xlsx(("户数", 12)))],
    )
    with pytest.raises(GovernanceRefused) as caught:
        services.publish_disclosure(actor=staff_user, disclosure=draft)
    problems = caught.value.fields["problems"]
    assert len(problems) == 2
    assert any("手机号" in p and "139****5678" in p for p in problems)
    assert any("身份证号" in p and "低保名单" in p for p in problems)
    draft.refresh_from_db()
    assert draft.status == "draft"
    client.logout()
    assert (
        "2026年第三季度财务公开"
        not in client.get(f"/governance/public/{compound.pk}/").content.decode()
    )

    services.edit_disclosure(
        actor=staff_user,
        disclosure=draft,
        title=draft.title,
        body="收入12万元。联系社区办公室。",
        period=draft.period,
    )
    services.remove_attachment(actor=staff_user, attachment=draft.attachments.get())
    services.publish_disclosure(actor=staff_user, disclosure=draft)
    draft.refresh_from_db()
    assert draft.status == Disclosure.Status.PUBLISHED and draft.published_by == staff_user
    page = client.get(f"/governance/public/{compound.pk}/")
    assert page.status_code == 200 and "2026年第三季度财务公开" in page.content.decode()
