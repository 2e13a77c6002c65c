"""The volunteering ledgers (hours, activities, volunteers) take the one ledger path: from
LARGE_EXPORT rows the request leads to the progress page, the worker writes the rows the
immediate answer holds, and only the one who asked downloads them."""

import pytest
from django.http import Http404
from django.utils import timezone

from grassroots.accounts.models import User
from grassroots.areas.models import Area
from grassroots.core import exports
from grassroots.core.models import Export
from grassroots.core.tests.exports import check_worker_export
from grassroots.volunteering import selectors

pytestmark = pytest.mark.django_db


def test_a_large_hours_ledger_is_written_by_the_worker_with_the_same_rows(client, ledger_both_ways):
    staff = User.objects.get(username="staff")  # 城西社区
    client.force_login(staff)
    west = Area.objects.get(name="城西社区")
    year = timezone.localdate().year
    lines = selectors.hours_lines(west).filter(served_on__year=year).count()

    at_once, export, written = ledger_both_ways(
        f"/volunteering/hours.xlsx?area={west.pk}&year={year}"
    )

    assert len(at_once) - 1 == lines > 1
    assert at_once[0] == ("日期", "志愿者", "活动或服务订单", "社区", "时长（小时）")
    assert written == at_once
    check_worker_export(
        client, export, owner=staff, kind="volunteer_hours", total=lines, stranger="secretary"
    )


@pytest.mark.parametrize(
    "url",
    [
        "/volunteering/activities.xlsx?area={area}&year={year}",
        "/volunteering/volunteers/?area={area}&format=xlsx",
    ],
)
def test_each_volunteering_ledger_writes_the_same_rows_through_the_worker(
    client, ledger_both_ways, url
):
    client.force_login(User.objects.get(username="admin"))
    county = Area.objects.get(level="county")

    at_once, export, written = ledger_both_ways(
        url.format(area=county.pk, year=timezone.localdate().year)
    )

    assert len(at_once) > 1 and written == at_once
    assert export.total == len(at_once) - 1


def test_a_ledger_of_an_area_outside_ones_own_is_refused(client, settings):
    settings.LARGE_EXPORT = 1
    client.force_login(User.objects.get(username="staff"))  # 城西社区
    north = Area.objects.get(name="城北社区")
    for url in ("/volunteering/hours.xlsx", "/volunteering/activities.xlsx"):
        assert client.get(f"{url}?area={north.pk}").status_code == 404
    client.force_login(User.objects.get(username="resident"))
    assert client.get("/volunteering/volunteers/?format=xlsx").status_code == 404
    assert not Export.objects.exists()


@pytest.mark.parametrize("kind", ["volunteer_hours", "volunteers"])
def test_the_worker_checks_the_reader_again(kind):
    """Someone who lost their role before the worker came to the ledger gets no file."""
    resident = User.objects.get(username="resident")
    export = Export.objects.create(user=resident, kind=kind, title="志愿")
    with pytest.raises(Http404):
        exports.write(export.pk)
    export.refresh_from_db()
    assert (export.status, bool(export.file)) == ("failed", False)
