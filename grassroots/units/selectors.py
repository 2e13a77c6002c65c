"""Reads about units."""

from django.db.models import Count, Q, QuerySet

from grassroots.areas.models import Area
from grassroots.units.models import Unit


def units_in(area: Area) -> QuerySet[Unit]:
    """Units of a county, or units stationed in a community or below."""
    if area.level == Area.Level.COUNTY:
        return Unit.objects.filter(county=area)
    return Unit.objects.filter(community__path__startswith=area.path)


def units_with_member_counts(units: QuerySet[Unit]) -> QuerySet[Unit]:
    """Units annotated with how many in-service party members work there."""
    return units.annotate(
        member_count=Count("members_at_work", filter=Q(members_at_work__in_service=True))
    ).select_related("community")
