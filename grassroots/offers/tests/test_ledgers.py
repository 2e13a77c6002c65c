"""The double-reporting ledgers (registrations, gaps, pairings) take the one ledger path: from
LARGE_EXPORT rows the request leads to the progress page, the worker writes the rows the
immediate answer holds, and only the one who asked downloads them."""

import pytest
from django.http import Http404

from grassroots.accounts.models import User
from grassroots.areas.models import Area
from grassroots.conftest import sheet_rows
from grassroots.core import exports
from grassroots.core.models import Export
from grassroots.core.tests.exports import check_worker_export
from grassroots.offers import selectors
from grassroots.offers.models import Registration
from grassroots.offers.reporting import unpair_unit
from grassroots.offers.tests.test_registration import new_member
from grassroots.units.models import Pairing, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def gaps_in_the_south():
    """城南社区 with a row in every gap list: a unit and a member not reported, and the
    community and one compound without a paired unit (the demo leaves households unpaired)."""
    admin = User.objects.get(username="admin")
    south = Area.objects.get(name="城南社区")
    Unit.objects.create(
        name="测试水务局", code="T-WATER", area=Area.objects.get(name="夏县"), community=south
    )
    new_member("禹泽苑")
    for pairing in Pairing.objects.filter(area__name__in=("城南社区", "禹泽苑")):
        unpair_unit(actor=admin, pairing=pairing)
    return south


def test_a_large_members_ledger_is_written_by_the_worker_with_the_same_rows(
    client, ledger_both_ways
):
    secretary = User.objects.get(username="secretary")  # 城北社区
    client.force_login(secretary)
    north = Area.objects.get(name="城北社区")
    members = Registration.objects.filter(
        active=True, member__isnull=False, area__path__startswith=north.path
    ).count()

    at_once, export, written = ledger_both_ways("/offers/registrations/?format=xlsx")

    assert len(at_once) - 1 == members > 1
    assert at_once[0][:2] == ("名称", "小区")
    assert hasattr(at_once[1][2], "year")  # a date, not text
    assert written == at_once
    check_worker_export(
        client,
        export,
        owner=secretary,
        kind="registrations:member",
        total=members,
        stranger="staff",
    )


@pytest.mark.parametrize(
    "url",
    [
        "/offers/registrations/?kind=unit&format=xlsx&area={area}",
        "/offers/pairings.xlsx?area={area}",
        *[f"/offers/coverage/{name}/?format=xlsx&area={{area}}" for name in selectors.GAPS],
    ],
)
def test_each_double_reporting_ledger_writes_the_same_rows_through_the_worker(
    client, ledger_both_ways, gaps_in_the_south, url
):
    client.force_login(User.objects.get(username="admin"))
    south = gaps_in_the_south

    at_once, export, written = ledger_both_ways(url.format(area=south.pk))

    assert len(at_once) > 1 and written == at_once
    assert export.total == len(at_once) - 1


def test_each_gap_ledger_holds_its_list(client, gaps_in_the_south):
    client.force_login(User.objects.get(username="admin"))
    south = gaps_in_the_south
    figures = selectors.coverage(south)
    for name in selectors.GAPS:
        response = client.get(f"/offers/coverage/{name}/?format=xlsx&area={south.pk}")
        rows = sheet_rows(response)
        assert len(rows) - 1 == figures.gap_count(name), name
        assert all(all(cell is not None for cell in row[:2]) for row in rows[1:]), name


def test_a_ledger_of_an_area_outside_ones_own_is_refused(client, settings):
    settings.LARGE_EXPORT = 1
    client.force_login(User.objects.get(username="secretary"))  # 城北社区
    south = Area.objects.get(name="城南社区")
    for url in ("/offers/registrations/", "/offers/pairings.xlsx"):
        assert client.get(f"{url}?area={south.pk}&format=xlsx").status_code == 404
    assert not Export.objects.exists()


def test_the_worker_checks_the_readers_area_again():
    """Someone who lost their role before the worker came to the ledger gets no file."""
    resident = User.objects.get(username="resident")
    export = Export.objects.create(user=resident, kind="registrations:member", title="报到")
    with pytest.raises(Http404):
        exports.write(export.pk)
    export.refresh_from_db()
    assert (export.status, bool(export.file)) == ("failed", False)
