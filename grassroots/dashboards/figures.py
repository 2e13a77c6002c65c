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
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.accounts.scopes import paths_q
from grassroots.areas.models import Area
from grassroots.areas.places import Places
from grassroots.cases.kpis import formula_for, rates_from
from grassroots.cases.models import Case, Category
from grassroots.cases.selectors import CaseFilter
from grassroots.dashboards import tallies
from grassroots.governance import selectors as governance
from grassroots.governance.criteria import SIX_HAVE, THREE_WITHOUT
from grassroots.offers import selectors as offers
from grassroots.units.models import Unit
from grassroots.venues.models import Booking, Venue
from grassroots.venues.selectors import area_coverage, week_start
from grassroots.volunteering import selectors as volunteering

Place = Area | Places  # one area, or several summed


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


def _url(name: str, area: Place, **params) -> str:
    query = {"area": area.pk, **{k: v for k, v in params.items() if v not in ("", None)}}
    return f"{reverse(name)}?{urlencode(query)}"


def _cases_url(area, flt: CaseFilter) -> str:
    """The case list with a figure's filters, over the same area(s)."""
    query = "&".join(q for q in (f"area={area.pk}", flt.query()) if q)
    return f"{reverse('cases:list')}?{query}"


def cases_section(area: Place, cf: tallies.CaseFigures, today: dt.date) -> Section:
    year = today.year
    f = [
        ("cases_year", _("Demands this year"), cf.year(year), CaseFilter(year=year)),
        ("cases_open", _("Open demands"), cf.counts.get("open", 0), CaseFilter(group="open")),
        (
            "cases_finished",
            _("Finished this year"),
            cf.counts.get("finished", 0),
            CaseFilter(group="finished", year=year),
        ),
        (
            "cases_overdue",
            _("Overdue"),
            cf.counts.get("overdue", 0),
            CaseFilter(overdue=True),
        ),
        (
            "wishes_year",
            _("Wishes this year"),
            cf.counts.get("wishes", 0),
            CaseFilter(kind=Case.Kind.WISH, year=year),
        ),
    ]
    return Section(
        "cases",
        _("Demands"),
        [Figure(key, label, value, _cases_url(area, flt)) for key, label, value, flt in f],
    )


def case_charts(area: Place, cf: tallies.CaseFigures, today: dt.date) -> list[Chart]:
    month_keys = []
    day = dt.date(today.year - 1, today.month, 1)
    while day <= today:
        month_keys.append(day.strftime("%Y-%m"))
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    by_month = Chart(
        "by_month",
        _("Demands by month submitted"),
        "bar",
        month_keys,
        [cf.months.get(m, 0) for m in month_keys],
        [_cases_url(area, CaseFilter(month=m)) for m in month_keys],
    )
    year = today.year
    names = dict(Category.objects.values_list("pk", "name"))
    by_category = sorted(cf.categories.items(), key=lambda item: (-item[1], item[0]))
    category = Chart(
        "by_category",
        _("Demands this year by category"),
        "bar",
        [names.get(pk, "") for pk, _n in by_category],
        [n for _pk, n in by_category],
        [_cases_url(area, CaseFilter(category=pk, year=year)) for pk, _n in by_category],
    )
    labels = dict(Case.Channel.choices)
    by_channel = sorted(cf.channels.items(), key=lambda item: (-item[1], item[0]))
    channel = Chart(
        "by_channel",
        _("Demands this year by channel"),
        "pie",
        [str(labels.get(code, code)) for code, _n in by_channel],
        [n for _code, n in by_channel],
        [_cases_url(area, CaseFilter(channel=code, year=year)) for code, _n in by_channel],
    )
    return [by_month, category, channel]


UNIT_LEAGUE = 20  # the league of units shows the best this many; the rates page has them all


def _ranked(rows):
    """Best composite first; of equals, the one that took more demands."""
    return sorted(
        rows,
        key=lambda r: (r[1].composite is None, -(r[1].composite or 0), -r[1].taken, r[0].name),
    )


def rates_section(area: Place, cf: tallies.CaseFigures, today: dt.date):
    """The three rates this year, the league table of the areas one level down (counties of
    the city, communities of a county or street) and that of the units leading the cases."""
    formula = formula_for(today)
    rates = rates_from(cf.rates, formula)
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
    length = tallies.league_length(area.paths)
    league = []
    if length:
        places = Area.objects.filter(paths_q(area.paths), depth=length // Area.steplen)
        league = _ranked(
            (place, rates_from(cf.by_scope.get(place.path), formula))
            for place in places.order_by("path")
        )
    units = Unit.objects.in_bulk(list(cf.by_unit))
    unit_league = _ranked(
        (unit, rates_from(cf.by_unit[pk], formula)) for pk, unit in units.items()
    )[:UNIT_LEAGUE]
    return section, league, unit_league


def venues_section(area: Place, today: dt.date) -> Section:
    venues = Venue.objects.filter(paths_q(area.paths, "area__path"))
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


def governance_section(area: Place) -> Section:
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


def reporting_section(area: Place) -> Section:
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


def volunteering_section(area: Place, cf: tallies.CaseFigures) -> Section:
    v = volunteering.figures(area, needs=False)
    v["needs"] = cf.counts.get("needs", 0)
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


def dashboard(area, today: dt.date | None = None) -> dict:
    """Everything the dashboard of an area (or of several, summed: `Places`) shows; the city's
    shows the demands and the three rates over all its counties (the other modules' figures
    are each county's)."""
    today = today or timezone.localdate()
    cf = tallies.figures(area.paths, today)
    rates, league, unit_league = rates_section(area, cf, today)
    sections = [cases_section(area, cf, today), rates]
    if area.level != Area.Level.CITY:
        sections += [
            governance_section(area),
            reporting_section(area),
            venues_section(area, today),
            volunteering_section(area, cf),
        ]
    return {
        "sections": sections,
        "charts": case_charts(area, cf, today),
        "league": league,
        "unit_league": unit_league,
        "today": today,
        "stored": cf.stored,
        "as_of": cf.as_of,
    }
