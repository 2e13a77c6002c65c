"""Reads of accounts' records that the scope of roles narrows."""

from django.db.models import Exists, OuterRef

from grassroots.accounts.backoffice import assignments_in_reach
from grassroots.accounts.models import BACK_OFFICE_ROLES
from grassroots.accounts.scopes import scope_of
from grassroots.core.models import AuditEntry


def audit_entries_for(user, found=None):
    """The audit entries a back-office reader may read: what the people holding a role in their
    areas did (entries without a person are the city's, and the superuser's)."""
    found = AuditEntry.objects.select_related("actor") if found is None else found
    scope = scope_of(user)
    holds_city = any(
        a.role in BACK_OFFICE_ROLES and a.area_id and a.area.level == "city"
        for a in scope.assignments
    )
    if scope.is_superuser or holds_city:
        return found
    held = assignments_in_reach(user).filter(user=OuterRef("actor"))
    return found.filter(Exists(held))
