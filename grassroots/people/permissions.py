"""Who may reach which person: their home must lie in one of the user's area scopes."""

from django.db.models import QuerySet
from django.http import Http404

from grassroots.accounts.models import ADMIN_ROLES, AUDIT_ROLES, Role
from grassroots.accounts.scopes import scope_of
from grassroots.people.models import Person

# Roles that look after residents of their area.
PEOPLE_ROLES = (
    Role.GRID_WORKER,
    Role.COMMUNITY_STAFF,
    Role.COMMUNITY_SECRETARY,
    *ADMIN_ROLES,
    *AUDIT_ROLES,
)


def people_visible_to(user) -> QuerySet[Person]:
    """Every person whose home lies in the user's scope."""
    scope = scope_of(user)
    if not scope.has(*PEOPLE_ROLES):
        return Person.objects.none()
    return Person.objects.filter(scope.area_q("home_area__path", roles=PEOPLE_ROLES))


def access_person(user, pk) -> Person:
    """The person, or 404 for anyone whose scope does not reach them."""
    person = people_visible_to(user).select_related("home_area", "household").filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


def can_reveal(user) -> bool:
    return scope_of(user).may_reveal
