"""Reads for the ledger import: the places, organisations, units and people a file names,
within the areas the importer may write to (`paths`; None for the whole deployment)."""

from collections import defaultdict
from collections.abc import Collection

from django.db.models import Q

from grassroots.areas.models import Area
from grassroots.ledgers.importers import References
from grassroots.party.models import PartyOrg
from grassroots.people.models import Person
from grassroots.units.models import Unit


def inside(paths: list[str] | None, field: str = "path") -> Q:
    """Rows whose area path lies under one of `paths` (every row when `paths` is None)."""
    if paths is None:
        return Q(pk__isnull=False)  # not Q(): an empty Q vanishes when or-ed with another
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{field}__startswith": path})
    return q


def _above(paths: list[str] | None) -> Q:
    """Areas above the reach (the city above a county): their units serve it too."""
    if paths is None:
        return Q(pk__in=[])
    steplen = Area.steplen
    above = {p[:n] for p in paths for n in range(steplen, len(p), steplen)}
    return Q(area__path__in=above)


def ledger_references(
    *,
    paths: list[str] | None,
    communities: Collection[str] = (),
    compounds: Collection[str] = (),
    buildings: Collection[str] = (),
    orgs: Collection[str] = (),
    units: Collection[str] = (),
    codes: Collection[str] = (),
    unit_codes: Collection[str] = (),
    id_numbers: Collection[str] = (),
) -> References:
    """Lookup tables for the given names, keyed the way ledger rows name things. Places,
    organisations and units are looked up only within `paths` (and units of the city above);
    statistical codes and ID numbers everywhere, since a clash with any area or person must be
    refused, but what lies outside is reported without its name."""
    areas = Area.objects.filter(inside(paths))
    counties = Area.objects.filter(level=Area.Level.COUNTY).filter(
        inside(paths) | Q(path__in=_prefixes(paths))
    )
    return References(
        communities=_grouped(areas.filter(level=Area.Level.COMMUNITY, name__in=communities)),
        compounds=_by_parent(areas.filter(level=Area.Level.COMPOUND, name__in=compounds)),
        buildings=_by_parent(areas.filter(level=Area.Level.BUILDING, name__in=buildings)),
        orgs=_grouped(PartyOrg.objects.filter(inside(paths, "area__path"), name__in=orgs)),
        units=_grouped(
            Unit.objects.filter(inside(paths, "area__path") | _above(paths))
            .filter(name__in=units)
            .select_related("area")
        ),
        unit_codes={
            (u.area_id, u.code): u
            for u in Unit.objects.filter(inside(paths, "area__path"), code__in=unit_codes)
        },
        codes={area.code: area for area in Area.objects.filter(code__in=codes)},
        counties=list(counties.order_by("path")),
        people=dict(
            Person.objects.filter(id_number__in=id_numbers).values_list(
                "id_number", "home_area__path"
            )
        ),
        paths=paths,
    )


def _prefixes(paths: list[str] | None) -> set[str]:
    if paths is None:
        return set()
    steplen = Area.steplen
    return {p[:n] for p in paths for n in range(steplen, len(p) + 1, steplen)}


def _grouped(queryset) -> dict[str, list]:
    groups: dict[str, list] = defaultdict(list)
    for item in queryset:
        groups[item.name].append(item)
    return dict(groups)


def _by_parent(queryset) -> dict[tuple[str, str], Area]:
    """Areas keyed by (their parent's path, their name): names repeat across parents."""
    return {(area.path[: -Area.steplen], area.name): area for area in queryset}
