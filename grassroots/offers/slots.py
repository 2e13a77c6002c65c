"""How much of an offer's capacity a period has used, read from the cases themselves.

A request holds its slot until its case's timeline says the unit declined it (objected), the
community withdrew it or it was rejected; those events are written by the case services, so
the count follows from history and nothing has to be told when a case moves.
"""

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from django.db.models import QuerySet

from grassroots.offers.models import Offer, OfferRequest

# The case actions after which a request no longer holds its slot.
RELEASING = ("object", "withdraw", "reject")


def live_requests(*, offer: Offer, start: dt.date) -> QuerySet[OfferRequest]:
    """The requests of `offer` in the period starting `start` that still hold a slot."""
    return OfferRequest.objects.filter(offer=offer, period_start=start).exclude(
        case__events__action__in=RELEASING
    )


def used_slots(offers: Iterable[Offer], starts: dict[int, dt.date]) -> Counter[int]:
    """Slots held per offer in its current period (`starts`: offer id → period start)."""
    rows = (
        OfferRequest.objects.filter(offer__in=list(offers))
        .exclude(case__events__action__in=RELEASING)
        .values_list("offer_id", "period_start")
    )
    return Counter(offer_id for offer_id, start in rows if starts.get(offer_id) == start)
