"""Who may see coverage and registrations: county and community staff, within their areas."""

from django.http import Http404

from grassroots.accounts.models import Role
from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area

COVERAGE_ROLES = (Role.COUNTY_ADMIN, Role.AUDITOR, Role.COMMUNITY_SECRETARY, Role.COMMUNITY_STAFF)
LEVELS = (Area.Level.COUNTY, Area.Level.STREET, Area.Level.COMMUNITY)


def coverage_roots(user) -> list[Area]:
    """The highest areas whose coverage the user may read."""
    scope = scope_of(user)
    if scope.is_superuser:
        return list(Area.objects.filter(depth=1).order_by("path"))
    paths = scope.area_paths(COVERAGE_ROLES)
    return list(Area.objects.filter(path__in=paths, level__in=LEVELS).order_by("path"))


def access_coverage_area(user, area_id: str | int | None) -> Area:
    """The county, street or community asked for (default: the user's first), or 404."""
    roots = coverage_roots(user)
    if not roots:
        raise Http404
    if not area_id:
        return roots[0]
    if not str(area_id).isdigit() or len(str(area_id)) > 12:
        raise Http404
    area = Area.objects.filter(pk=int(area_id), level__in=LEVELS).first()
    if area is None or not any(area.path.startswith(r.path) for r in roots):
        raise Http404
    return area
