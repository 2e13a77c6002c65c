"""Who may see coverage and registrations: the city's and county's organisation departments,
auditors, community secretaries and staff, within their areas (several areas summed, never the
area above them)."""

from grassroots.accounts.models import ADMIN_ROLES, AUDIT_ROLES, Role
from grassroots.areas.models import Area
from grassroots.areas.permissions import OVERVIEW_LEVELS, access_places, scope_roots
from grassroots.areas.places import Places

COVERAGE_ROLES = (*ADMIN_ROLES, *AUDIT_ROLES, Role.COMMUNITY_SECRETARY, Role.COMMUNITY_STAFF)
LEVELS = OVERVIEW_LEVELS


def coverage_roots(user) -> list[Area]:
    """The highest areas whose coverage the user may read."""
    return scope_roots(user, COVERAGE_ROLES)


def access_coverage_area(user, area_id: str | int | None) -> Area | Places:
    """The area asked for (`?area=12`), or the several asked for (`?area=12,15`), within the
    user's roots; by default all of them: one `Area`, or `Places` summing several. 404 for
    anything outside."""
    places = access_places(user, area_id, roles=COVERAGE_ROLES)
    return places.single or places
