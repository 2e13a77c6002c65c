"""What the desks of double reporting show: a unit liaison's, a party member's, and a
community's two lists (the pages only add the form and render)."""

from django.db.models import Sum

from grassroots.areas.models import Area
from grassroots.areas.queries import under
from grassroots.cases.models import Assignment, Case
from grassroots.cases.permissions import cases_visible_to
from grassroots.cases.workflow import OPEN, Status
from grassroots.offers.models import Offer, Partnership, Registration
from grassroots.offers.services import remaining
from grassroots.offers.suggest import needs_for_unit, units_for_need
from grassroots.party.models import PartyMember
from grassroots.units.models import Pairing, Unit
from grassroots.volunteering.models import ServiceRecord

# The needs a community may still hand to a suggested unit (nobody has taken them yet).
UNTAKEN = {Status.SUBMITTED, Status.ACCEPTED, Status.PUBLISHED}


def unit_desk(unit: Unit) -> dict:
    """A unit's registration, pairings, offers with their slots left, needs suggested for it
    and the service requests it leads that are waiting or in hand."""
    offers = Offer.objects.filter(unit=unit).select_related("category", "partnership")
    requests = (
        Case.objects.filter(
            assignments__unit=unit,
            assignments__role=Assignment.Role.LEAD,
            assignments__active=True,
            kind=Case.Kind.SERVICE,
            status__in=[Status.DISPATCHED, Status.IN_PROGRESS],
        )
        .select_related("area")
        .order_by("sign_due_at")
    )
    registration = Registration.objects.filter(unit=unit, active=True).select_related("area")
    return {
        "unit": unit,
        "registration": registration.first(),
        "pairings": Pairing.objects.filter(unit=unit).select_related("area").order_by("area__path"),
        "offers": [(o, remaining(o)) for o in offers],
        "needs": needs_for_unit(unit),
        "requests": requests,
    }


def member_desk(user, member: PartyMember) -> dict:
    """Where a member reported, the published service orders they can see, their counted hours
    and, apart, the hours still awaiting the resident's confirmation (待确认)."""
    registration = Registration.objects.filter(member=member, active=True).select_related("area")
    board = (
        cases_visible_to(user)
        .filter(kind=Case.Kind.SERVICE, status=Status.PUBLISHED)
        .select_related("area")
        .order_by("-created_at")
    )
    records = ServiceRecord.objects.filter(person=member.person).select_related("case")
    counted = records.counted()
    return {
        "member": member,
        "registration": registration.first(),
        "board": board,
        "records": records.exclude(status=ServiceRecord.Status.VOID)[:20],
        "hours": counted.aggregate(total=Sum("hours"))["total"] or 0,
        "times": counted.count(),
        "pending": records.pending().aggregate(total=Sum("hours"))["total"] or 0,
    }


def two_lists(area) -> dict:
    """A community's (or several areas') agreements with the units' offers, and its open needs
    with up to three suggested units each."""
    partnerships = Partnership.objects.filter(under(area, "community")).select_related(
        "unit", "community"
    )
    offers = Offer.objects.filter(active=True, partnership__in=partnerships).select_related(
        "unit", "category"
    )
    needs = (
        Case.objects.filter(under(area), kind=Case.Kind.NEED, status__in=OPEN)
        .select_related("area", "category")
        .order_by("-created_at")[:20]
    )
    compounds = Area.objects.filter(under(area, "pk"), level=Area.Level.COMPOUND)
    return {
        "area": area,
        "partnerships": partnerships,
        "offers": [(o, remaining(o)) for o in offers],
        "needs": [(n, units_for_need(n, limit=3) if n.status in UNTAKEN else []) for n in needs],
        "compounds": compounds.order_by("path"),
    }
