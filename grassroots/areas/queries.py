"""Filters for rows that belong to parts of the area tree.

Rows are matched by area id against a subquery on the tree (`area_id IN (SELECT id FROM
areas_area WHERE path LIKE …)`) rather than by joining and comparing paths: with the index on
(area, status, created_at) a community's cases are counted from the index alone, which is what
keeps lists quick on a million cases.
"""

from django.db.models import Q

from grassroots.areas.models import Area


def within(paths: Q, field: str = "area") -> Q:
    """Rows whose `field` is an area matching `paths` (a filter on Area, e.g. on its path)."""
    return Q(**{f"{field}__in": Area.objects.filter(paths).values("pk")})


def under(area, field: str = "area") -> Q:
    """Rows whose `field` is `area` or an area below it; `area` may be `Places` (several)."""
    paths = area.paths
    if len(paths) == 1:
        return within(Q(path__startswith=paths[0]), field)
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(path__startswith=path)
    return within(q, field)
