"""The three rates (三率) and the composite, computed from events, assignments and ratings.

Nothing here is ever typed in. Every figure is a count over a period P, from `period_start`
00:00 to the day after `period_end` 00:00 (local time). Outcomes are counted as they stood at the
cutoff C: the end of P, or now while P is still running — so a past period's figures never change.

Words used below, for one case:

* routed in P — it has a 'dispatch' or 'publish' event in P (it needed a taker in P);
* signed — it has an 'accept' or 'claim' event before C (a taker signed for it: 签收 / 接单);
* signed in time — such an event is no later than the case's sign-by time (Case.sign_due_at);
* withdrawn — it has a 'withdraw' event before C; withdrawn early: before its sign-by time.

The rates (each a percentage with one decimal, rounded half up; none when the denominator is 0):

* Response rate (响应率) = signed in time ÷ due for signing.
  Due for signing: routed in P, and signed, or its sign-by time passed before C without the case
  being withdrawn early (a case withdrawn before its deadline asked nothing more of a taker; a
  deadline still running is not yet due). With `late_response_counts`, every signed case counts
  in the numerator.
* Resolution rate (解决率) = resolved ÷ taken.
  Taken: routed in P, signed, and not withdrawn. Resolved: taken, and its last 'complete' event
  before C is later than every 'verify_fail' and 'reopen' event before C (reported handled, then
  verified or closed, and not sent back to be redone).
* Satisfaction rate (满意率) = (satisfied + basically satisfied × `basically_counts_as`) ÷ rated.
  Rated: the case's rating was given in P (Case.rated_at in P; a rating undone by a reopen is
  gone).
* Composite (综合) = (response × response weight + resolution × resolution weight + satisfaction
  × satisfaction weight) ÷ 100, from the three rates as shown (one decimal), rounded half up;
  none while any of the three is missing.

The formula in force for P is the RateFormula with the newest `effective_from` on or before P's
last day (the higher version on the same day); without one, the defaults, as version 0.

Breakdowns group in the database: by area (the case's area path cut at the row's depth) and by
unit (the unit of the case's most recent lead assignment). Each call takes a fixed number of
queries whatever the number of cases.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import connections
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Substr
from django.utils import timezone

from grassroots.areas.models import Area
from grassroots.areas.queries import under
from grassroots.cases.models import Assignment, Case, Event, RateFormula
from grassroots.cases.workflow import Action
from grassroots.units.models import Unit

ROUTED = (Action.DISPATCH, Action.PUBLISH)
SIGNED = (Action.ACCEPT, Action.CLAIM)
REDO = (Action.VERIFY_FAIL, Action.REOPEN)
PERIODS = ("month", "quarter", "year", "custom")
ONE_DECIMAL = Decimal("0.1")
MEASURES = ("to_sign", "signed_in_time", "taken", "resolved", "rated", "satisfied", "basically")


@dataclass(frozen=True)
class Rates:
    """The numerators, denominators and rates of one row, and the formula version used."""

    version: int
    to_sign: int  # response: denominator
    signed_in_time: int  # response: numerator
    taken: int  # resolution: denominator
    resolved: int  # resolution: numerator
    rated: int  # satisfaction: denominator
    satisfied: int
    basically: int
    satisfaction_points: Decimal  # satisfaction: numerator
    response: Decimal | None
    resolution: Decimal | None
    satisfaction: Decimal | None
    composite: Decimal | None

    @property
    def dissatisfied(self) -> int:
        return self.rated - self.satisfied - self.basically

    @property
    def points_text(self) -> str:
        """The satisfaction numerator without trailing zeros: 1.8, 6."""
        text = f"{self.satisfaction_points:f}"
        return text.rstrip("0").rstrip(".") if "." in text else text

    @property
    def bar(self) -> int:
        """The composite rounded to a 5 % step, for the width classes of the bar chart."""
        if self.composite is None:
            return 0
        step = int((self.composite / 5).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * 5
        return max(0, min(100, step))


@dataclass(frozen=True)
class RatesReport:
    """A period's figures for an area (or several) and one breakdown's rows."""

    period_start: dt.date
    period_end: dt.date
    formula: RateFormula
    total: Rates
    rows: list[tuple[Area | Unit, Rates]]


def formula_for(period_end: dt.date) -> RateFormula:
    """The formula version in force on `period_end`, or the unsaved defaults as version 0."""
    found = RateFormula.objects.filter(effective_from__lte=period_end).order_by(
        "-effective_from", "-version"
    )
    return found.first() or RateFormula(version=0, effective_from=dt.date(2000, 1, 1))


def period_bounds(period: str, day: dt.date, end: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """First and last day of the month, quarter or year holding `day`; custom: day..end."""
    if period == "custom":
        return day, end or day
    if period == "year":
        return day.replace(month=1, day=1), day.replace(month=12, day=31)
    months = 3 if period == "quarter" else 1
    first_month = (day.month - 1) // months * months + 1
    first = day.replace(month=first_month, day=1)
    after = dt.date(
        first.year + (first_month + months > 12), (first_month + months - 1) % 12 + 1, 1
    )
    return first, after - dt.timedelta(days=1)


def rates_for(
    *,
    cases_qs: QuerySet[Case],
    period_start: dt.date,
    period_end: dt.date,
    formula: RateFormula | None = None,
) -> Rates:
    """The three rates and the composite over `cases_qs` in the period (inclusive dates)."""
    formula = formula or formula_for(period_end)
    tally = _tally(cases_qs, _window(period_start, period_end), formula)
    return _rates(tally.get(None), formula)


def rates_by_area(
    area: Area,
    level: str,
    *,
    cases_qs: QuerySet[Case],
    period_start: dt.date,
    period_end: dt.date,
    formula: RateFormula | None = None,
) -> list[tuple[Area, Rates]]:
    """One row per area of `level` inside `area` (itself included), in tree order."""
    formula = formula or formula_for(period_end)
    rows = list(Area.objects.filter(path__startswith=area.path, level=level).order_by("path"))
    if not rows:
        return []
    # The tree never skips a level, so every row sits at the same depth.
    key = Substr("area__path", 1, len(rows[0].path))
    inside = cases_qs.filter(under(area))
    tally = _tally(inside, _window(period_start, period_end), formula, key=key)
    return [(row, _rates(tally.get(row.path), formula)) for row in rows]


def rates_by_unit(
    *,
    cases_qs: QuerySet[Case],
    period_start: dt.date,
    period_end: dt.date,
    formula: RateFormula | None = None,
) -> list[tuple[Unit, Rates]]:
    """One row per unit leading a case with figures in the period, best composite first."""
    formula = formula or formula_for(period_end)
    tally = _tally(cases_qs, _window(period_start, period_end), formula, key=lead_unit())
    units = Unit.objects.in_bulk([pk for pk in tally if pk is not None])
    rows = [(unit, _rates(tally[pk], formula)) for pk, unit in units.items()]
    return sorted(
        rows, key=lambda row: (row[1].composite is None, -(row[1].composite or 0), row[0].name)
    )


def rates_report(
    *,
    roots: list[Area],
    cases_qs: QuerySet[Case],
    by: str,
    period_start: dt.date,
    period_end: dt.date,
) -> RatesReport:
    """The total over `cases_qs` and its breakdown by unit or by areas of one level in `roots`."""
    formula = formula_for(period_end)
    rows: list[tuple[Area | Unit, Rates]] = []
    if by == "unit":
        rows.extend(
            rates_by_unit(
                cases_qs=cases_qs, period_start=period_start, period_end=period_end, formula=formula
            )
        )
    else:
        for root in roots:
            rows.extend(
                rates_by_area(
                    root,
                    by,
                    cases_qs=cases_qs,
                    period_start=period_start,
                    period_end=period_end,
                    formula=formula,
                )
            )
    total = rates_for(
        cases_qs=cases_qs, period_start=period_start, period_end=period_end, formula=formula
    )
    return RatesReport(period_start, period_end, formula, total, rows)


def lead_unit() -> Subquery:
    """The unit of a case's most recent lead assignment (the unit its figures count for)."""
    lead = Assignment.objects.filter(case=OuterRef("pk"), role=Assignment.Role.LEAD)
    return Subquery(lead.order_by("-created_at", "-pk").values("unit")[:1])


