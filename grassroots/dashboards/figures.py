"""The dashboards' figures for an area, each computed from the rows and each carrying the link
to the list it counts (with the same filters: the numbers and the lists' lengths agree, which
the tests check figure by figure). Figures that are shares or sums (rates, coverage, hours)
link to the page that explains them instead and say so (`counts=False`).

This module reads; it owns no data. Each module's figures appear here as the module lands."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.areas.models import Area
from grassroots.cases.kpis import rates_by_area, rates_for
from grassroots.cases.models import Case, Category
from grassroots.cases.selectors import CaseFilter
from grassroots.cases.workflow import FINISHED, OPEN
from grassroots.governance import selectors as governance
from grassroots.governance.criteria import SIX_HAVE, THREE_WITHOUT
from grassroots.offers import selectors as offers
from grassroots.venues.models import Booking, Venue
from grassroots.venues.selectors import area_coverage, week_start
from grassroots.volunteering import selectors as volunteering


@dataclass
class Figure:
    key: str
    label: str
    value: int | Decimal | float | None
    url: str = ""
    unit: str = ""
    counts: bool = True  # the link leads to a list whose length is this number


@dataclass
class Section:
    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)


@dataclass
class Chart:
    key: str
    title: str
    kind: str  # "bar" or "pie"
    labels: list[str]
    values: list[float]
    urls: list[str]


def _url(name: str, area: Area, **params) -> str:
    query = {"area": area.pk, **{k: v for k, v in params.items() if v not in ("", None)}}
    return f"{reverse(name)}?{urlencode(query)}"


def _cases_url(area: Area, flt: CaseFilter) -> str:
    query = flt.query()
    return f"{reverse('cases:list')}?area={area.pk}" + (f"&{query}" if query else "")


def cases_section(area: Area, today: dt.date) -> Section:
    cases = Case.objects.filter(area__path__startswith=area.path)
    year = today.year
    counts = cases.aggregate(
        year=Count("pk", filter=Q(created_at__year=year)),
        open=Count("pk", filter=Q(status__in=OPEN)),
        finished=Count("pk", filter=Q(status__in=FINISHED, created_at__year=year)),
        overdue=Count("pk", filter=Q(overdue=True, status__in=OPEN)),
        wishes=Count("pk", filter=Q(kind=Case.Kind.WISH, created_at__year=year)),
    )
    f = [
        (
            "cases_year",
            _("Demands this year"),
            counts["year"],
            CaseFilter(year=year),
        ),
        ("cases_open", _("Open demands"), counts["open"], CaseFilter(group="open")),
        (
            "cases_finished",
            _("Finished this year"),
            counts["finished"],
            CaseFilter(group="finished", year=year),
        ),
        ("cases_overdue", _("Overdue"), counts["overdue"], CaseFilter(overdue=True)),
        (
            "wishes_year",
            _("Wishes this year"),
            counts["wishes"],
            CaseFilter(kind=Case.Kind.WISH, year=year),
        ),
    ]
    return Section(
        "cases",
        _("Demands"),
        [Figure(key, label, value, _cases_url(area, flt)) for key, label, value, flt in f],
    )


def case_charts(area: Area, today: dt.date) -> list[Chart]:
    cases = Case.objects.filter(area__path__startswith=area.path)
    first = dt.date(today.year - 1, today.month, 1)
    months = {
        row["m"].strftime("%Y-%m") if hasattr(row["m"], "strftime") else str(row["m"])[:7]: row["n"]
        for row in cases.filter(created_at__date__gte=first)
        .annotate(m=TruncMonth("created_at"))
        .values("m")
        .annotate(n=Count("pk"))
    }
    month_keys = []
    day = first
    while day <= today:
        month_keys.append(day.strftime("%Y-%m"))
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    by_month = Chart(
        "by_month",
        _("Demands by month submitted"),
        "bar",
        month_keys,
        [months.get(m, 0) for m in month_keys],
        [_cases_url(area, CaseFilter(month=m)) for m in month_keys],
    )
    year = today.year
    names = dict(Category.objects.values_list("pk", "name"))
    by_category = sorted(
        cases.filter(created_at__year=year).values("category").annotate(n=Count("pk")),
        key=lambda r: -r["n"],
    )
    category = Chart(
        "by_category",
        _("Demands this year by category"),
        "bar",
        [names.get(r["category"], "") for r in by_category],
        [r["n"] for r in by_category],
        [_cases_url(area, CaseFilter(category=r["category"], year=year)) for r in by_category],
    )
    channels = dict(Case.Channel.choices)
    by_channel = list(
        cases.filter(created_at__year=year).values("channel").annotate(n=Count("pk")).order_by("-n")
    )
    channel = Chart(
        "by_channel",
        _("Demands this year by channel"),
        "pie",
        [str(channels.get(r["channel"], r["channel"])) for r in by_channel],
        [r["n"] for r in by_channel],
        [_cases_url(area, CaseFilter(channel=r["channel"], year=year)) for r in by_channel],
    )
    return [by_month, category, channel]


def rates_section(area: Area, today: dt.date):
    """The three rates this year, and the communities' league table."""
    first = dt.date(today.year, 1, 1)
    cases = Case.objects.all()
    mine = cases.filter(area__path__startswith=area.path)
    rates = rates_for(cases_qs=mine, period_start=first, period_end=today)
    url = f"{reverse('cases:rates')}?period=year"
    section = Section(
        "rates",
        _("The three rates this year"),
        [
            Figure("response", _("Response rate"), rates.response, url, "%", counts=False),
            Figure("resolution", _("Resolution rate"), rates.resolution, url, "%", counts=False),
            Figure(
                "satisfaction", _("Satisfaction rate"), rates.satisfaction, url, "%", counts=False
            ),
        ],
    )
    league = []
    if area.depth < 3:
        rows = rates_by_area(
            area, Area.Level.COMMUNITY, cases_qs=cases, period_start=first, period_end=today
        )
        league = sorted(
            (r for r in rows if r[0].level == Area.Level.COMMUNITY),
            key=lambda r: -(r[1].composite or 0),
        )
    return section, league


