"""Finding the compound (or building) a request is about from what an Open311 caller sends."""

import math
from decimal import Decimal

from grassroots.areas.models import Area

NEAR_METRES = 1000  # a map point further than this from every compound is not placed


class NotPlaced(ValueError):
    """The location does not point at a compound or building of the county."""


def _in_county(county: Area):
    return Area.objects.filter(
        path__startswith=county.path, level__in=[Area.Level.COMPOUND, Area.Level.BUILDING]
    )


def by_address_id(county: Area, address_id: str) -> Area:
    """`address_id` is the area id this platform publishes for a compound or building."""
    if not address_id.isdigit() or len(address_id) > 12:
        raise NotPlaced(address_id)
    area = _in_county(county).filter(pk=int(address_id)).first()
    if area is None:
        raise NotPlaced(address_id)
    return area


def by_address_string(county: Area, text: str) -> Area:
    """The compound whose name the address contains (the longest such name), and the building
    of that compound named in the rest of the address, if any."""
    compounds = _in_county(county).filter(level=Area.Level.COMPOUND).only("name", "path", "depth")
    named = [c for c in compounds if c.name and c.name in text]
    if not named:
        raise NotPlaced(text)
    compound = max(named, key=lambda c: len(c.name))
    rest = text.split(compound.name, 1)[1]
    children = Area.objects.filter(path__startswith=compound.path, depth=compound.depth + 1)
    for building in children:
        if building.name and building.name in rest:
            return building
    return compound


def by_point(county: Area, lat: Decimal, lng: Decimal) -> Area:
    """The nearest compound with a known position, if it is within NEAR_METRES."""
    best, best_m = None, float(NEAR_METRES)
    rows = (
        _in_county(county)
        .filter(level=Area.Level.COMPOUND, latitude__isnull=False, longitude__isnull=False)
        .only("latitude", "longitude", "path", "depth", "name")
    )
    for compound in rows:
        metres = distance_m(lat, lng, compound.latitude, compound.longitude)
        if metres <= best_m:
            best, best_m = compound, metres
    if best is None:
        raise NotPlaced(f"{lat},{lng}")
    return best


def distance_m(lat1, lng1, lat2, lng2) -> float:
    """Metres between two points (equirectangular: exact enough within a county)."""
    phi = math.radians((float(lat1) + float(lat2)) / 2)
    dx = math.radians(float(lng2) - float(lng1)) * math.cos(phi)
    dy = math.radians(float(lat2) - float(lat1))
    return 6_371_000 * math.hypot(dx, dy)