def rate_counts(
    cases_qs: QuerySet[Case],
    *,
    period_start: dt.date,
    period_end: dt.date,
    formula: RateFormula,
    keys: dict,
    now: dt.datetime | None = None,
) -> list[dict]:
    """The counts behind the rates grouped by several `keys` (name → expression), in one query:
    one dict per group with the keys and the counts (`MEASURES`), as they stood at `now`.
    Counts of disjoint groups add up to the counts of their union; `rates_from` turns them
    into rates."""
    return _tally(cases_qs, _window(period_start, period_end, now), formula, key=keys)


def rates_from(counts: dict | None, formula: RateFormula) -> Rates:
    return _rates(counts, formula)


@dataclass(frozen=True)
class _Window:
    start: dt.datetime  # the period's first moment
    end: dt.datetime  # the moment after its last day
    cutoff: dt.datetime  # outcomes are counted as they stood then


def _window(period_start: dt.date, period_end: dt.date, now: dt.datetime | None = None) -> _Window:
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(period_start, dt.time.min, tz)
    end = dt.datetime.combine(period_end + dt.timedelta(days=1), dt.time.min, tz)
    return _Window(start, end, min(end, now or timezone.now()))


# Each measure over one row per case of `_flags`, as SQL common to SQLite and PostgreSQL (the
# flags are booleans, 0/1 on SQLite) with the window's moments it compares with.
_RATED = "(f.rating <> '' AND f.rated_at >= %s AND f.rated_at < %s)"
_TAKEN = "(f.k_routed AND f.k_signed AND NOT f.k_withdrawn)"
_MEASURES_SQL = {
    "to_sign": (
        "f.k_routed AND (f.k_signed OR (f.sign_due_at < %s AND NOT f.k_withdrawn_early))",
        ("cutoff",),
    ),
    "signed_in_time": ("f.k_routed AND f.k_in_time", ()),
    "taken": (_TAKEN, ()),
    "resolved": (
        f"{_TAKEN} AND f.k_done IS NOT NULL AND (f.k_redo IS NULL OR f.k_redo < f.k_done)",
        (),
    ),
    "rated": (_RATED, ("start", "end")),
    "satisfied": (f"{_RATED} AND f.rating = '{Case.Rating.SATISFIED}'", ("start", "end")),
    "basically": (f"{_RATED} AND f.rating = '{Case.Rating.BASICALLY}'", ("start", "end")),
}


