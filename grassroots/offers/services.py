"""Every write of the two lists (两个清单) and of service orders: one function per use case,
`actor=` first. Double reporting and pairing are `offers.reporting`.

Refusals are `OfferRefused` with a code (`forbidden`, `conflict`, `invalid`) and a message for
people; nothing is half-written (each function is one transaction).
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.accounts.models import ADMIN_ROLES, Role
from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area
from grassroots.core.audit import record_audit
from grassroots.offers.models import Offer, OfferRequest, Partnership, ServiceItem
from grassroots.offers.reporting import (
    OfferRefused,
    clean_text,
    not_served,
    staff_over,
)
from grassroots.offers.slots import live_requests
from grassroots.units.models import Unit
from grassroots.units.selectors import serves

# --- The two lists: offers and requests for them ----------------------------------------------


def period_start(period: str, day: dt.date) -> dt.date:
    """The first day of the month, quarter or year holding `day`."""
    if period == Offer.Period.YEAR:
        return day.replace(month=1, day=1)
    if period == Offer.Period.QUARTER:
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    return day.replace(day=1)


@transaction.atomic
def create_offer(
    *,
    actor,
    unit: Unit,
    title: str,
    category,
    capacity,
    period: str,
    description: str = "",
    partnership: Partnership | None = None,
) -> Offer:
    """Add a line to a unit's resource list (资源清单)."""
    scope = scope_of(actor)
    own = unit.pk in scope.unit_ids(roles=[Role.UNIT_LIAISON])
    if not (own or scope.covers(unit.area, ADMIN_ROLES)):
        raise OfferRefused("forbidden", _("You may not change this unit's resource list."))
    title = clean_text(title, 60)
    if not title:
        raise OfferRefused("invalid", _("Name the service."), {"title": [_("Name the service.")]})
    try:
        capacity = int(capacity)
    except (TypeError, ValueError):
        capacity = 0
    if not 1 <= capacity <= 1000:
        message = _("The capacity is how many times per period: 1 to 1000.")
        raise OfferRefused("invalid", message, {"capacity": [message]})
    if period not in Offer.Period.values:
        raise OfferRefused("invalid", _("Choose a period."), {"period": [_("Choose a period.")]})
    offer = Offer.objects.create(
        unit=unit,
        title=title,
        category=category,
        capacity=capacity,
        period=period,
        description=clean_text(description, 300),
        partnership=partnership,
    )
    record_audit(actor=actor, action="change", target=offer, detail={"action": "offer"})
    return offer


def remaining(offer: Offer, day: dt.date | None = None) -> int:
    """Slots of the offer still free in the period holding `day` (today by default)."""
    start = period_start(offer.period, day or timezone.localdate())
    return max(0, offer.capacity - live_requests(offer=offer, start=start).count())


@transaction.atomic
def request_offer(*, actor, offer: Offer, compound: Area, note: str = "") -> OfferRequest:
    """A community asks for an offer: one slot of this period is taken (never more than the
    capacity, even when two communities ask for the last one at once) and a service case is
    dispatched to the unit, which signs for it or declines (objects): the case's own timeline
    then frees the slot (`offers.slots`)."""
    from grassroots.cases import services as cases
    from grassroots.cases.errors import CaseRefused
    from grassroots.cases.models import Case

    if not offer.active:
        raise OfferRefused("invalid", _("This offer is no longer available."))
    if compound.level not in (Area.Level.COMPOUND, Area.Level.BUILDING):
        message = _("Choose the compound the service is for.")
        raise OfferRefused("invalid", message, {"compound": [message]})
    if not staff_over(actor, compound):
        raise OfferRefused("forbidden", _("You may ask for services only for your own area."))
    if not serves(offer.unit, compound):
        raise not_served(offer.unit, compound)
    start = period_start(offer.period, timezone.localdate())
    # The offer's row is the lock two communities asking at once queue on (SQLite's
    # transactions take the write lock when they begin); then the live requests are counted.
    Offer.objects.select_for_update().filter(pk=offer.pk).first()
    if live_requests(offer=offer, start=start).count() >= offer.capacity:
        message = _("%(offer)s has no slot left this period.") % {"offer": offer}
        raise OfferRefused("conflict", message)
    note = clean_text(note, 2000) or _("Requested from the resource list: %(offer)s") % {
        "offer": offer
    }
    try:
        case = cases.submit_case(
            actor=actor,
            kind=Case.Kind.SERVICE,
            category=offer.category,
            title=offer.title,
            description=note,
            area=compound,
            channel=Case.Channel.DUTY_DESK,
        )
        cases.triage_case(actor=actor, case=case)
        cases.dispatch_case(actor=actor, case=case, lead=offer.unit, note=note)
    except CaseRefused as refused:
        raise OfferRefused(refused.code, str(refused.message)) from refused
    request = OfferRequest.objects.create(offer=offer, case=case, period_start=start)
    record_audit(actor=actor, action="change", target=request, detail={"action": "request"})
    return request


# --- Precise services: residents order, members take ------------------------------------------


@transaction.atomic
def order_service(*, actor, item: ServiceItem, note: str = "", area: Area | None = None):
    """居民点单: a resident orders a service from the menu for their home; the order goes to the
    board of their compound's party members (接单)."""
    from grassroots.cases import services as cases
    from grassroots.cases.errors import CaseRefused
    from grassroots.cases.models import Case

    if not item.active:
        raise OfferRefused("invalid", _("This service is no longer on the menu."))
    home = area or _home_of(actor)
    if home is None:
        raise OfferRefused(
            "invalid", _("Your home is not on record; ask your community to add it.")
        )
    note = clean_text(note, 2000) or item.description or item.name
    try:
        case = cases.submit_case(
            actor=actor,
            kind=Case.Kind.SERVICE,
            category=item.category,
            title=item.name,
            description=note,
            area=home,
        )
        cases.publish_service_order(case=case)
    except CaseRefused as refused:
        raise OfferRefused(refused.code, str(refused.message), refused.fields) from refused
    return case


def _home_of(user) -> Area | None:
    from grassroots.people.models import Person

    person = Person.objects.filter(user=user).select_related("home_area").first()
    if person is None or person.home_area is None:
        return None
    if person.home_area.level in (Area.Level.COMPOUND, Area.Level.BUILDING):
        return person.home_area
    return None
