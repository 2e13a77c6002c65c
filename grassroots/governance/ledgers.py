"""The 六有 ledger (台账): each compound's standing with the compound list's filters, registered
with the background writer (`core.exports`). It checks the reader's area again, since the
worker may run it later."""

from django.utils.translation import gettext as _

from grassroots.areas.places import Place
from grassroots.core import exports
from grassroots.governance import permissions, selectors
from grassroots.governance.criteria import SIX_HAVE
from grassroots.governance.models import CriteriaSet, Criterion


def compound_filter(user, params) -> tuple[Place, CriteriaSet, Criterion | None, str]:
    """The compound list's area (?area=, else the top of the reader's scope, 404 outside it),
    the 六有 set, the item lacking (?missing=) and the standing (?state=whole|lacking|due)."""
    area = permissions.top_area(user, params.get("area"))
    six = selectors.criteria_set(SIX_HAVE)
    missing = six.items.filter(code=params.get("missing") or "").first()
    state = params.get("state") if params.get("state") in ("whole", "lacking", "due") else ""
    return area, six, missing, state


@exports.ledger("six_have")
def compound_ledger(user, params: dict) -> exports.Ledger:
    """The compounds' 六有 standing: a column per item, the count held, the last verified
    assessment's date, who verified it and the day it stops counting."""
    area, six, missing, state = compound_filter(user, params)
    found = selectors.compounds_standing(six, selectors.compounds_under(area), missing, state)
    criteria = selectors.active_criteria(six)
    headers = [
        _("Compound"),
        *[c.name for c in criteria],
        _("六有"),
        _("Last assessed"),
        _("Verified by"),
        _("Re-check by"),
    ]

    def cells(r: selectors.CompoundRow) -> list:
        yes = {c.pk for c in r.yes}
        a = r.assessment
        return [
            r.compound.name,
            *[_("Yes") if c.pk in yes else _("No") for c in criteria],
            f"{len(r.yes)}/{len(criteria)}",
            a.assessed_on if a else None,
            (a.verified_by.full_name or a.verified_by.username) if a and a.verified_by else "",
            r.recheck_by,
        ]

    rows = (
        cells(r) for chunk in exports.in_chunks(found) for r in selectors.standing_rows(six, chunk)
    )
    title = _("六有 ledger of %(area)s") % {"area": area.name}
    return exports.Ledger(title, headers, found.count(), rows, area)
