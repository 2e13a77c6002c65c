"""Who may reach which place, as `Area` rows: the scope's paths (`accounts.scopes`) turned into
the areas a page starts from and the areas a link may ask for."""

from django.db.models import Q, QuerySet
from django.http import Http404

from grassroots.accounts.models import ADMIN_ROLES, AUDIT_ROLES, Role
from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area
from grassroots.areas.places import Places

# The levels a page over "an area and everything under it" may be asked for.
OVERVIEW_LEVELS = (Area.Level.CITY, Area.Level.COUNTY, Area.Level.STREET, Area.Level.COMMUNITY)
MAX_ASKED = 20  # more areas than this in one ?area= is a forged link
# Who reads an area's overview (double-reporting coverage, the dashboards): the city's and
# county's organisation departments, auditors, community secretaries and staff, within their
# areas (several areas summed, never the area above them).
OVERVIEW_ROLES = (*ADMIN_ROLES, *AUDIT_ROLES, Role.COMMUNITY_SECRETARY, Role.COMMUNITY_STAFF)


def areas_visible_to(user) -> QuerySet[Area]:
    return Area.objects.filter(scope_of(user).area_q("path"))


def access_area(user, pk) -> Area:
    """The area, or 404 for anyone whose scope does not hold it."""
    area = areas_visible_to(user).filter(pk=pk).first() if str(pk).isdigit() else None
    if area is None:
        raise Http404
    return area


def scope_roots(user, roles=None, levels=OVERVIEW_LEVELS) -> list[Area]:
    """The highest areas the user's (chosen) roles hold at these levels, in tree order; for a
    superuser, the tree's root."""
    scope = scope_of(user)
    found = (
        Area.objects.filter(depth=1)
        if scope.is_superuser
        else Area.objects.filter(path__in=scope.area_paths(roles))
    )
    if levels is not None:
        found = found.filter(level__in=levels)
    return list(found.order_by("path"))


def asked_ids(asked) -> list[int] | None:
    """The ids of `?area=12,15`, or None for anything else than a short list of ids."""
    parts = [p.strip() for p in str(asked).split(",")]
    if not parts or len(parts) > MAX_ASKED:
        return None
    if not all(p.isdigit() and len(p) <= 12 for p in parts):
        return None
    return [int(p) for p in parts]


def access_places(user, asked, *, roles, levels=OVERVIEW_LEVELS) -> Places:
    """The areas asked for (`?area=12` or `?area=12,15`) within the user's roots for `roles`,
    or all of their roots when nothing is asked; 404 for anything outside them, and for
    someone with no root at all."""
    roots = scope_roots(user, roles, levels)
    if not roots:
        raise Http404
    if not asked:
        return Places.of(*roots)
    ids = asked_ids(asked)
    if ids is None:
        raise Http404
    found = Area.objects.filter(pk__in=ids)
    areas = list(found.filter(level__in=levels) if levels is not None else found)
    inside = all(any(r.holds(a) for r in roots) for a in areas)
    if len(areas) != len(set(ids)) or not inside:
        raise Http404
    return Places.of(*areas)


def overview_roots(user) -> list[Area]:
    """The highest areas whose overview the user may read."""
    return scope_roots(user, OVERVIEW_ROLES)


def access_overview(user, asked: str | int | None) -> Area | Places:
    """The overview's area asked for (`?area=12`), or the several asked for (`?area=12,15`),
    within the user's roots; by default all of them: one `Area`, or `Places` summing several.
    404 for anything outside."""
    places = access_places(user, asked, roles=OVERVIEW_ROLES)
    return places.single or places


def own_county(user) -> Area | None:
    """The county a person belongs to, for the public lists that start there: the county of
    their first area role, else of their unit, else of their home; None for the city's roles
    and superusers (they start from the whole city)."""
    scope = scope_of(user)
    county_depth = Area.depth_of(Area.Level.COUNTY)
    paths = [*scope.area_paths(), *scope.unit_paths()]
    if scope.is_superuser or any(len(p) < county_depth * Area.steplen for p in paths):
        return None
    if not paths:
        from_home = Area.objects.filter(people__user=user).values_list("path", flat=True)
        paths = list(from_home[:1])
    if not paths:
        return None
    return Area.objects.filter(path=Area.cut(paths[0], Area.Level.COUNTY)).first()


def public_places(asked):
    """The area(s) of a public list's `?area=` (venues are public): one `Area`, `Places`, or
    None for an unreadable value or an unknown area."""
    ids = asked_ids(asked)
    areas = list(Area.objects.filter(pk__in=ids or [])) if ids else []
    if not areas or len(areas) != len(set(ids or [])):
        return None
    places = Places.of(*areas)
    return places.single or places


def communities_around(user) -> list[Area]:
    """The communities a person's roles and units touch: those under an area they hold, the
    one each compound or building role lies in, those of the counties their units serve."""
    scope = scope_of(user)
    found = Area.objects.filter(level=Area.Level.COMMUNITY)
    if scope.is_superuser:
        return list(found.order_by("path"))
    length = Area.depth_of(Area.Level.COMMUNITY) * Area.steplen
    q = Q(pk__in=[])
    for path in [*scope.area_paths(), *scope.unit_paths()]:
        q |= Q(path=path[:length]) if len(path) >= length else Q(path__startswith=path)
    return list(found.filter(q).order_by("path"))
