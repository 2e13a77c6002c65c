"""What a user may see: the area subtrees and units their roles are scoped to."""

from collections.abc import Iterable
from functools import cached_property

from django.db.models import Q

from grassroots.accounts.models import REVEAL_ROLES, STAFF_ROLES, Role, RoleAssignment


class Scope:
    """The roles of one user, loaded once per request."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def assignments(self) -> list[RoleAssignment]:
        if not getattr(self.user, "is_authenticated", False):
            return []
        return list(RoleAssignment.objects.filter(user=self.user).select_related("area", "unit"))

    @cached_property
    def roles(self) -> frozenset[str]:
        return frozenset(a.role for a in self.assignments)

    @property
    def is_superuser(self) -> bool:
        return bool(getattr(self.user, "is_superuser", False))

    def has(self, *roles: str) -> bool:
        return self.is_superuser or bool(self.roles.intersection(roles))

    @property
    def is_staff_role(self) -> bool:
        return bool(self.roles & STAFF_ROLES) or bool(getattr(self.user, "is_staff", False))

    @property
    def may_reveal(self) -> bool:
        return self.is_superuser or bool(self.roles & REVEAL_ROLES)

    def area_paths(self, roles: Iterable[str] | None = None) -> list[str]:
        """Paths of the subtree roots this user's (chosen) roles reach."""
        wanted = set(roles) if roles is not None else None
        return sorted(
            {
                a.area.path
                for a in self.assignments
                if a.area_id and (wanted is None or a.role in wanted)
            }
        )

    def unit_ids(self, roles: Iterable[str] | None = None) -> set[int]:
        wanted = set(roles) if roles is not None else None
        return {
            a.unit_id
            for a in self.assignments
            if a.unit_id and (wanted is None or a.role in wanted)
        }

    def area_q(self, field: str = "path", roles: Iterable[str] | None = None) -> Q:
        """A filter for rows whose area path lies inside this user's scope (all for superusers)."""
        if self.is_superuser:
            return Q()
        q = Q(pk__in=[])
        for path in self.area_paths(roles):
            q |= Q(**{f"{field}__startswith": path})
        return q

    def home_role(self) -> str | None:
        """The role whose home page the user lands on: the most responsible one they hold."""
        for role in (
            Role.COUNTY_ADMIN,
            Role.AUDITOR,
            Role.COMMUNITY_SECRETARY,
            Role.COMMUNITY_STAFF,
            Role.UNIT_LIAISON,
            Role.GRID_WORKER,
            Role.PARTY_MEMBER,
            Role.VOLUNTEER,
            Role.RESIDENT,
        ):
            if role in self.roles:
                return role
        return None


def scope_of(user) -> Scope:
    """The user's scope, cached on the user object for the rest of the request."""
    scope = getattr(user, "_grassroots_scope", None)
    if scope is None:
        scope = Scope(user)
        if getattr(user, "is_authenticated", False):
            user._grassroots_scope = scope
    return scope
