"""The worker's pre-counted figures are the same numbers as counting directly, for the city,
the county, each street and community — after a full count, and after an incremental one that
follows every kind of change: a new demand, moves, a rating, the overdue flag, and a sign-by
time passing with no row touched."""

import dataclasses
import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from grassroots.areas.models import Area
from grassroots.cases import services
from grassroots.cases.models import Case
from grassroots.cases.tests import factories
from grassroots.cases.workflow import OPEN
from grassroots.dashboards import tallies
from grassroots.dashboards.models import CaseTally, RateTally, TallyState

pytestmark = pytest.mark.django_db
FIELDS = ("counts", "months", "categories", "channels", "rates", "by_scope", "by_unit")


def _paths() -> list[str]:
    return ["", *Area.objects.filter(depth__lte=3).order_by("path").values_list("path", flat=True)]


def _numbers(figures: tallies.CaseFigures) -> dict:
    data = dataclasses.asdict(figures)
    return {k: data[k] for k in FIELDS}


def _assert_same_everywhere(today=None):
    today = today or timezone.localdate()
    for path in _paths():
        assert _numbers(tallies.stored(path)) == _numbers(tallies.direct(path, today)), path


def test_a_full_count_equals_direct_counting():
    state = tallies.refresh()
    assert state.full_at == state.refreshed_at
    assert CaseTally.objects.exists() and RateTally.objects.exists()
    county = Area.objects.get(level="county")
    stored = tallies.stored(county.path)
    # Not trivially equal: the demo has demands this year, rates and a league of communities.
    assert stored.year(timezone.localdate().year) > 0
    assert stored.rates["rated"] > 0 and len(stored.by_scope) == 4 and stored.by_unit
    _assert_same_everywhere()


def test_the_dashboard_reads_the_tallies_only_while_fresh():
    county = Area.objects.get(level="county")
    assert not tallies.figures(county.path).stored  # never counted: counted now
    tallies.refresh()
    fresh = tallies.figures(county.path)
    assert fresh.stored
    TallyState.objects.filter(pk=1).update(refreshed_at=timezone.now() - dt.timedelta(seconds=61))
    late = tallies.figures(county.path)
    assert not late.stored
    assert _numbers(late) == _numbers(fresh)
    # A compound's figures are always counted: the tallies stop at communities.
    tallies.refresh()
    compound = Area.objects.get(name="骨科小区")
    assert not tallies.figures(compound.path).stored


def test_an_incremental_count_follows_every_change():
    first = tallies.refresh()
    county = Area.objects.get(level="county")
    before = tallies.stored(county.path)
    new = factories.submitted("晋新小区")  # a new demand
    moved = factories.in_progress("骨科小区")  # dispatched and signed for
    done = factories.handled("晋新小区")
    services.verify_case(actor=factories.user("secretary"), case=done, ok=True)
    done.refresh_from_db()
    services.rate_case(actor=factories.user("resident"), case=done, rating="satisfied")
    late = factories.dispatched("骨科小区")
    Case.objects.filter(pk=late.pk).update(sign_due_at=timezone.now() - dt.timedelta(hours=1))
    assert services.mark_overdue() >= 1  # the flag is set by an UPDATE of many rows
    assert _numbers(tallies.stored(county.path)) != _numbers(
        tallies.direct(county.path, timezone.localdate())
    )

    state = tallies.refresh()
    assert state.full_at == first.full_at  # only the changed communities were counted again
    after = tallies.stored(county.path)
    assert after.counts["open"] == before.counts["open"] + 3  # new, moved and late; done closed
    overdue = Case.objects.filter(overdue=True, status__in=OPEN).count()
    assert after.counts["overdue"] == overdue > before.counts.get("overdue", 0)
    assert after.rates["rated"] == before.rates["rated"] + 1
    _assert_same_everywhere()
    assert new.pk and moved.pk


def test_a_sign_by_time_passing_is_counted_without_any_row_changing():
    case = factories.dispatched("骨科小区")
    soon = timezone.now() + dt.timedelta(minutes=5)
    # Its sign-by time, five minutes away; the row then left alone (updated_at in the past).
    Case.objects.filter(pk=case.pk).update(
        sign_due_at=soon, updated_at=timezone.now() - dt.timedelta(hours=1)
    )
    tallies.refresh()
    county = Area.objects.get(level="county")
    before = tallies.stored(county.path).rates["to_sign"]
    later = soon + dt.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        state = tallies.refresh(later)
        assert state.full_at < later  # incremental
        assert tallies.stored(county.path).rates["to_sign"] == before + 1  # now due for signing
        _assert_same_everywhere(timezone.localdate(later))


def test_a_new_year_counts_everything_again():
    state = tallies.refresh()
    TallyState.objects.filter(pk=1).update(year=state.year - 1)
    again = tallies.refresh()
    assert again.full_at > state.full_at and again.year == timezone.localdate().year
