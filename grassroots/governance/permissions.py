"""Who sees and does what in compound governance.

Community staff, secretaries and the county keep the records of the compounds under them
(assessments, projects, bodies, meetings, disclosures); grid workers and auditors look. An
assessment is verified by a secretary or the county, never by the one who recorded it.
Published disclosures are public."""

from django.db.models import Q
from django.http import Http404

from grassroots.accounts.models import ADMIN_ROLES, AUDIT_ROLES, Role
from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area
from grassroots.areas.permissions import OVERVIEW_LEVELS, access_places
from grassroots.areas.places import Places

KEEPERS = (Role.COMMUNITY_STAFF, Role.COMMUNITY_SECRETARY, *ADMIN_ROLES)
VERIFIERS = (Role.COMMUNITY_SECRETARY, *ADMIN_ROLES)
READERS = (*KEEPERS, Role.GRID_WORKER, *AUDIT_ROLES)


def _over(user, area: Area, roles) -> bool:
    if not getattr(user, "is_authenticated", False) or area is None:
        return False
    return scope_of(user).covers(area, roles)


def can_read(user, area: Area) -> bool:
    return _over(user, area, READERS)


def can_keep(user, area: Area) -> bool:
    return _over(user, area, KEEPERS)


def can_verify(user, area: Area) -> bool:
    return _over(user, area, VERIFIERS)


def reading_paths(user) -> list[str]:
    """Area paths the user may read governance records under ([""] for everything)."""
    scope = scope_of(user)
    return [""] if scope.is_superuser else scope.area_paths(READERS)


def access_area(user, pk) -> Area:
    area = Area.objects.filter(pk=pk).first() if str(pk).isdigit() else None
    if area is None or not can_read(user, area):
        raise Http404
    return area


def top_area(user, wanted) -> Area | Places:
    """The area a reader sees: the one asked for (`?area=12`, or several: `?area=12,15`) if
    they may, else all of their scope — one `Area`, or `Places` summing several (404 for those
    who read no governance records)."""
    levels = (*OVERVIEW_LEVELS, Area.Level.COMPOUND)
    places = access_places(user, wanted, roles=READERS, levels=levels)
    return places.single or places


def access_compound(user, pk) -> Area:
    area = access_area(user, pk)
    if area.level != Area.Level.COMPOUND:
        raise Http404
    return area


def access_kept_compound(user, pk) -> Area:
    """A compound whose records the user keeps (404 for a reader who only looks, or anyone else)."""
    area = access_compound(user, pk)
    if not can_keep(user, area):
        raise Http404
    return area


def reading_q(user, field: str) -> Q:
    """A filter for records whose `field` path lies in the areas the user reads governance
    records under (404 for someone who reads none)."""
    paths = reading_paths(user)
    if not paths:
        raise Http404
    query = Q()
    for path in paths:
        query |= Q(**{f"{field}__startswith": path})
    return query


def access_governed(user, model, pk, *related):
    """A governance record (assessment, project, meeting, disclosure) the user may read."""
    obj = model.objects.select_related(*related).filter(pk=pk).first()
    area = getattr(obj, "compound", None) or getattr(obj, "area", None)
    if obj is None or not can_read(user, area):
        raise Http404
    return obj
