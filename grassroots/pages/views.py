from django.core.paginator import Paginator
from django.shortcuts import render

from grassroots.accounts.models import ADMIN_ROLES, AUDIT_ROLES, Role
from grassroots.accounts.scopes import scope_of
from grassroots.accounts.selectors import audit_entries_for
from grassroots.areas import selectors as area_selectors
from grassroots.areas.models import Area
from grassroots.areas.permissions import access_area
from grassroots.ledgers.permissions import can_import_ledgers
from grassroots.party import selectors as party_selectors
from grassroots.people.models import Person
from grassroots.units import selectors as unit_selectors


def _first_area(scope, *roles) -> Area | None:
    return next((a.area for a in scope.assignments if a.role in roles and a.area_id), None)


AREA_HOME_ROLES = (*ADMIN_ROLES, *AUDIT_ROLES, Role.COMMUNITY_SECRETARY, Role.COMMUNITY_STAFF)


def home(request):
    """Each role lands on its own home page; the most responsible role a user holds wins."""
    scope = scope_of(request.user)
    role = scope.home_role()
    if role in AREA_HOME_ROLES:
        return _area_home(request, scope, role)
    if role == Role.UNIT_LIAISON:
        return _unit_home(request, scope, role)
    if role == Role.GRID_WORKER:
        grids = area_selectors.grids_for_worker(request.user)
        return render(request, "pages/home_grid.html", {"role": role, "grids": grids})
    return _resident_home(request, role)


def _area_home(request, scope, role: str):
    """Staff, the organisation departments and auditors: their area's overview (auditors also
    see the latest audit entries, and only read)."""
    area = _first_area(scope, role)
    assert area is not None  # `home` sends here only those who hold an area in this role
    context = _area_overview(area)
    context["read_only"] = role in AUDIT_ROLES
    context["can_import"] = can_import_ledgers(request.user)
    if role in AUDIT_ROLES:
        context["audit"] = audit_entries_for(request.user)[:10]
    return render(request, "pages/home_area.html", {"role": role, **context})


def _unit_home(request, scope, role: str):
    """A unit liaison: the unit's members in service, a page at a time."""
    unit = next(a.unit for a in scope.assignments if a.role == role)
    members = unit.members_at_work.filter(in_service=True).select_related("person", "home_compound")
    page = Paginator(members.order_by("pk"), 30).get_page(request.GET.get("page"))
    return render(request, "pages/home_unit.html", {"role": role, "unit": unit, "page": page})


def _resident_home(request, role: str):
    """Everyone else: their home on record, the areas above it, their party membership."""
    person = (
        Person.objects.select_related("home_area", "household").filter(user=request.user).first()
    )
    home_chain = area_selectors.ancestors_and_self(person.home_area) if person else []
    member = party_selectors.member_for_user(request.user)
    return render(
        request,
        "pages/home_resident.html",
        {"role": role, "person": person, "chain": home_chain, "member": member},
    )


def _area_overview(area: Area) -> dict:
    return {
        "area": area,
        "chain": area_selectors.ancestors_and_self(area),
        "figures": area_selectors.area_figures(area),
        "units": unit_selectors.units_in(area).count(),
        "members": party_selectors.in_service_members_living_in(area).count(),
        "children": area_selectors.children_with_compound_counts(area),
    }


def area_detail(request, pk: int):
    """One place and what lies under it, for anyone whose scope holds it (404 otherwise)."""
    area = access_area(request.user, pk)
    return render(request, "pages/area_detail.html", _area_overview(area))
