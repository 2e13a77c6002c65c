"""The three rates (三率), computed from events and ratings — never typed in.

For the cases that needed a taker in a period (a 'dispatch' or 'publish' event in it):

* Response rate (响应率) = cases signed for ('accept' or 'claim' event) no later than their
  sign-by time ÷ those cases. With `late_response_counts`, a late signing counts too.
* Resolution rate (解决率) = those cases now verified on site (revisiting or closed) ÷ those cases
  less the withdrawn ones.
* Satisfaction rate (满意率) = (satisfied + basically satisfied × `basically_counts_as`) ÷ cases
  rated in the period.
* Composite (综合) = the three weighted by the formula's percentages.

The formula in force is the newest RateFormula whose effective date is on or before the period's
end; without one, the defaults (30/35/35, 0.8, late signings do not count).
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from grassroots.cases.models import Case, Event, RateFormula
from grassroots.cases.workflow import Status


@dataclass
class Rates:
    version: int
    needed: int
    responded: int
    resolvable: int
    resolved: int
    rated: int
    satisfaction_points: Decimal
    response: Decimal | None
    resolution: Decimal | None
    satisfaction: Decimal | None
    composite: Decimal | None


def formula_for(period_end: date) -> RateFormula:
    found = RateFormula.objects.filter(effective_from__lte=period_end).first()
    return found or RateFormula(version=0, effective_from=date(2000, 1, 1))


def _pct(numerator, denominator) -> Decimal | None:
    if not denominator:
        return None
    value = Decimal(numerator) * 100 / Decimal(denominator)
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return datetime.combine(start, time.min, tz), datetime.combine(end, time.max, tz)


def rates_for(cases: QuerySet[Case], start: date, end: date, formula=None) -> Rates:
    """The three rates and the composite over `cases` for the period start..end (inclusive)."""
    formula = formula or formula_for(end)
    lo, hi = _bounds(start, end)
    routed = Event.objects.filter(
        case=OuterRef("pk"), action__in=["dispatch", "publish"], at__range=(lo, hi)
    )
    signed = Event.objects.filter(case=OuterRef("pk"), action__in=["accept", "claim"])
    if not formula.late_response_counts:
        signed = signed.filter(at__lte=F("case__sign_due_at"))
    needed = cases.filter(Exists(routed)).annotate(signed=Exists(signed))
    counts = needed.aggregate(
        needed=Count("pk"),
        responded=Count("pk", filter=Q(signed=True)),
        resolvable=Count("pk", filter=~Q(status=Status.WITHDRAWN)),
        resolved=Count("pk", filter=Q(status__in=[Status.REVISITING, Status.CLOSED])),
    )
    ratings = (
        cases.filter(rated_at__range=(lo, hi))
        .exclude(rating="")
        .aggregate(
            rated=Count("pk"),
            satisfied=Count("pk", filter=Q(rating=Case.Rating.SATISFIED)),
            basically=Count("pk", filter=Q(rating=Case.Rating.BASICALLY)),
        )
    )
    points = ratings["satisfied"] + ratings["basically"] * formula.basically_counts_as
    response = _pct(counts["responded"], counts["needed"])
    resolution = _pct(counts["resolved"], counts["resolvable"])
    satisfaction = _pct(points, ratings["rated"])
    parts = [
        (response, formula.response_weight),
        (resolution, formula.resolution_weight),
        (satisfaction, formula.satisfaction_weight),
    ]
    composite = None
    if all(rate is not None for rate, _w in parts):
        composite = (sum(rate * w for rate, w in parts) / 100).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
    return Rates(
        formula.version,
        counts["needed"],
        counts["responded"],
        counts["resolvable"],
        counts["resolved"],
        ratings["rated"],
        points,
        response,
        resolution,
        satisfaction,
        composite,
    )
