"""Reads about people, for lists that show masked personal data."""

from django.db.models import QuerySet

from grassroots.people.models import Person
from grassroots.people.permissions import people_visible_to


def people_for_list(user, *, query: str = "") -> QuerySet[Person]:
    """People in the user's scope, newest first, filtered by a name or mobile fragment."""
    qs = people_visible_to(user).select_related("home_area", "household__building")
    if query:
        qs = qs.filter(name__contains=query) | qs.filter(mobile__endswith=query)
    return qs.order_by("home_area__path", "name", "pk")
