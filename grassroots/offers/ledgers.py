"""The ledgers (台账) of double reporting: who reported (units or members), the five gap lists
and the pairings under an area, registered with the background writer (`core.exports`). Each
function checks the reader's area again, since the worker may run it later."""

from functools import partial

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grassroots.areas.models import Area
from grassroots.areas.permissions import access_overview
from grassroots.core import exports
from grassroots.core.masking import mask_mobile
from grassroots.offers import selectors
from grassroots.offers.models import Registration

GAP_TITLES = {
    "unregistered_units": gettext_lazy("Units not yet reported"),
    "unregistered_members": gettext_lazy("In-service members not yet reported"),
    "unpaired_communities": gettext_lazy("Communities without a paired unit"),
    "unpaired_compounds": gettext_lazy("Compounds without a paired unit"),
    "unpaired_households": gettext_lazy("Households no party member looks after"),
}
GAP_HEADERS = {
    "unregistered_units": (gettext_lazy("Code"), gettext_lazy("Unit"), gettext_lazy("Community")),
    "unregistered_members": (
        gettext_lazy("Name"),
        gettext_lazy("Mobile"),
        gettext_lazy("Home compound"),
    ),
    "unpaired_communities": (gettext_lazy("Name"), gettext_lazy("Part of")),
    "unpaired_compounds": (gettext_lazy("Name"), gettext_lazy("Part of")),
    "unpaired_households": (
        gettext_lazy("Compound"),
        gettext_lazy("Building"),
        gettext_lazy("Door"),
    ),
}
REGISTRATION_HEADERS = {
    "unit": (
        gettext_lazy("Unit"),
        gettext_lazy("Community"),
        gettext_lazy("Reported on"),
        gettext_lazy("Contact person"),
        gettext_lazy("Offers"),
    ),
    "member": (
        gettext_lazy("Name"),
        gettext_lazy("Compound"),
        gettext_lazy("Reported on"),
        gettext_lazy("Service team"),
        gettext_lazy("Skills"),
    ),
}


def _names(paths: set[str]) -> dict[str, str]:
    return dict(Area.objects.filter(path__in=paths).values_list("path", "name"))


def gap_cells(name: str, items) -> list[list]:
    """The cells of some rows of a gap list (mobile numbers masked), with the names of the
    places above them looked up once for all the rows given."""
    items = list(items)
    if name == "unregistered_units":
        return [[u.code, u.name, u.community.name if u.community else ""] for u in items]
    if name == "unregistered_members":
        return [[m.person.name, mask_mobile(m.person.mobile), m.home_compound.name] for m in items]
    if name in ("unpaired_communities", "unpaired_compounds"):
        parents = _names({a.path[: -Area.steplen] for a in items})
        return [[a.name, parents.get(a.path[: -Area.steplen], "")] for a in items]
    compounds = _names({Area.cut(h.building.path, Area.Level.COMPOUND) for h in items})
    return [
        [compounds.get(Area.cut(h.building.path, Area.Level.COMPOUND), ""), h.building.name, h.door]
        for h in items
    ]


def gap_ledger(user, params: dict, *, name: str) -> exports.Ledger:
    """One gap list under the area asked for, read a chunk at a time."""
    area = access_overview(user, params.get("area"))
    found = selectors.gap(area, name)
    rows = (row for chunk in exports.in_chunks(found) for row in gap_cells(name, chunk))
    headers = [str(h) for h in GAP_HEADERS[name]]
    return exports.Ledger(str(GAP_TITLES[name]), headers, found.count(), rows, area)


# One kind per gap list, named as its audit entries always were.
for _gap in selectors.GAPS:
    exports.ledger(_gap)(partial(gap_ledger, name=_gap))


def registration_cells(kind: str, r: Registration) -> list:
    if kind == "unit":
        assert r.unit is not None  # a unit's registration
        return [r.unit.name, r.area.name, r.reported_on, r.contact_name, r.can_offer]
    team = r.get_service_team_display()
    assert r.member is not None  # else a member's
    return [r.member.person.name, r.area.name, r.reported_on, team, r.skills]


@exports.ledger("registrations:unit")
@exports.ledger("registrations:member")
def registrations_ledger(user, params: dict) -> exports.Ledger:
    """Who reported (报到) under an area, units or members (?kind=), newest first."""
    area = access_overview(user, params.get("area"))
    kind = "unit" if params.get("kind") == "unit" else "member"
    found = selectors.registrations_in(area, kind)
    rows = (registration_cells(kind, r) for r in found.iterator(chunk_size=exports.CHUNK))
    headers = [str(h) for h in REGISTRATION_HEADERS[kind]]
    return exports.Ledger(str(_("Registrations")), headers, found.count(), rows, area)


@exports.ledger("pairings")
def pairings_ledger(user, params: dict) -> exports.Ledger:
    """The pairings (包联) under an area: place, its level, unit, since."""
    area = access_overview(user, params.get("area"))
    found = selectors.pairings_in(area)
    rows = (
        [p.area.name, p.area.get_level_display(), p.unit.name, p.since]
        for p in found.iterator(chunk_size=exports.CHUNK)
    )
    headers = [_("Place"), _("Level"), _("Unit"), _("Since")]
    title = _("Pairings of %(area)s") % {"area": area.name}
    return exports.Ledger(title, headers, found.count(), rows, area)
