"""Who may import ledgers: the organisation department of a county or of the city, into the
areas it runs. An import rewrites people, units and places at once, so auditors (who read
everything) and community staff may not."""

from grassroots.accounts.models import ADMIN_ROLES
from grassroots.accounts.scopes import scope_of


def can_import_ledgers(user) -> bool:
    """Download the templates and import ledgers."""
    if not getattr(user, "is_authenticated", False):
        return False
    scope = scope_of(user)
    return scope.is_superuser or bool(scope.area_paths(ADMIN_ROLES))


def import_paths(user) -> list[str] | None:
    """The subtrees an import by `user` may look up and write (None: everything)."""
    scope = scope_of(user)
    return None if scope.is_superuser else scope.area_paths(ADMIN_ROLES)
