"""The 六有 ledger takes the one ledger path (from LARGE_EXPORT rows the worker writes the rows
the immediate answer holds, for the asker only), and its filters, applied in the database so
it can be counted and read in chunks, follow the rule of `selectors.standing`."""

import datetime as dt

import pytest
from django.http import Http404

from grassroots.accounts.models import User
from grassroots.areas.models import Area
from grassroots.core import exports
from grassroots.core.models import Export
from grassroots.governance import selectors
from grassroots.governance.tests.test_governance import _assess, _month

pytestmark = pytest.mark.django_db


def test_the_filters_in_the_database_follow_standing(
    six, community, compound, two_compounds, staff_user, secretary
):
    east, west = two_compounds
    _assess(staff_user, east, six, _month(-6), no=("funding",), verifier=secretary)
    _assess(staff_user, east, six, _month(-3), verifier=secretary)
    _assess(staff_user, west, six, _month(-14), no=("venue",), verifier=secretary)
    _assess(staff_user, west, six, _month(-1))  # not verified: does not count
    south = Area.objects.add_child(community, instance=Area(name="南园小区", level="compound"))
    _assess(staff_user, south, six, _month(-13), verifier=secretary)  # whole, but lapsed
    compounds = selectors.compounds_under(community)
    every = selectors.standing_rows(six, list(compounds.order_by("path")))
    assert [(r.compound.name, r.whole, r.due) for r in every] == [
        ("幸福小区", False, False),  # never assessed
        ("东园小区", True, False),
        ("西园小区", False, True),
        ("南园小区", False, True),
    ]
    for missing in (None, *selectors.active_criteria(six)):
        for state in ("", "whole", "lacking", "due"):
            expected = [
                r.compound.pk
                for r in every
                if (missing is None or missing in r.no)
                and state in ("", "whole" if r.whole else "lacking", "due" if r.due else "")
            ]
            if state == "due":  # the most overdue first
                by_day = {r.compound.pk: r.assessment.assessed_on for r in every if r.due}
                expected.sort(key=by_day.__getitem__)
            found = selectors.compounds_standing(six, compounds, missing, state)
            assert list(found.values_list("pk", flat=True)) == expected, (missing, state)
            assert found.count() == len(expected)


def test_a_large_six_have_ledger_is_written_by_the_worker_with_the_same_rows(
    client, ledger_both_ways
):
    secretary = User.objects.get(username="secretary")  # 城北社区
    client.force_login(secretary)
    north = Area.objects.get(name="城北社区")

    at_once, export, written = ledger_both_ways(f"/governance/compounds.xlsx?area={north.pk}")

    compounds = Area.objects.filter(level="compound", path__startswith=north.path).count()
    assert len(at_once) - 1 == compounds > 1 and at_once[0][0] == "小区"
    assert isinstance(at_once[1][-3], dt.datetime)  # the last assessment's date, as a date
    assert isinstance(at_once[1][-1], dt.datetime)  # the day it stops counting
    assert written == at_once
    assert (export.user, export.kind, export.total) == (secretary, "six_have", compounds)
    client.force_login(User.objects.get(username="staff"))
    assert client.get(f"/exports/{export.pk}/file/").status_code == 404


def test_the_six_have_ledger_is_refused_outside_ones_area_then_and_later(client, settings):
    settings.LARGE_EXPORT = 1
    client.force_login(User.objects.get(username="staff"))  # 城西社区
    north = Area.objects.get(name="城北社区")
    assert client.get(f"/governance/compounds.xlsx?area={north.pk}").status_code == 404
    assert not Export.objects.exists()
    resident = User.objects.get(username="resident")
    export = Export.objects.create(user=resident, kind="six_have", title="六有")
    with pytest.raises(Http404):
        exports.write(export.pk)
    export.refresh_from_db()
    assert export.status == "failed"
