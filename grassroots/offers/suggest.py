"""Suggested matches between needs and offers (双向认领), each with the reasons shown.

A match scores for category fit (the unit lists a service of the need's category), the pairing
relationship (the unit is paired with the need's compound or community), remaining capacity in
this period, and past ratings (the share of satisfied ratings of cases the unit led). Each
suggestion carries the sentences that explain its score. A fixed number of queries each.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.areas.models import Area
from grassroots.areas.queries import under
from grassroots.cases.models import Case
from grassroots.cases.selectors import ancestor_paths
from grassroots.cases.workflow import Status
from grassroots.offers.models import Offer
from grassroots.offers.services import period_start
from grassroots.offers.slots import used_slots
from grassroots.units.models import Pairing, Unit
from grassroots.units.selectors import serving_paths

SATISFIED_ENOUGH = 0.8
MIN_RATINGS = 3  # fewer ratings say nothing about a unit


@dataclass
class Suggestion[T]:
    target: T  # a Unit (for a need) or a Case (for a unit)
    score: int = 0
    reasons: list[str] = field(default_factory=list)

    def add(self, points: int, reason: str) -> None:
        self.score += points
        self.reasons.append(reason)


def _free_slots(offers: list[Offer]) -> dict[int, int]:
    today = timezone.localdate()
    starts = {o.pk: period_start(o.period, today) for o in offers}
    used = used_slots(offers, starts)
    return {o.pk: max(0, o.capacity - used[o.pk]) for o in offers}


def _satisfaction(unit_ids) -> dict[int, tuple[int, int]]:
    """(satisfied, rated) of the cases each unit led."""
    rows = (
        Case.objects.filter(
            assignments__unit__in=unit_ids, assignments__role="lead", rated_at__isnull=False
        )
        .values("assignments__unit")
        .annotate(rated=Count("pk", distinct=True), happy=Count("pk", filter=Q(rating="satisfied")))
    )
    return {r["assignments__unit"]: (r["happy"], r["rated"]) for r in rows}


def units_for_need(case: Case, limit: int = 5) -> list[Suggestion]:
    """Units that could take a need (those serving its place), best first."""
    offers = list(
        Offer.objects.filter(
            active=True,
            category=case.category_id,
            unit__area__path__in=serving_paths(case.area),
        ).select_related("unit")
    )
    free = _free_slots(offers)
    levels = Pairing.objects.filter(area__path__in=ancestor_paths(case.area)).values_list(
        "unit_id", "area__level"
    )
    on_compound = {u for u, level in levels if level == Area.Level.COMPOUND}
    paired = {u for u, _level in levels}
    candidates = {o.unit_id: Suggestion(o.unit) for o in offers}
    for unit in Unit.objects.filter(pk__in=paired - set(candidates)):
        candidates[unit.pk] = Suggestion(unit)
    for offer in offers:
        s = candidates[offer.unit_id]
        s.add(3, _("Lists “%(offer)s” in its resources") % {"offer": offer.title})
        if free[offer.pk]:
            s.add(1, _("%(n)d slots left this period") % {"n": free[offer.pk]})
        else:
            s.add(-2, _("No slot left this period for “%(offer)s”") % {"offer": offer.title})
    for unit_id in paired & set(candidates):
        if unit_id in on_compound:
            candidates[unit_id].add(2, _("Paired with this compound (包联)"))
        else:
            candidates[unit_id].add(1, _("Paired with this community (包联)"))
    ratings = _satisfaction(list(candidates))
    for unit_id, (happy, rated) in ratings.items():
        if rated >= MIN_RATINGS and happy / rated >= SATISFIED_ENOUGH:
            share = round(100 * happy / rated)
            candidates[unit_id].add(
                1, _("%(share)d%% satisfied in past ratings") % {"share": share}
            )
    ranked = sorted(candidates.values(), key=lambda s: (-s.score, s.target.name))
    return ranked[:limit]


def needs_for_unit(unit: Unit, limit: int = 10) -> list[Suggestion]:
    """Needs on the board this unit could claim (where it serves: its county, or the city for a
    city unit), best first."""
    categories = set(
        Offer.objects.filter(unit=unit, active=True).values_list("category_id", flat=True)
    )
    paired = [p.area for p in Pairing.objects.filter(unit=unit).select_related("area")]
    needs = (
        Case.objects.filter(under(unit.area), kind=Case.Kind.NEED, status=Status.PUBLISHED)
        .select_related("category", "area")
        .order_by("-created_at")[:200]
    )
    home = unit.community if unit.community_id else None
    ranked = []
    for need in needs:
        s = Suggestion(need)
        if need.category_id in categories:
            s.add(3, _("Matches your resource list: %(category)s") % {"category": need.category})
        if any(place.holds(need.area) for place in paired):
            s.add(2, _("In a place your unit is paired with (包联)"))
        elif home is not None and home.holds(need.area):
            s.add(1, _("In the community your unit reported to"))
        ranked.append(s)
    ranked.sort(key=lambda s: (-s.score, -s.target.created_at.timestamp()))
    return ranked[:limit]
