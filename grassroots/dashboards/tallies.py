"""The dashboards' case figures, counted per community and summed for any larger area.

`count(cases)` makes the tallies of some cases in a fixed number of grouped queries: per scope
(the area path cut at community depth), the open and overdue cases, this year's finished cases
and wishes, the needs collected (wish wall and questionnaires, as the wishes app counts them),
the cases of each month since January last year, this year's by category and by channel, and
the counts behind the three rates this year per lead unit. `figures(path)` sums them for an
area (the empty path is the whole city).

The worker keeps the tallies in `CaseTally`/`RateTally` (`refresh`, every 30 seconds): a
refresh recounts only the scopes with cases changed since the last one (`Case.updated_at`,
which every move and the overdue flag set) or whose sign-by time has passed since (the
response rate counts those); a new year, a first run, many changed scopes or a day without a
full count rebuilds everything. `figures` reads the stored tallies only while they are at most
`MAX_AGE` old and counts directly otherwise: the same code either way, so the same numbers
(the tests compare them after every kind of change). Without the worker (the suite, a bare
checkout) every view counts directly.
"""

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr, TruncMonth
from django.utils import timezone

from grassroots.areas.models import Area
from grassroots.cases.kpis import MEASURES, formula_for, lead_unit, rate_counts
from grassroots.cases.models import Case
from grassroots.cases.workflow import FINISHED, OPEN
from grassroots.dashboards.models import CaseTally, RateTally, TallyState
from grassroots.wishes.selectors import COLLECTED_CHANNELS

SCOPE_LENGTH = Area.depth_of(Area.Level.COMMUNITY) * Area.steplen  # the path of a community
COUNTY_LENGTH = Area.depth_of(Area.Level.COUNTY) * Area.steplen
MAX_AGE = dt.timedelta(seconds=60)
LOOKBACK = dt.timedelta(minutes=2)  # a transaction still open when the last count began
FULL_EVERY = dt.timedelta(days=1)
MANY_SCOPES = 200  # more changed scopes than this: count everything again
PLAIN = ("open", "overdue", "finished", "wishes", "needs")
NEEDS = (Case.Kind.WISH, Case.Kind.NEED)  # needs collected: wishes and needs from the wall


@dataclass
class CaseFigures:
    """The case figures of one area (the sums of its scopes' tallies)."""

    counts: dict[str, int] = field(default_factory=dict)  # open, overdue, finished, wishes, needs
    months: dict[str, int] = field(default_factory=dict)  # "2026-03" → cases submitted
    categories: dict[int, int] = field(default_factory=dict)  # this year
    channels: dict[str, int] = field(default_factory=dict)  # this year
    rates: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MEASURES, 0))
    by_scope: dict[str, dict[str, int]] = field(default_factory=dict)  # rate counts per scope
    by_unit: dict[int, dict[str, int]] = field(default_factory=dict)  # rate counts per unit
    stored: bool = False  # read from the worker's tallies (else counted now)
    as_of: dt.datetime | None = None

    def year(self, year: int) -> int:
        return sum(n for month, n in self.months.items() if month.startswith(f"{year}-"))


def _scope():
    return Substr("area__path", 1, SCOPE_LENGTH)


def _start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, timezone.get_current_timezone())


