"""Reads over the area tree."""

from django.db.models import Count, Q, QuerySet, Sum

from grassroots.areas.models import Area, Grid


def area_subtree(area: Area) -> QuerySet[Area]:
    """The area and everything under it."""
    return Area.objects.filter(path__startswith=area.path)


def ancestors_and_self(area: Area) -> list[Area]:
    """The chain from the root down to `area`, for breadcrumbs and full names."""
    steplen = Area.steplen
    paths = [area.path[: i * steplen] for i in range(1, len(area.path) // steplen + 1)]
    return list(Area.objects.filter(path__in=paths).order_by("depth"))


def area_figures(area: Area) -> dict[str, int]:
    """Counts of places under `area` by level, 三无 compounds and registered households."""
    qs = area_subtree(area)
    figures = qs.aggregate(
        streets=Count("pk", filter=Q(level=Area.Level.STREET)),
        communities=Count("pk", filter=Q(level=Area.Level.COMMUNITY)),
        compounds=Count("pk", filter=Q(level=Area.Level.COMPOUND)),
        buildings=Count("pk", filter=Q(level=Area.Level.BUILDING)),
        three_without=Count(
            "pk",
            filter=Q(
                level=Area.Level.COMPOUND,
                no_property_management=True,
                no_responsible_department=True,
                no_security=True,
            ),
        ),
        households=Sum("households", filter=Q(level=Area.Level.COMPOUND), default=0),
    )
    return figures


def children_with_compound_counts(area: Area) -> list[Area]:
    """The children of `area`, each annotated with its compounds and 三无 compounds."""
    children = list(Area.objects.get_children(area))
    compounds = list(
        area_subtree(area)
        .filter(level=Area.Level.COMPOUND)
        .values_list("path", "no_property_management", "no_responsible_department", "no_security")
    )
    depth_len = len(area.path) + Area.steplen
    by_prefix: dict[str, list[int]] = {}
    for path, a, b, c in compounds:
        counts = by_prefix.setdefault(path[:depth_len], [0, 0])
        counts[0] += 1
        counts[1] += int(a and b and c)
    for child in children:
        child.compound_count, child.three_without_count = by_prefix.get(child.path, [0, 0])
    return children


def grids_for_worker(user) -> list:
    """The grids a grid worker serves, with their community and building counts."""
    return list(
        Grid.objects.filter(workers=user)
        .select_related("community")
        .annotate(building_count=Count("buildings"))
        .order_by("code")
    )
