"""Transfer cards are numbered per county and year, headed by the county's short name; dispatches
racing in two counties each get their own county's next number; old cards get their county."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.areas.models import Area
from grassroots.cases import services
from grassroots.cases.models import Case, TransferCard
from grassroots.cases.tests import factories as f
from grassroots.cases.tests.test_races import _race
from grassroots.conftest import make_user
from grassroots.units.models import Pairing, Unit

BEFORE_FILL = ("cases", "0007_transfercard_county")


def _county(city: Area, name: str, code: str):
    """A county with one compound, a unit of its own paired with it, and a community staff
    member who triages and dispatches there."""
    add = Area.objects.add_child
    county = add(city, instance=Area(name=name, level=Area.Level.COUNTY, code=code))
    street = add(county, instance=Area(name=f"{name}城关镇", level=Area.Level.STREET))
    community = add(street, instance=Area(name=f"{name}东关社区", level=Area.Level.COMMUNITY))
    compound = add(community, instance=Area(name=f"{name}幸福小区", level=Area.Level.COMPOUND))
    unit = Unit.objects.create(name="县水务局", code=f"T-{code}", area=county)
    Pairing.objects.create(unit=unit, area=compound)
    staff = make_user(f"staff-{code}", Role.COMMUNITY_STAFF, area=community)
    city.refresh_from_db()
    return county, compound, unit, staff


def _accepted(compound: Area, staff, resident) -> Case:
    case = services.submit_case(
        actor=resident,
        kind=Case.Kind.PROBLEM,
        category=f.category(),
        title="下水道堵塞",
        description="巷道下水道堵塞，污水外溢。",
        area=compound,
    )
    return services.triage_case(actor=staff, case=case)


@pytest.mark.django_db
def test_each_county_numbers_its_cards_from_one_under_its_short_name(city):
    year = timezone.localdate().year
    f.pair("县委组织部", "火神庙后巷小区")
    xia = Area.objects.get(name="夏县")
    highest = max(
        TransferCard.objects.filter(county=xia, year=year).values_list("serial", flat=True),
        default=0,
    )
    first = services.dispatch_case(
        actor=f.user("staff"),
        case=f.accepted("火神庙后巷小区", staff="staff"),
        lead=f.unit("县委组织部"),
    )
    county, compound, unit, staff = _county(city, "盐湖区", "140802000000")
    resident = make_user("resident-yh")
    theirs = services.dispatch_case(
        actor=staff, case=_accepted(compound, staff, resident), lead=unit
    )
    again = services.dispatch_case(
        actor=staff, case=_accepted(compound, staff, resident), lead=unit
    )
    assert (first.county, first.serial, first.prefix) == (xia, highest + 1, "夏")
    assert first.number == f"夏转批〔{year}〕{highest + 1:04d}号"
    assert (theirs.county, theirs.serial, theirs.number) == (county, 1, f"盐湖转批〔{year}〕0001号")
    assert (again.serial, again.number) == (2, f"盐湖转批〔{year}〕0002号")


@pytest.mark.django_db
def test_a_county_s_sequence_continues_after_its_highest_card_of_the_year(city):
    _county_area, compound, unit, staff = _county(city, "盐湖区", "140802000000")
    resident = make_user("resident-yh")
    year = timezone.localdate().year
    card = services.dispatch_case(actor=staff, case=_accepted(compound, staff, resident), lead=unit)
    TransferCard.objects.filter(pk=card.pk).update(serial=41)  # numbered city-wide before
    TransferCard.objects.filter(pk=card.pk).update(year=year - 1)
    fresh = services.dispatch_case(
        actor=staff, case=_accepted(compound, staff, resident), lead=unit
    )
    assert fresh.serial == 1  # a new year starts again
    TransferCard.objects.filter(pk=card.pk).update(year=year)
    later = services.dispatch_case(
        actor=staff, case=_accepted(compound, staff, resident), lead=unit
    )
    assert later.serial == 42


@pytest.mark.django_db(transaction=True)
def test_dispatches_racing_in_two_counties_number_each_county_from_one(city):
    """Two dispatches in each of two counties, all released at once: each county's cards are
    1 and 2, on SQLite (one writer at a time) and on PostgreSQL (the unique number refuses a
    second holder and the loser takes the next)."""
    resident = make_user("resident-race")
    work = []
    for name, code in (("盐湖区", "140802000000"), ("临猗县", "140821000000")):
        _county_area, compound, unit, staff = _county(city, name, code)
        work += [(staff, _accepted(compound, staff, resident), unit) for _ in range(2)]

    def dispatch(job):
        staff, case, unit = job
        return services.dispatch_case(actor=staff, case=Case.objects.get(pk=case.pk), lead=unit)

    results = _race(dispatch, work)
    assert all(isinstance(r, TransferCard) for r in results), results
    cards = TransferCard.objects.filter(case__in=[case for _staff, case, _unit in work])
    numbers = sorted(cards.values_list("county__name", "serial", "prefix"))
    assert numbers == [
        ("临猗县", 1, "临猗"),
        ("临猗县", 2, "临猗"),
        ("盐湖区", 1, "盐湖"),
        ("盐湖区", 2, "盐湖"),
    ]


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_old_cards_the_county_above_their_community(city):
    county, compound, unit, staff = _county(city, "盐湖区", "140802000000")
    other, other_compound, other_unit, other_staff = _county(city, "临猗县", "140821000000")
    resident = make_user("resident-old")
    mine = services.dispatch_case(actor=staff, case=_accepted(compound, staff, resident), lead=unit)
    theirs = services.dispatch_case(
        actor=other_staff, case=_accepted(other_compound, other_staff, resident), lead=other_unit
    )
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE_FILL])
    old = MigrationExecutor(connection).loader.project_state([BEFORE_FILL]).apps
    old.get_model("cases", "TransferCard").objects.update(county=None, prefix="")
    executor = MigrationExecutor(connection)
    # Forward to every app's latest: going back to BEFORE_FILL also unapplied the later
    # migrations of other apps that depend on it, and the tests after this one need them.
    executor.migrate(executor.loader.graph.leaf_nodes())
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.county, mine.prefix) == (county, "")
    assert (theirs.county, theirs.prefix) == (other, "")
    assert mine.number == f"转批〔{mine.year}〕0001号"  # as it was printed
