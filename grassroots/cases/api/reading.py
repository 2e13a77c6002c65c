"""Reading cases over the API: the list with its filters, one case, its timeline."""

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query

from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area
from grassroots.areas.queries import under
from grassroots.cases.api.routers import cases
from grassroots.cases.api.schemas import (
    CaseDetailOut,
    CaseFilters,
    CasePage,
    EventOut,
    case_detail,
    case_row,
    sees_requester,
)
from grassroots.cases.models import Case, Event
from grassroots.cases.permissions import access_case, cases_visible_to, reads_everything_under
from grassroots.cases.workflow import FINISHED, OPEN, WITH_TAKER, Status
from grassroots.core.apitypes import NOT_FOUND, Id
from grassroots.core.errors import ApiError

GROUPS = {"open": OPEN, "finished": FINISHED, "with_taker": WITH_TAKER}


def bad(field: str, message: str) -> ApiError:
    return ApiError(400, "invalid", message, {field: [message]})


def in_counties_of(user, area: Area) -> bool:
    """Whether `area` lies in a county the user's roles or units touch, or above them (a list
    filtered by it then shows what they may see there; another county's is "no such area")."""
    scope = scope_of(user)
    if scope.is_superuser:
        return True
    held = [*scope.area_paths(), *scope.unit_paths()]
    counties = [Area(path=Area.cut(p, Area.Level.COUNTY)) for p in held]
    return any(county.holds(area) or area.holds(county) for county in counties)


def not_found(field: str, message: str) -> ApiError:
    """A reference in the request to something that does not exist (or is not to be chosen
    here): 404 with the field named, as for a case outside the caller's sight."""
    return ApiError(404, "not_found", message, {field: [message]})


@cases.get(
    "/cases",
    response={200: CasePage, **NOT_FOUND},
    summary="List the cases the caller may see, newest first",
)
def list_cases(request: HttpRequest, filters: Query[CaseFilters]):
    found = cases_visible_to(request.user)
    if filters.area:  # first: it may replace the visibility test, so the other filters follow
        area = Area.objects.filter(pk=filters.area).first()
        if area is None or not in_counties_of(request.user, area):
            raise not_found("area", _("No such area."))  # another county's is not told apart
        if reads_everything_under(request.user, area):
            found = Case.objects.all()  # the same rows, without testing each one's visibility
        found = found.filter(under(area))
    if filters.kind:
        found = found.filter(kind=filters.kind)
    if filters.group:
        found = found.filter(status__in=GROUPS[filters.group])
    if filters.status:
        wanted = [s.strip() for s in filters.status.split(",") if s.strip()]
        if set(wanted) - set(Status.values):
            raise bad("status", _("Unknown status; use: %s") % ", ".join(Status.values))
        found = found.filter(status__in=wanted)
    if filters.category:
        found = found.filter(category__code=filters.category)

    tz = timezone.get_current_timezone()
    if filters.created_from:
        found = found.filter(
            created_at__gte=dt.datetime.combine(filters.created_from, dt.time.min, tz)
        )
    if filters.created_to:
        after = filters.created_to + dt.timedelta(days=1)
        found = found.filter(created_at__lt=dt.datetime.combine(after, dt.time.min, tz))
    if filters.overdue is not None:
        found = found.filter(overdue=filters.overdue)
    count = found.count()
    size, page = filters.page_size, filters.page
    # The page's ids first (sorted from the index), then those rows with their joins.
    ordered = found.order_by("-created_at", "-pk").values_list("pk", flat=True)
    ids = list(ordered[(page - 1) * size : page * size])
    rows = Case.objects.filter(pk__in=ids).select_related("category", "area")
    rows = rows.order_by("-created_at", "-pk")
    return {
        "count": count,
        "page": page,
        "page_size": size,
        "pages": max(1, -(-count // size)),
        "results": [case_row(c) for c in rows],
    }


@cases.get(
    "/cases/{case_id}",
    response={200: CaseDetailOut, **NOT_FOUND},
    summary="One case with its takers and the actions the caller may take",
)
def get_case(request: HttpRequest, case_id: Id):
    return case_detail(request.user, access_case(request.user, case_id))


@cases.get(
    "/cases/{case_id}/events",
    response={200: list[EventOut], **NOT_FOUND},
    summary="A case's timeline, oldest first",
)
def case_events(request: HttpRequest, case_id: Id):
    case = access_case(request.user, case_id)
    sees = sees_requester(request.user, case)
    events = Event.objects.filter(case=case).select_related("actor").order_by("at", "pk")
    rows = []
    for e in events:
        hidden = e.actor_id is not None and e.actor_id == case.requester_id and not sees
        name = "" if hidden or e.actor is None else (e.actor.get_full_name() or e.actor.username)
        rows.append(
            {
                "id": e.pk,
                "at": e.at,
                "action": e.action,
                "action_label": e.action_label,
                "from_status": e.from_status,
                "to_status": e.to_status,
                "actor": "" if hidden else (name or e.data.get("source", "")),
                "note": e.note,
                "data": e.data,
            }
        )
    return rows