def venues_section(area: Area, today: dt.date) -> Section:
    venues = Venue.objects.filter(area__path__startswith=area.path)
    counts = venues.aggregate(
        all=Count("pk"),
        built=Count("pk", filter=Q(kind=Venue.Kind.STATION, provided_by__isnull=True)),
        provided=Count("pk", filter=Q(provided_by__isnull=False)),
    )
    week = week_start(today)
    start = timezone.make_aware(dt.datetime.combine(week, dt.time()))
    bookings = Booking.objects.filter(
        room__venue__in=venues,
        status=Booking.Status.ACTIVE,
        starts_at__gte=start,
        starts_at__lt=start + dt.timedelta(days=7),
    ).count()
    cover = area_coverage(venues, week)
    return Section(
        "venues",
        _("Venues"),
        [
            Figure("venues", _("Venues"), counts["all"], _url("venues:list", area)),
            Figure(
                "stations_built",
                _("Stations built by communities"),
                counts["built"],
                _url("venues:list", area, kind="station", provided="no"),
            ),
            Figure(
                "venues_provided",
                _("In space provided by units"),
                counts["provided"],
                _url("venues:list", area, provided="yes"),
            ),
            Figure(
                "bookings_week",
                _("Bookings this week"),
                bookings,
                _url("venues:bookings", area, week=week.isoformat()),
            ),
            Figure(
                "duty_coverage",
                _("Duty coverage this week"),
                cover,
                f"{reverse('venues:coverage')}?week={week.isoformat()}",
                "%",
                counts=False,
            ),
        ],
    )


def governance_section(area: Area) -> Section:
    six = governance.summary(governance.criteria_set(SIX_HAVE), area)
    three = governance.summary(governance.criteria_set(THREE_WITHOUT), area)
    compounds = reverse("governance:compounds")
    return Section(
        "governance",
        _("Compounds: from 三无 to 六有"),
        [
            Figure("compounds", _("Compounds"), six.compounds, f"{compounds}?area={area.pk}"),
            Figure(
                "six_have",
                _("With all of 六有"),
                six.whole,
                f"{compounds}?area={area.pk}&state=whole",
            ),
            Figure(
                "six_lacking",
                _("Still lacking an item"),
                six.short,
                f"{compounds}?area={area.pk}&state=lacking",
            ),
            Figure(
                "three_without",
                _("三无 compounds now"),
                three.whole,
                f"{reverse('governance:overview')}?area={area.pk}",
                counts=False,
            ),
        ],
    )


def reporting_section(area: Area) -> Section:
    c = offers.coverage(area)

    def gap(name: str) -> str:
        return f"{reverse('offers:gap', args=[name])}?area={area.pk}"

    page = f"{reverse('offers:coverage')}?area={area.pk}"
    return Section(
        "reporting",
        _("Double reporting and pairing"),
        [
            Figure("units_registered", _("Units reported"), c.units_registered, page, counts=False),
            Figure(
                "units_unregistered",
                _("Units not yet reported"),
                c.gap_count("unregistered_units"),
                gap("unregistered_units"),
            ),
            Figure(
                "members_registered",
                _("Party members reported"),
                c.members_registered,
                page,
                counts=False,
            ),
            Figure(
                "members_unregistered",
                _("Party members not yet reported"),
                c.gap_count("unregistered_members"),
                gap("unregistered_members"),
            ),
            Figure(
                "compounds_unpaired",
                _("Compounds without a paired unit"),
                c.gap_count("unpaired_compounds"),
                gap("unpaired_compounds"),
            ),
        ],
    )


def volunteering_section(area: Area) -> Section:
    v = volunteering.figures(area)
    return Section(
        "volunteering",
        _("Volunteering"),
        [
            Figure(
                "teams",
                _("Teams"),
                v["teams"],
                f"{reverse('volunteering:teams')}?area={area.pk}",
            ),
            Figure(
                "volunteers",
                _("Volunteers"),
                v["volunteers"],
                f"{reverse('volunteering:volunteers')}?area={area.pk}",
            ),
            Figure(
                "hours",
                _("Hours served"),
                v["hours"],
                f"{reverse('volunteering:teams')}?area={area.pk}",
                counts=False,
            ),
            Figure(
                "served",
                _("Residents served (person-times)"),
                v["served"],
                f"{reverse('volunteering:teams')}?area={area.pk}",
                counts=False,
            ),
            Figure(
                "needs",
                _("Needs collected"),
                v["needs"],
                f"{reverse('volunteering:teams')}?area={area.pk}",
                counts=False,
            ),
        ],
    )


def dashboard(area: Area, today: dt.date | None = None) -> dict:
    """Everything the dashboard of an area shows."""
    today = today or timezone.localdate()
    rates, league = rates_section(area, today)
    return {
        "sections": [
            cases_section(area, today),
            rates,
            governance_section(area),
            reporting_section(area),
            venues_section(area, today),
            volunteering_section(area),
        ],
        "charts": case_charts(area, today),
        "league": league,
        "today": today,
    }
