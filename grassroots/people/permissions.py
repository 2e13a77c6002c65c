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

# Roles that invite residents of their area to take an account (never the auditors).
INVITE_ROLES = (Role.COMMUNITY_STAFF, Role.COMMUNITY_SECRETARY, *ADMIN_ROLES)


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


def can_invite(user, person: Person) -> bool:
    """Whether the user may text this person an invitation (the button and the service)."""
    scope = scope_of(user)
    return (
        person.user_id is None
        and bool(person.mobile)
        and not scope.read_only
        and scope.covers(person.home_area, INVITE_ROLES)
    )