def count(
    cases, today: dt.date, now: dt.datetime | None = None
) -> tuple[list[CaseTally], list[RateTally]]:
    """The tallies of `cases` (a queryset) per scope as they stand at `now`, in five grouped
    queries."""
    year = today.year
    this_year = Q(created_at__gte=_start(dt.date(year, 1, 1)))
    scoped = cases.annotate(scope=_scope()).order_by()
    tallies = []
    for row in scoped.values("scope").annotate(
        open=Count("pk", filter=Q(status__in=OPEN)),
        overdue=Count("pk", filter=Q(overdue=True, status__in=OPEN)),
        finished=Count("pk", filter=Q(status__in=FINISHED) & this_year),
        wishes=Count("pk", filter=Q(kind=Case.Kind.WISH) & this_year),
        needs=Count("pk", filter=Q(kind__in=NEEDS, channel__in=COLLECTED_CHANNELS)),
    ):
        tallies += [CaseTally(scope=row["scope"], key=k, n=row[k]) for k in PLAIN if row[k]]
    months = scoped.filter(created_at__gte=_start(dt.date(year - 1, 1, 1)))
    for row in (
        months.annotate(m=TruncMonth("created_at")).values("scope", "m").annotate(n=Count("pk"))
    ):
        month = row["m"].strftime("%Y-%m") if hasattr(row["m"], "strftime") else str(row["m"])[:7]
        tallies.append(CaseTally(scope=row["scope"], key="month", dim=month, n=row["n"]))
    mine = scoped.filter(this_year)
    for row in mine.values("scope", "category").annotate(n=Count("pk")):
        tallies.append(
            CaseTally(scope=row["scope"], key="category", dim=str(row["category"]), n=row["n"])
        )
    for row in mine.values("scope", "channel").annotate(n=Count("pk")):
        tallies.append(CaseTally(scope=row["scope"], key="channel", dim=row["channel"], n=row["n"]))
    rates = [
        RateTally(scope=row["k_scope"], unit_id=row["k_unit"], **{m: row[m] for m in MEASURES})
        for row in rate_counts(
            cases,
            period_start=dt.date(year, 1, 1),
            period_end=today,
            formula=formula_for(today),
            keys={"k_scope": _scope(), "k_unit": lead_unit()},
            now=now,
        )
    ]
    return tallies, rates


def _add(into: dict, counts: dict) -> None:
    for m in MEASURES:
        into[m] = into.get(m, 0) + (counts.get(m) or 0)


def _summed(tallies, rates, league_length: int) -> CaseFigures:
    """Sum tallies (model instances or (key, dim, n) rows) into an area's figures."""
    result = CaseFigures()
    for key, dim, n in tallies:
        if key == "month":
            result.months[dim] = result.months.get(dim, 0) + n
        elif key == "category":
            result.categories[int(dim)] = result.categories.get(int(dim), 0) + n
        elif key == "channel":
            result.channels[dim] = result.channels.get(dim, 0) + n
        else:
            result.counts[key] = result.counts.get(key, 0) + n
    by_scope: defaultdict[str, dict] = defaultdict(dict)
    by_unit: defaultdict[int, dict] = defaultdict(dict)
    for scope, unit, counts in rates:
        _add(result.rates, counts)
        if league_length and len(scope) >= league_length:
            _add(by_scope[scope[:league_length]], counts)
        if unit is not None:
            _add(by_unit[unit], counts)
    result.by_scope, result.by_unit = dict(by_scope), dict(by_unit)
    return result


def _paths(paths: str | Sequence[str]) -> tuple[str, ...]:
    return (paths,) if isinstance(paths, str) else tuple(paths)


def league_length(paths: str | Sequence[str]) -> int:
    """Which areas the league table ranks: a city's counties, a county's or a street's
    communities, the areas themselves when there are several; none for one community."""
    paths = _paths(paths)
    if len(paths) > 1:
        return len(paths[0]) if len({len(p) for p in paths}) == 1 else 0
    path = paths[0] if paths else ""
    if len(path) < COUNTY_LENGTH:
        return COUNTY_LENGTH
    return SCOPE_LENGTH if len(path) < SCOPE_LENGTH else 0


def direct(paths: str | Sequence[str], today: dt.date) -> CaseFigures:
    """Count the figures of an area (or of several) now, from its cases."""
    q = Q(pk__in=[])
    for path in _paths(paths):
        q |= Q(area__path__startswith=path)
    tallies, rates = count(Case.objects.filter(q), today)
    return _summed(
        ((t.key, t.dim, t.n) for t in tallies),
        ((r.scope, r.unit_id, {m: getattr(r, m) for m in MEASURES}) for r in rates),
        league_length(paths),
    )


