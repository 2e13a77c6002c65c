"""Who may reach which place: any role scoped to an area sees that subtree."""

from django.db.models import QuerySet
from django.http import Http404

from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area


def areas_visible_to(user) -> QuerySet[Area]:
    return Area.objects.filter(scope_of(user).area_q("path"))


def access_area(user, pk) -> Area:
    """The area, or 404 for anyone whose scope does not hold it."""
    area = areas_visible_to(user).filter(pk=pk).first()
    if area is None:
        raise Http404
    return area
