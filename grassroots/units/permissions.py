"""Who may reach which unit: its liaisons; the staff of an area, the units serving it (its
county's and the city's: those they dispatch to); the departments and auditors, every unit
under their area too."""

from django.db.models import Q, QuerySet
from django.http import Http404

from grassroots.accounts.models import ADMIN_ROLES, AUDIT_ROLES, Role
from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area
from grassroots.units.models import Unit


def units_visible_to(user) -> QuerySet[Unit]:
    scope = scope_of(user)
    if scope.is_superuser:
        return Unit.objects.all()
    area_roles = (*ADMIN_ROLES, *AUDIT_ROLES, Role.COMMUNITY_SECRETARY, Role.COMMUNITY_STAFF)
    q = Q(pk__in=scope.unit_ids())
    if scope.has(*area_roles, Role.GRID_WORKER):
        roots = scope.area_paths((*area_roles, Role.GRID_WORKER))
        serving = {r[:n] for r in roots for n in range(Area.steplen, len(r) + 1, Area.steplen)}
        q |= Q(area__path__in=serving)
        q |= scope.area_q("community__path", roles=area_roles)
        q |= scope.area_q("area__path", roles=(*ADMIN_ROLES, *AUDIT_ROLES))
    return Unit.objects.filter(q)


def access_unit(user, pk) -> Unit:
    """The unit, or 404 for anyone outside its scope."""
    unit = units_visible_to(user).filter(pk=pk).first()
    if unit is None:
        raise Http404
    return unit