def stored(paths: str | Sequence[str]) -> CaseFigures:
    """Sum the worker's tallies for an area, or several (in two queries, whatever their size)."""
    inside = Q(pk__in=[])
    for path in _paths(paths):
        inside |= (
            Q(scope=path[:SCOPE_LENGTH]) if len(path) >= SCOPE_LENGTH else Q(scope__startswith=path)
        )
    tallies = CaseTally.objects.filter(inside).values("key", "dim").annotate(total=Sum("n"))
    rates = RateTally.objects.filter(inside).values_list("scope", "unit_id", *MEASURES)
    return _summed(
        ((row["key"], row["dim"], row["total"]) for row in tallies.order_by()),
        ((row[0], row[1], dict(zip(MEASURES, row[2:], strict=True))) for row in rates),
        league_length(paths),
    )


def figures(paths: str | Sequence[str], today: dt.date | None = None) -> CaseFigures:
    """The case figures of an area, or of several summed: the worker's tallies while fresh,
    else counted now.

    A compound or building (path longer than a community's) always counts directly: the
    tallies stop at communities."""
    paths = _paths(paths)
    today = today or timezone.localdate()
    state = TallyState.objects.filter(pk=1).first()
    now = timezone.now()
    if (
        state is not None
        and state.refreshed_at is not None
        and state.year == today.year
        and now - state.refreshed_at <= MAX_AGE
        and all(len(path) <= SCOPE_LENGTH for path in paths)
    ):
        result = stored(paths)
        result.stored, result.as_of = True, state.refreshed_at
        return result
    result = direct(paths, today)
    result.as_of = now
    return result


def _dirty(since: dt.datetime, now: dt.datetime) -> set[str]:
    """The scopes of cases changed since `since`, or whose sign-by time passed since: two
    queries, each on its own index (one with an OR would read every case on SQLite)."""
    changed = Case.objects.filter(updated_at__gte=since)
    due = Case.objects.filter(sign_due_at__gte=since, sign_due_at__lt=now)
    return {
        scope
        for cases in (changed, due)
        for scope in cases.annotate(scope=_scope())
        .order_by()
        .values_list("scope", flat=True)
        .distinct()
    }


def _in_scopes(scopes: set[str]) -> Q:
    """The cases whose scope is one of `scopes`: under a community, or filed at a shorter path.
    Matched on the areas first, so the cases are found through their area index."""
    places = Q(pk__in=[])
    for scope in scopes:
        places |= Q(path__startswith=scope) if len(scope) == SCOPE_LENGTH else Q(path=scope)
    return Q(area__in=Area.objects.filter(places).values("pk"))


def refresh(now: dt.datetime | None = None) -> TallyState:
    """Bring the stored tallies up to date (see the module's description)."""
    began = time.monotonic()
    now = now or timezone.now()
    today = timezone.localdate(now)
    state, _ = TallyState.objects.get_or_create(pk=1)
    scopes = None  # everything
    if (
        state.refreshed_at is not None
        and state.full_at is not None
        and state.year == today.year
        and now - state.full_at <= FULL_EVERY
    ):
        scopes = _dirty(state.refreshed_at - LOOKBACK, now)
        if len(scopes) > MANY_SCOPES:
            scopes = None
    if scopes is None:
        tallies, rates = count(Case.objects.all(), today, now)
    elif scopes:
        tallies, rates = count(Case.objects.filter(_in_scopes(scopes)), today, now)
    else:
        tallies, rates = [], []
    with transaction.atomic():
        state = TallyState.objects.select_for_update().get(pk=1)
        if scopes is None:
            CaseTally.objects.all().delete()
            RateTally.objects.all().delete()
        elif scopes:
            CaseTally.objects.filter(scope__in=scopes).delete()
            RateTally.objects.filter(scope__in=scopes).delete()
        CaseTally.objects.bulk_create(tallies, batch_size=2000)
        RateTally.objects.bulk_create(rates, batch_size=2000)
        state.refreshed_at, state.year = now, today.year
        if scopes is None:
            state.full_at = now
        state.took_ms = int((time.monotonic() - began) * 1000)
        state.save()
    return state
