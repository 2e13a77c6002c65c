"""Reads about party organisations and members."""

from django.db.models import QuerySet

from grassroots.areas.models import Area
from grassroots.party.models import PartyMember


def members_living_in(area: Area) -> QuerySet[PartyMember]:
    """Party members whose home compound lies in `area` (where they report, 双报到)."""
    return PartyMember.objects.filter(home_compound__path__startswith=area.path)


def in_service_members_living_in(area: Area) -> QuerySet[PartyMember]:
    return members_living_in(area).filter(in_service=True)


def member_for_user(user) -> PartyMember | None:
    """The party member record of a signed-in user, if any."""
    return (
        PartyMember.objects.select_related("org", "workplace", "home_compound", "person")
        .filter(person__user=user)
        .first()
    )
