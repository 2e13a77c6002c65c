"""Reads for the ledger import: the places, organisations and units a file names."""

from collections import defaultdict
from collections.abc import Collection

from grassroots.areas.models import Area
from grassroots.ledgers.importers import References
from grassroots.party.models import PartyOrg
from grassroots.units.models import Unit


def ledger_references(
    *,
    communities: Collection[str] = (),
    compounds: Collection[str] = (),
    buildings: Collection[str] = (),
    orgs: Collection[str] = (),
    units: Collection[str] = (),
    codes: Collection[str] = (),
) -> References:
    """Lookup tables for the given names, keyed the way ledger rows name things."""
    return References(
        communities=_grouped(Area.objects.filter(level=Area.Level.COMMUNITY, name__in=communities)),
        compounds=_by_parent(Area.objects.filter(level=Area.Level.COMPOUND, name__in=compounds)),
        buildings=_by_parent(Area.objects.filter(level=Area.Level.BUILDING, name__in=buildings)),
        orgs=_grouped(PartyOrg.objects.filter(name__in=orgs)),
        units={unit.name: unit for unit in Unit.objects.filter(name__in=units)},
        codes={area.code: area for area in Area.objects.filter(code__in=codes)},
        counties=list(Area.objects.filter(level=Area.Level.COUNTY).order_by("path")),
    )


def _grouped(queryset) -> dict[str, list]:
    groups: dict[str, list] = defaultdict(list)
    for item in queryset:
        groups[item.name].append(item)
    return dict(groups)


def _by_parent(queryset) -> dict[tuple[str, str], Area]:
    """Areas keyed by (their parent's path, their name): names repeat across parents."""
    return {(area.path[: -Area.steplen], area.name): area for area in queryset}
