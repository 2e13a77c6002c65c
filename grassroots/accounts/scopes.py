"""A person's reach: which parts of the area tree and which units their roles hold.

This is the one place that turns role assignments into reach. An area-scoped role reaches the
subtree under its area (the city for the city's roles, a county, a street, a community, a
compound); a unit-scoped role reaches its unit, and through it the area the unit serves (its
county, or the whole city for a city bureau). Every permission helper, selector, service, admin,
import, export, task and API operation asks a `Scope` — never the role assignments directly —
so a read and a write below the page narrow exactly as the page does.

Paths are the area tree's materialised paths: an area reaches another when the other's path
starts with its own. This module works on those strings only, so it sits below the areas and
units it talks about; `areas.permissions` turns paths into `Area` rows.
"""

from collections.abc import Iterable
from functools import cached_property

from django.db.models import Q

from grassroots.accounts.models import (
    ADMIN_ROLES,
    READ_ONLY_ROLES,
    REVEAL_ROLES,
    STAFF_ROLES,
    Role,
    RoleAssignment,
)

# Any row at all: `Q()` would vanish when or-ed with another filter, matching too little.
EVERYTHING = Q(pk__isnull=False)
NOTHING = Q(pk__in=[])


def topmost(paths: Iterable[str]) -> list[str]:
    """The paths that lie under no other of them (a community inside a held county drops)."""
    ordered = sorted(set(paths), key=lambda p: (len(p), p))
    kept: list[str] = []
    for path in ordered:
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    return sorted(kept)


class Scope:
    """The roles of one user, loaded once per request."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def assignments(self) -> list[RoleAssignment]:
        if not getattr(self.user, "is_authenticated", False):
            return []
        return list(
            RoleAssignment.objects.filter(user=self.user).select_related("area", "unit__area")
        )

    @cached_property
    def roles(self) -> frozenset[str]:
        return frozenset(a.role for a in self.assignments)

    @property
    def is_superuser(self) -> bool:
        return bool(getattr(self.user, "is_superuser", False)) and bool(
            getattr(self.user, "is_active", False)
        )

    def has(self, *roles: str) -> bool:
        return self.is_superuser or bool(self.roles.intersection(roles))

    @property
    def is_staff_role(self) -> bool:
        return bool(self.roles & STAFF_ROLES) or bool(getattr(self.user, "is_staff", False))

    @property
    def may_reveal(self) -> bool:
        return self.is_superuser or bool(self.roles & REVEAL_ROLES)

    @property
    def read_only(self) -> bool:
        """Holds the back office only to read it: an auditor, never a writer anywhere there."""
        return (
            not self.is_superuser
            and not (self.roles & set(ADMIN_ROLES))
            and bool(self.roles & READ_ONLY_ROLES)
        )

    def _wanted(self, roles: Iterable[str] | None):
        wanted = set(roles) if roles is not None else None
        return [a for a in self.assignments if wanted is None or a.role in wanted]

    def area_paths(self, roles: Iterable[str] | None = None) -> list[str]:
        """Paths of the subtree roots this user's (chosen) roles reach, the topmost only."""
        return topmost(a.area.path for a in self._wanted(roles) if a.area_id)

    def unit_ids(self, roles: Iterable[str] | None = None) -> set[int]:
        return {a.unit_id for a in self._wanted(roles) if a.unit_id}

    def unit_paths(self, roles: Iterable[str] | None = None) -> list[str]:
        """The areas the user's units serve: each unit's county, or the city for a city unit."""
        return topmost(a.unit.area.path for a in self._wanted(roles) if a.unit_id)

    def covers(self, area, roles: Iterable[str] | None = None) -> bool:
        """Whether the (chosen) roles' area scope holds this area — a path, an `Area`, or every
        area of a `Places` (superusers hold all)."""
        return self.is_superuser or _held(area, self.area_paths(roles))

    def serves(self, area, roles: Iterable[str] | None = None) -> bool:
        """Whether one of the user's units serves this area (its county or city holds it)."""
        return self.is_superuser or _held(area, self.unit_paths(roles))

    def area_q(self, field: str = "path", roles: Iterable[str] | None = None) -> Q:
        """A filter for rows whose area path lies inside this user's scope (all for superusers)."""
        if self.is_superuser:
            return EVERYTHING
        return paths_q(self.area_paths(roles), field)

    def unit_area_q(self, field: str = "path", roles: Iterable[str] | None = None) -> Q:
        """A filter for rows whose area path lies inside an area the user's units serve."""
        if self.is_superuser:
            return EVERYTHING
        return paths_q(self.unit_paths(roles), field)

    def home_role(self) -> str | None:
        """The role whose home page the user lands on: the most responsible one they hold."""
        for role in (
            Role.CITY_ADMIN,
            Role.CITY_AUDITOR,
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


def _held(area, roots: list[str]) -> bool:
    if area is None:
        return False
    paths = (area,) if isinstance(area, str) else area.paths
    return bool(paths) and all(
        bool(path) and any(path.startswith(r) for r in roots) for path in paths
    )


def paths_q(paths: Iterable[str], field: str = "path") -> Q:
    """Rows whose `field` (an area path) starts with one of `paths`; none for no paths."""
    q = NOTHING
    for path in paths:
        q |= Q(**{f"{field}__startswith": path})
    return q


def scope_of(user) -> Scope:
    """The user's scope, cached on the user object for the rest of the request."""
    scope = getattr(user, "_grassroots_scope", None)
    if scope is None:
        scope = Scope(user)
        if getattr(user, "is_authenticated", False):
            user._grassroots_scope = scope
    return scope
