"""Reads about units."""

from django.db.models import Q, QuerySet

from grassroots.areas.models import Area
from grassroots.areas.queries import under
from grassroots.units.models import Unit


def units_in(area) -> QuerySet[Unit]:
    """The units of a city or county (its own, its counties', and city bureaus stationed in
    it), or the units stationed in a street or community; of each, for `Places`."""
    q = Q(pk__in=[])
    for one in getattr(area, "areas", (area,)):
        q |= under(one, "community")
        if one.level in (Area.Level.CITY, Area.Level.COUNTY):
            q |= under(one)
    return Unit.objects.filter(q)


def serving_paths(area) -> list[str]:
    """The areas whose units serve `area`: its county and the city above (the paths of every
    area from the root down to it)."""
    steplen = Area.steplen
    return [area.path[:n] for n in range(steplen, len(area.path) + 1, steplen)]


def units_serving(area) -> QuerySet[Unit]:
    """The units that may take a matter in `area`: its county's and the city's."""
    return Unit.objects.filter(area__path__in=serving_paths(area))


def serves(unit: Unit, area) -> bool:
    """Whether `unit` serves `area` (it belongs to the area's county or to the city)."""
    return unit.area.holds(area)
