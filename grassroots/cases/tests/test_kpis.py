"""The three rates (三率) on hand-computed examples, in a test county of their own.

The demo county's cases are elsewhere in the tree, so every figure below is exact.
"""

import datetime as dt
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.areas.models import Area
from grassroots.cases import services
from grassroots.cases.kpis import (
    formula_for,
    period_bounds,
    rates_by_area,
    rates_by_unit,
    rates_for,
)
from grassroots.cases.models import Case, Event, RateFormula
from grassroots.cases.tests import factories as f
from grassroots.conftest import make_user

pytestmark = pytest.mark.django_db


@dataclass
class People:
    admin: object  # county admin of the test county: triages, dispatches, verifies, withdraws
    resident: object  # reports and rates
    liaison: object  # the liaison of the county's 县中医医院 signs for what is dispatched to it
    claimer: object  # a liaison of the county's 县委组织部 claims published cases
    hospital: object  # the test county's 县中医医院


@pytest.fixture
def people(county, compound):
    # No configured formula: the defaults (version 0) are in force unless a test adds one.
    RateFormula.objects.all().delete()
    hospital = f.county_unit(county, "县中医医院")
    return People(
        admin=make_user("rates_admin", Role.COUNTY_ADMIN, area=county),
        resident=make_user("rates_resident", Role.RESIDENT, area=compound),
        liaison=make_user("rates_liaison", Role.UNIT_LIAISON, unit=hospital),
        claimer=make_user(
            "rates_claimer", Role.UNIT_LIAISON, unit=f.county_unit(county, "县委组织部")
        ),
        hospital=hospital,
    )


def accepted(people: People, compound: Area) -> Case:
    case = services.submit_case(
        actor=people.resident,
        kind=Case.Kind.PROBLEM,
        category=f.category(),
        title="路灯不亮",
        description="小区主路路灯不亮。",
        area=compound,
    )
    return services.triage_case(actor=people.admin, case=case)


def dispatched(people: People, compound: Area, *, late: bool = False) -> Case:
    """Dispatched to 县中医医院; `late`: its sign-by time already passed."""
    case = accepted(people, compound)
    services.dispatch_case(actor=people.admin, case=case, lead=people.hospital)
    if late:
        past = timezone.now() - timedelta(hours=1)
        Case.objects.filter(pk=case.pk).update(sign_due_at=past)
    case.refresh_from_db()
    return case


def finish(people: People, case: Case, rating: str, *, taker=None) -> Case:
    """The taker reports it handled, the admin verifies it, the resident rates it."""
    services.complete_case(actor=taker or people.liaison, case=case, note="已修好")
    services.verify_case(actor=people.admin, case=case, ok=True)
    return services.rate_case(actor=people.resident, case=case, rating=rating)


def build_example(people: People, compound: Area) -> dict[str, Case]:
    """Seven demands in one compound, with the outcomes the hand computations below rely on."""
    cases = {}
    # A: dispatched, signed in time, handled, verified, rated satisfied.
    cases["A"] = finish(
        people,
        services.accept_case(actor=people.liaison, case=dispatched(people, compound)),
        "satisfied",
    )
    # B: published, claimed (signed) in time by 县委组织部, closed, rated basically satisfied.
    b = services.publish_case(actor=people.admin, case=accepted(people, compound))
    b = services.claim_case(actor=people.claimer, case=b)
    cases["B"] = finish(people, b, "basically", taker=people.claimer)
    # C: dispatched, signed after its sign-by time, closed, rated dissatisfied.
    c = services.accept_case(actor=people.liaison, case=dispatched(people, compound, late=True))
    cases["C"] = finish(people, c, "dissatisfied")
    # D: dispatched, signed in time, still in progress.
    cases["D"] = services.accept_case(actor=people.liaison, case=dispatched(people, compound))
    # E: dispatched, withdrawn before its sign-by time.
    cases["E"] = services.withdraw_case(actor=people.admin, case=dispatched(people, compound))
    # F: dispatched, never signed, its sign-by time passed.
    cases["F"] = dispatched(people, compound, late=True)
    # G: dispatched, signed in time, reported handled, failed verification (back in progress).
    g = services.accept_case(actor=people.liaison, case=dispatched(people, compound))
    services.complete_case(actor=people.liaison, case=g, note="已修好")
    cases["G"] = services.verify_case(actor=people.admin, case=g, ok=False, note="还是不亮")
    return cases


@pytest.fixture
def example(people, compound):
    return build_example(people, compound)


@pytest.fixture
def other_compound(other_community):
    return Area.objects.add_child(
        other_community, instance=Area(name="南关小区", level=Area.Level.COMPOUND)
    )


def build_other(people: People, compound: Area) -> None:
    """Two demands elsewhere: one closed satisfied, one never signed past its sign-by time."""
    finish(
        people,
        services.accept_case(actor=people.liaison, case=dispatched(people, compound)),
        "satisfied",
    )
    dispatched(people, compound, late=True)