def _flags(cases_qs: QuerySet[Case], w: _Window, formula: RateFormula) -> QuerySet[Case]:
    """One row per case routed or rated in the window, with what the measures ask of it."""
    events = Event.objects.filter(case=OuterRef("pk"), at__lt=w.cutoff)
    signing = events.filter(action__in=SIGNED)
    in_time = (
        signing if formula.late_response_counts else signing.filter(at__lte=OuterRef("sign_due_at"))
    )
    rated = Q(rated_at__gte=w.start, rated_at__lt=w.end) & ~Q(rating="")
    return cases_qs.annotate(
        k_routed=Exists(events.filter(action__in=ROUTED, at__gte=w.start, at__lt=w.end)),
        k_signed=Exists(signing),
        k_in_time=Exists(in_time),
        k_withdrawn=Exists(events.filter(action=Action.WITHDRAW)),
        k_withdrawn_early=Exists(
            events.filter(action=Action.WITHDRAW, at__lt=OuterRef("sign_due_at"))
        ),
        k_done=_last(events, (Action.COMPLETE,)),
        k_redo=_last(events, REDO),
    ).filter(Q(k_routed=True) | rated)


def _tally(cases_qs: QuerySet[Case], w: _Window, formula: RateFormula, key=None):
    """The counts behind the rates, in one query: {key: counts}, or {None: counts} without key,
    or with `key` a dict of names → expressions, a list of dicts with the names and counts.

    The flags of each case are worked out once in an inner query (the ORM would repeat every
    subquery in each measure's filter), then counted over it."""
    keys = {} if key is None else key if isinstance(key, dict) else {"k_key": key}
    flags = _flags(cases_qs, w, formula).annotate(**keys).order_by()
    columns = [*keys, *(name for name in FLAG_COLUMNS)]
    inner, params = flags.values(*columns).query.sql_with_params()
    connection = connections[cases_qs.db]
    quote = connection.ops.quote_name
    adapt = connection.ops.adapt_datetimefield_value
    window = {"cutoff": adapt(w.cutoff), "start": adapt(w.start), "end": adapt(w.end)}
    group = ", ".join(f"f.{quote(k)}" for k in keys)
    sums, outer_params = [], []
    for measure in MEASURES:
        condition, moments = _MEASURES_SQL[measure]
        sums.append(f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)")
        outer_params += [window[m] for m in moments]
    select = ", ".join(([group] if group else []) + sums)
    sql = f"SELECT {select} FROM ({inner}) f" + (f" GROUP BY {group}" if group else "")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*outer_params, *params])  # the sums come before the FROM
        rows = cursor.fetchall()
    found = [
        {
            **dict(zip(keys, row[: len(keys)], strict=True)),
            **{m: int(n or 0) for m, n in zip(MEASURES, row[len(keys) :], strict=True)},
        }
        for row in rows
    ]
    if key is None:
        return {None: found[0] if found else dict.fromkeys(MEASURES, 0)}
    if isinstance(key, dict):
        return found
    return {row.pop("k_key"): row for row in found}


FLAG_COLUMNS = (
    "k_routed",
    "k_signed",
    "k_in_time",
    "k_withdrawn",
    "k_withdrawn_early",
    "k_done",
    "k_redo",
    "sign_due_at",
    "rating",
    "rated_at",
)


def _last(events: QuerySet[Event], actions) -> Subquery:
    return Subquery(events.filter(action__in=actions).order_by("-at", "-pk").values("at")[:1])


def _pct(numerator, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / denominator).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _rates(counts: dict | None, formula: RateFormula) -> Rates:
    c = counts or dict.fromkeys(MEASURES, 0)
    points = c["satisfied"] + c["basically"] * Decimal(formula.basically_counts_as)
    response = _pct(c["signed_in_time"], c["to_sign"])
    resolution = _pct(c["resolved"], c["taken"])
    satisfaction = _pct(points, c["rated"])
    composite = None
    if response is not None and resolution is not None and satisfaction is not None:
        weighted: Decimal = (
            response * formula.response_weight
            + resolution * formula.resolution_weight
            + satisfaction * formula.satisfaction_weight
        )
        composite = (weighted / 100).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
    return Rates(
        version=formula.version,
        to_sign=c["to_sign"],
        signed_in_time=c["signed_in_time"],
        taken=c["taken"],
        resolved=c["resolved"],
        rated=c["rated"],
        satisfied=c["satisfied"],
        basically=c["basically"],
        satisfaction_points=points,
        response=response,
        resolution=resolution,
        satisfaction=satisfaction,
        composite=composite,
    )
