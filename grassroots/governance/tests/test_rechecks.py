"""A 六有 verification counts for a set period (`SIX_HAVE_VALID_MONTHS`, 12 by default): a
compound verified 13 months ago is no longer whole and is due for a re-check, one verified
last month is whole; the standing, the figures, the lists, the ledger and the month series
agree; a new verified assessment makes it whole again. Through the selectors and the pages,
and for outsiders."""

import datetime as dt
import io

import openpyxl
import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.areas.models import Area
from grassroots.conftest import make_user
from grassroots.governance import selectors, services
from grassroots.governance.services import GovernanceRefused, ItemInput

pytestmark = pytest.mark.django_db


def _whole(actor, verifier, compound, cset, day: dt.date):
    items = {c.pk: ItemInput("yes", "现场核实") for c in selectors.active_criteria(cset)}
    a = services.record_assessment(
        actor=actor, compound=compound, criteria_set=cset, assessed_on=day, items=items
    )
    return services.verify_assessment(actor=verifier, assessment=a)


@pytest.fixture
def old_and_new(six, two_compounds, staff_user, secretary):
    """East verified whole 13 months ago; west verified whole last month."""
    east, west = two_compounds
    today = timezone.localdate()
    _whole(staff_user, secretary, east, six, today - relativedelta(months=13))
    _whole(staff_user, secretary, west, six, today - relativedelta(months=1))
    return east, west


def _names(rows) -> list[str]:
    return [r.compound.name for r in rows]


def test_a_verification_13_months_old_no_longer_counts(six, community, compound, old_and_new):
    east, west = old_and_new
    compounds = selectors.compounds_under(community)
    by_name = {r.compound.name: r for r in selectors.compound_rows(six, compounds)}
    assert (by_name["东园小区"].whole, by_name["东园小区"].lapsed) == (False, True)
    assert by_name["东园小区"].no == []  # it lacks nothing: it is simply out of date
    assert (by_name["西园小区"].whole, by_name["西园小区"].due) == (True, False)
    assert by_name["西园小区"].recheck_by == (
        west.assessments.get().assessed_on + relativedelta(months=12)
    )
    assert _names(selectors.compound_rows(six, compounds, state="whole")) == ["西园小区"]
    # in tree order: 幸福小区 (never assessed) was added first
    assert _names(selectors.compound_rows(six, compounds, state="lacking")) == [
        "幸福小区",
        "东园小区",
    ]
    assert _names(selectors.compound_rows(six, compounds, state="due")) == ["东园小区"]
    total = selectors.summary(six, community)
    assert (total.compounds, total.assessed, total.whole) == (3, 2, 1)
    assert (total.lapsed, total.due, total.short) == (1, 1, 2)
    # East counted at the end of the month it was assessed, and stops counting a year on.
    series = dict(selectors.progress(six, community, months=14))
    first = east.assessments.get().assessed_on.replace(day=1)
    assert series[first] == 1 and series[timezone.localdate().replace(day=1)] == 1


def test_a_verification_lapsing_within_30_days_is_due_but_still_counts(
    six, community, two_compounds, staff_user, secretary
):
    east, _west = two_compounds
    day = timezone.localdate() - relativedelta(months=12) + dt.timedelta(days=20)
    _whole(staff_user, secretary, east, six, day)
    [row] = selectors.compound_rows(six, Area.objects.filter(pk=east.pk))
    assert (row.whole, row.lapsed, row.due) == (True, False, True)
    total = selectors.summary(six, community)
    assert (total.whole, total.lapsed, total.due) == (1, 0, 1)


def test_a_new_verification_makes_it_whole_again(
    six, community, old_and_new, staff_user, secretary
):
    east, _west = old_and_new
    _whole(staff_user, secretary, east, six, timezone.localdate())
    compounds = selectors.compounds_under(community)
    assert _names(selectors.compound_rows(six, compounds, state="whole")) == [
        "东园小区",
        "西园小区",
    ]
    assert _names(selectors.compound_rows(six, compounds, state="due")) == []


def test_the_period_is_a_setting(settings, six, community, old_and_new):
    settings.SIX_HAVE_VALID_MONTHS = 24
    compounds = selectors.compounds_under(community)
    assert _names(selectors.compound_rows(six, compounds, state="whole")) == [
        "东园小区",
        "西园小区",
    ]


def test_three_without_does_not_lapse(community, compound, staff_user, secretary):
    three = selectors.criteria_set("three_without")
    _whole(staff_user, secretary, compound, three, timezone.localdate() - relativedelta(years=2))
    assert selectors.summary(three, community).whole == 1
    assert list(selectors.compounds_standing(three, Area.objects.all(), state="due")) == []


def test_the_pages_show_the_rechecks_due(client, six, community, old_and_new, staff_user):
    east, _west = old_and_new
    client.force_login(staff_user)
    overview = client.get(f"/governance/?area={community.pk}").content.decode()
    assert 'id="six-whole">1<' in overview and 'id="six-due">1<' in overview
    rechecks = overview[overview.index('id="rechecks"') :]
    rechecks = rechecks[: rechecks.index("</section>")]
    assert "东园小区" in rechecks and "西园小区" not in rechecks
    due = client.get(f"/governance/compounds/?area={community.pk}&state=due").content.decode()
    assert 'data-count="1"' in due and "东园小区" in due and "西园小区" not in due
    whole = client.get(f"/governance/compounds/?area={community.pk}&state=whole").content.decode()
    assert 'data-count="1"' in whole and "西园小区" in whole and "东园小区" not in whole
    page = client.get(f"/governance/compounds/{east.pk}/").content.decode()
    lapsed_on = (east.assessments.get().assessed_on + relativedelta(months=12)).isoformat()
    heading = page.split("<h2>")[1].split("</h2>")[0]
    assert "六有" in heading and "gov-yes" not in heading and lapsed_on in page
    ledger = client.get(f"/governance/compounds.xlsx?area={community.pk}&state=due")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(ledger.streaming_content))).active
    rows = [r for r in sheet.iter_rows(values_only=True) if r and r[0] == "东园小区"]
    assert len(rows) == 1 and rows[0][-1].date().isoformat() == lapsed_on


def test_outsiders(client, city, county, six, old_and_new, staff_user):
    east, _west = old_and_new
    other = Area.objects.add_child(
        city, instance=Area(name="别县", level=Area.Level.COUNTY, code="140898000000")
    )
    client.force_login(make_user("other_admin", Role.COUNTY_ADMIN, area=other))
    assert client.get(f"/governance/compounds/{east.pk}/").status_code == 404
    assert client.get(f"/governance/compounds/{east.pk}/assess/").status_code == 404
    due = client.get("/governance/compounds/?state=due").content.decode()
    assert "东园小区" not in due
    auditor = make_user("auditor1", Role.AUDITOR, area=county)
    client.force_login(auditor)
    assert client.get(f"/governance/compounds/{east.pk}/").status_code == 200
    assert client.post(f"/governance/compounds/{east.pk}/assess/").status_code == 404
    items = {c.pk: ItemInput("yes", "现场核实") for c in selectors.active_criteria(six)}
    with pytest.raises(GovernanceRefused) as caught:
        services.record_assessment(
            actor=auditor,
            compound=east,
            criteria_set=six,
            assessed_on=timezone.localdate(),
            items=items,
        )
    assert caught.value.code == "forbidden"
    assert east.assessments.count() == 1