def in_county(county: Area):
    return Case.objects.filter(area__path__startswith=county.path)


def today_only() -> dict:
    today = timezone.localdate()
    return {"period_start": today, "period_end": today}


def test_three_rates_on_a_hand_computed_example(county, example):
    rates = rates_for(cases_qs=in_county(county), **today_only())
    # Due for signing: A, B, C, D, G (signed) and F (deadline passed); E was withdrawn early → 6.
    # Signed in time: A, B, D, G → 4/6 = 66.666… → 66.7 %.
    assert (rates.to_sign, rates.signed_in_time, rates.response) == (6, 4, Decimal("66.7"))
    # Taken (signed, not withdrawn): A, B, C, D, G → 5.  Resolved: A, B, C → 3/5 = 60.0 %.
    assert (rates.taken, rates.resolved, rates.resolution) == (5, 3, Decimal("60.0"))
    # Rated: A satisfied, B basically, C dissatisfied → (1 + 0.8) / 3 = 60.0 %.
    assert (rates.rated, rates.satisfied, rates.basically, rates.dissatisfied) == (3, 1, 1, 1)
    assert (rates.satisfaction_points, rates.satisfaction) == (Decimal("1.80"), Decimal("60.0"))
    # Composite: 66.7 × 0.30 + 60.0 × 0.35 + 60.0 × 0.35 = 20.01 + 21 + 21 = 62.01 → 62.0.
    assert (rates.composite, rates.version) == (Decimal("62.0"), 0)
    assert rates.bar == 60


def test_late_signing_counts_when_the_formula_says_so(county, example):
    RateFormula.objects.create(
        version=1, effective_from=date(2020, 1, 1), late_response_counts=True
    )
    rates = rates_for(cases_qs=in_county(county), **today_only())
    # C's late signing now counts: A, B, C, D, G → 5/6 = 83.3 %.
    assert (rates.signed_in_time, rates.to_sign, rates.response, rates.version) == (
        5,
        6,
        Decimal("83.3"),
        1,
    )


def test_a_newer_formula_changes_the_composite_from_its_date_only(county, example):
    today = timezone.localdate()
    RateFormula.objects.create(version=1, effective_from=date(2020, 1, 1))
    RateFormula.objects.create(
        version=2,
        effective_from=today + timedelta(days=1),
        response_weight=50,
        resolution_weight=25,
        satisfaction_weight=25,
        basically_counts_as=Decimal("0.50"),
    )
    before = rates_for(cases_qs=in_county(county), period_start=today, period_end=today)
    after = rates_for(
        cases_qs=in_county(county), period_start=today, period_end=today + timedelta(days=1)
    )
    # Version 1 has the default weights: the composite of the first example, 62.0.
    assert (before.version, before.satisfaction, before.composite) == (
        1,
        Decimal("60.0"),
        Decimal("62.0"),
    )
    # Version 2: satisfaction (1 + 0.5) / 3 = 50.0 %;
    # composite 66.7 × 0.50 + 60.0 × 0.25 + 50.0 × 0.25 = 33.35 + 15 + 12.5 = 60.85 → 60.9.
    assert (after.version, after.satisfaction, after.composite) == (
        2,
        Decimal("50.0"),
        Decimal("60.9"),
    )


def test_the_default_formula_is_version_0_with_the_documented_weights(people):
    formula = formula_for(timezone.localdate())
    assert formula.pk is None
    assert (formula.version, formula.response_weight, formula.resolution_weight) == (0, 30, 35)
    assert (formula.satisfaction_weight, formula.basically_counts_as) == (35, Decimal("0.80"))
    assert formula.late_response_counts is False


def test_a_past_period_counts_outcomes_as_they_stood_at_its_end(county, people, compound):
    case = dispatched(people, compound)
    # 09:00 local, forty days ago: the sign-by time falls inside that day whatever the clock says
    day = timezone.localdate() - timedelta(days=40)
    month_ago = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))
    Event.objects.filter(case=case, action="dispatch").update(at=month_ago)
    Case.objects.filter(pk=case.pk).update(sign_due_at=month_ago + timedelta(hours=2))
    case.refresh_from_db()
    services.accept_case(actor=people.liaison, case=case)
    start = timezone.localdate(month_ago)
    then = rates_for(cases_qs=in_county(county), period_start=start, period_end=start)
    # At the end of that day the case was due, not signed and not taken.
    assert (then.to_sign, then.signed_in_time, then.taken) == (1, 0, 0)
    to_now = rates_for(
        cases_qs=in_county(county), period_start=start, period_end=timezone.localdate()
    )
    # Counted until now, the late signing makes it taken, still not responded in time.
    assert (to_now.to_sign, to_now.signed_in_time, to_now.taken) == (1, 0, 1)


