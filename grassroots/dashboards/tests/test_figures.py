"""Every dashboard figure that counts rows leads to a list of the same length — for the county
and each community, and for every bar and slice of the charts — and the headline figures are
the seed's numbers, each checked against a count written independently here."""

import datetime as dt
import io
import re

import openpyxl
import pytest
from django.db.models import Sum
from django.utils import timezone

from grassroots.accounts.models import User
from grassroots.areas.models import Area
from grassroots.cases.models import Case
from grassroots.cases.workflow import OPEN
from grassroots.dashboards import figures
from grassroots.offers.models import Registration
from grassroots.units.models import Pairing, Unit
from grassroots.venues.models import Booking, Room, Venue
from grassroots.venues.selectors import week_start
from grassroots.volunteering.models import Occurrence, Team, Volunteer

pytestmark = pytest.mark.django_db
COUNT = re.compile(r'id="list-count"[^>]*data-count="(\d+)"')


def _listed(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    found = COUNT.search(response.content.decode())
    assert found, f"{url} shows no count"
    return int(found.group(1))


def _areas():
    county = Area.objects.get(level="county")
    return [county, *Area.objects.filter(level="community").order_by("path")]


def test_every_counted_figure_agrees_with_its_list(client):
    client.force_login(User.objects.get(username="admin"))
    checked = 0
    for area in _areas():
        board = figures.dashboard(area)
        for section in board["sections"]:
            for f in section.figures:
                assert f.url, f.key
                if f.counts:
                    assert _listed(client, f.url) == f.value, (area.name, f.key, f.url)
                    checked += 1
    assert checked >= 5 * 14  # every counted figure of the county and the four communities


def test_every_bar_and_slice_agrees_with_its_list(client):
    client.force_login(User.objects.get(username="admin"))
    county = Area.objects.get(level="county")
    for chart in figures.dashboard(county)["charts"]:
        assert len(chart.labels) == len(chart.values) == len(chart.urls) > 0
        for value, url in zip(chart.values, chart.urls, strict=True):
            assert _listed(client, url) == value, (chart.key, url)


def test_the_seed_figures_by_independent_counts():
    county = Area.objects.get(level="county")
    board = {f.key: f.value for s in figures.dashboard(county)["sections"] for f in s.figures}
    units_reported = (
        Unit.objects.filter(registrations__active=True, registrations__member__isnull=True)
        .distinct()
        .count()
    )
    members_reported = (
        Registration.objects.filter(active=True, member__isnull=False, member__in_service=True)
        .values("member")
        .distinct()
        .count()
    )
    assert board["units_registered"] == units_reported == 82
    assert board["members_registered"] >= members_reported == 1546
    assert board["compounds"] == Area.objects.filter(level="compound").count() == 106
    assert board["six_have"] == 106
    assert board["teams"] == Team.objects.count() == 95
    assert board["volunteers"] == Volunteer.objects.count() == 2580
    served = Occurrence.objects.filter(status="held").aggregate(n=Sum("served_count"))["n"]
    assert board["served"] == served == 8420
    assert board["needs"] == 227
    year = timezone.localdate().year
    assert board["cases_year"] == Case.objects.filter(created_at__year=year).count()
    assert board["cases_open"] == Case.objects.filter(status__in=OPEN).count()
    assert board["venues"] == Venue.objects.count()
    assert board["venues_provided"] == Venue.objects.filter(provided_by__isnull=False).count() == 28
    assert board["stations_built"] == 50


def test_who_sees_which_dashboard(client):
    client.force_login(User.objects.get(username="staff"))  # 城西社区
    page = client.get("/dashboards/").content.decode()
    assert "城西社区" in page
    north = Area.objects.get(name="城北社区")
    assert client.get(f"/dashboards/?area={north.pk}").status_code == 404
    client.force_login(User.objects.get(username="resident"))
    assert client.get("/dashboards/").status_code == 404
    assert client.get("/cases/list/").status_code == 403


def test_the_lists_export_what_they_count(client):
    """The volunteers and bookings ledgers hold as many rows as their lists count."""
    admin = User.objects.get(username="admin")
    client.force_login(admin)
    county = Area.objects.get(level="county")
    monday = week_start(timezone.localdate())
    room = Room.objects.get(venue__name="城北社区党群服务中心", name="会议室")
    for hour in (9, 15):  # two bookings this week (written directly: some are in the past)
        start = timezone.make_aware(dt.datetime.combine(monday, dt.time(hour)))
        Booking.objects.create(
            room=room,
            group="县文联合唱团",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            booked_by=admin,
        )
    for url in (f"/volunteering/volunteers/?area={county.pk}", "/venues/bookings/all/"):
        counted = _listed(client, url)
        sep = "&" if "?" in url else "?"
        response = client.get(f"{url}{sep}format=xlsx")
        rows = list(
            openpyxl.load_workbook(
                io.BytesIO(b"".join(response.streaming_content))
            ).active.iter_rows(values_only=True)
        )
        assert len(rows) - 1 == counted > 0, url
    names = [
        r[0]
        for r in openpyxl.load_workbook(
            io.BytesIO(
                b"".join(
                    client.get(
                        f"/volunteering/volunteers/?area={county.pk}&format=xlsx"
                    ).streaming_content
                )
            )
        ).active.iter_rows(min_row=2, values_only=True)
    ]
    assert names and all("*" in n for n in names if len(n) > 1)  # names masked


def _sheet(response) -> list[tuple]:
    return list(
        openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(
            values_only=True
        )
    )


def test_the_activity_and_pairing_ledgers(client):
    client.force_login(User.objects.get(username="admin"))
    county = Area.objects.get(level="county")
    year = timezone.localdate().year
    activities = _sheet(client.get(f"/volunteering/activities.xlsx?area={county.pk}&year={year}"))
    dates = Occurrence.objects.filter(starts_at__year=year).count()
    assert len(activities) - 1 == dates > 0
    held = [r for r in activities[1:] if r[5] == "已举办"]
    served = Occurrence.objects.filter(starts_at__year=year, status="held").aggregate(
        n=Sum("served_count")
    )["n"]
    assert sum(r[8] for r in held) == served and isinstance(activities[1][0], dt.datetime)
    pairings = _sheet(client.get(f"/offers/pairings.xlsx?area={county.pk}"))
    assert len(pairings) - 1 == Pairing.objects.count() > 0
    north = Area.objects.get(name="城北社区")
    part = _sheet(client.get(f"/offers/pairings.xlsx?area={north.pk}"))
    assert len(part) - 1 == Pairing.objects.filter(area__path__startswith=north.path).count()