def test_a_case_routed_outside_the_period_is_not_counted(county, example):
    today = timezone.localdate()
    rates = rates_for(
        cases_qs=in_county(county),
        period_start=today - timedelta(days=60),
        period_end=today - timedelta(days=31),
    )
    assert (rates.to_sign, rates.taken, rates.rated) == (0, 0, 0)
    assert (rates.response, rates.resolution, rates.satisfaction, rates.composite) == (
        None,
        None,
        None,
        None,
    )


def test_rates_by_community_and_by_street(county, example, people, other_compound):
    build_other(people, other_compound)
    east = Area.objects.add_child(county, instance=Area(name="东城镇", level=Area.Level.STREET))
    Area.objects.add_child(east, instance=Area(name="东关社区", level=Area.Level.COMMUNITY))
    rows = rates_by_area(county, "community", cases_qs=in_county(county), **today_only())
    assert [area.name for area, _r in rows] == ["北关社区", "南关社区", "东关社区"]
    north, south, eastern = (r for _a, r in rows)
    assert (north.to_sign, north.signed_in_time, north.composite) == (6, 4, Decimal("62.0"))
    # 南关: due 2, in time 1 → 50.0; taken 1, resolved 1 → 100.0; rated 1 satisfied → 100.0;
    # composite 50 × 0.30 + 100 × 0.35 + 100 × 0.35 = 85.0.
    assert (south.response, south.resolution, south.satisfaction, south.composite) == (
        Decimal("50.0"),
        Decimal("100.0"),
        Decimal("100.0"),
        Decimal("85.0"),
    )
    assert (eastern.to_sign, eastern.composite) == (0, None)
    streets = rates_by_area(county, "street", cases_qs=in_county(county), **today_only())
    assert [area.name for area, _r in streets] == ["测试镇", "东城镇"]
    town = streets[0][1]
    # 测试镇 = 北关 + 南关: due 8, in time 5 → 62.5; taken 6, resolved 4 → 66.7;
    # rated 4, points 2.8 → 70.0; composite 18.75 + 23.345 + 24.5 = 66.595 → 66.6.
    assert (town.to_sign, town.signed_in_time, town.response) == (8, 5, Decimal("62.5"))
    assert (town.taken, town.resolved, town.resolution) == (6, 4, Decimal("66.7"))
    assert (town.rated, town.satisfaction, town.composite) == (4, Decimal("70.0"), Decimal("66.6"))


def test_rates_by_unit_follow_the_lead_taker(county, example):
    rows = rates_by_unit(cases_qs=in_county(county), **today_only())
    # Best composite first.  县委组织部 led B only: 100, 100, basically → 80.0;
    # composite 30 + 35 + 28 = 93.0.
    assert [unit.name for unit, _r in rows] == ["县委组织部", "县中医医院"]
    party, hospital = (r for _u, r in rows)
    assert (party.to_sign, party.taken, party.rated, party.composite) == (1, 1, 1, Decimal("93.0"))
    # 县中医医院 led A, C, D, E, F, G: due 5 (E withdrawn early), in time A, D, G → 60.0;
    # taken A, C, D, G, resolved A, C → 50.0; rated A, C → 1/2 = 50.0;
    # composite 18 + 17.5 + 17.5 = 53.0.
    assert (hospital.to_sign, hospital.signed_in_time, hospital.response) == (5, 3, Decimal("60.0"))
    assert (hospital.taken, hospital.resolved, hospital.resolution) == (4, 2, Decimal("50.0"))
    assert (hospital.satisfaction, hospital.composite) == (Decimal("50.0"), Decimal("53.0"))


def test_queries_do_not_grow_with_the_number_of_cases(
    county, people, compound, example, django_assert_num_queries
):
    def measure() -> None:
        with django_assert_num_queries(2):  # the formula, the counts
            rates_for(cases_qs=in_county(county), **today_only())
        with django_assert_num_queries(3):  # the formula, the areas, the counts
            rates_by_area(county, "community", cases_qs=in_county(county), **today_only())
        with django_assert_num_queries(3):  # the formula, the counts, the units
            rates_by_unit(cases_qs=in_county(county), **today_only())

    measure()
    build_example(people, compound)
    assert in_county(county).count() == 14
    measure()


@pytest.mark.parametrize(
    ("period", "day", "expected"),
    [
        ("month", date(2026, 2, 14), (date(2026, 2, 1), date(2026, 2, 28))),
        ("month", date(2026, 12, 31), (date(2026, 12, 1), date(2026, 12, 31))),
        ("quarter", date(2026, 11, 5), (date(2026, 10, 1), date(2026, 12, 31))),
        ("quarter", date(2026, 5, 1), (date(2026, 4, 1), date(2026, 6, 30))),
        ("year", date(2026, 7, 9), (date(2026, 1, 1), date(2026, 12, 31))),
    ],
)
def test_calendar_periods_hold_the_given_day(period, day, expected):
    assert period_bounds(period, day) == expected


def test_a_custom_period_runs_from_start_to_end():
    assert period_bounds("custom", date(2026, 3, 5), date(2026, 4, 2)) == (
        date(2026, 3, 5),
        date(2026, 4, 2),
    )
