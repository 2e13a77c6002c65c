"""Cases over the JSON API: list, report, read, timeline, and every transition as an action.

Every case is reached through `access_case` / `cases_visible_to`, so a case outside the caller's
scope is a 404 exactly as an unknown one. Actions validate with the case page's own forms and
call the same services; refusals map to 403 (not yours), 409 (state moved on) and 400 (input).
"""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Header, Query, Router, Schema
from ninja import Status as Reply

from grassroots.accounts.models import Role
from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area
from grassroots.areas.permissions import scope_roots
from grassroots.areas.queries import under, within
from grassroots.cases import forms as case_forms
from grassroots.cases import services
from grassroots.cases.dispatching import DispatchForm
from grassroots.cases.errors import FORBIDDEN, NOT_NOW, CaseRefused
from grassroots.cases.models import Case, Category, Event
from grassroots.cases.permissions import (
    CLAIM_ROLES,
    SEES_REQUESTER,
    access_case,
    can,
    cases_visible_to,
    reads_everything_under,
    requester_view,
    shown_requester,
)
from grassroots.cases.workflow import FINISHED, OPEN, TRANSITIONS, WITH_TAKER, Status, allowed
from grassroots.core.apitypes import NOT_FOUND, WRITE, Id, IsoDate, Text
from grassroots.core.errors import ApiError, ErrorOut

router = Router(tags=["cases"])

Kind = Literal["problem", "need", "wish", "service"]
# Channels a caller may report through; Open311, the wish wall and questionnaires have their own.
ApiChannel = Literal["resident", "grid_worker", "duty_desk", "hotline", "inspection"]
Action = Literal[tuple(TRANSITIONS)]  # type: ignore[valid-type]
GROUPS = {"open": OPEN, "finished": FINISHED, "with_taker": WITH_TAKER}
IDEMPOTENCY = Header(
    None,
    alias="Idempotency-Key",
    description="Repeat a POST safely: a repeat with the same key returns the first response.",
    max_length=100,
)


# --- Schemas ----------------------------------------------------------------------------------


class CaseOut(Schema):
    id: int
    reference: str
    kind: str
    channel: str
    category: str = Field(description="Category code")
    category_name: str
    title: str
    description: str
    area: int = Field(description="Id of the compound or building")
    area_name: str
    address: str
    latitude: Decimal | None
    longitude: Decimal | None
    status: str
    status_label: str
    urgent: bool
    complex: bool
    overdue: bool
    supervised: bool
    rating: str
    created_at: dt.datetime
    updated_at: dt.datetime
    sign_due_at: dt.datetime | None
    handle_due_at: dt.datetime | None
    closed_at: dt.datetime | None


class TakerOut(Schema):
    role: str
    kind: Literal["unit", "team", "member"]
    id: int
    name: str
    active: bool
    reported_at: dt.datetime | None


class CaseDetailOut(CaseOut):
    requester_name: str = Field(description="Empty unless the caller may see who asked")
    requester_phone: str = Field(description="Masked, e.g. 138****1234")
    completion_note: str
    cost_yuan: Decimal | None
    quantities: str
    rating_comment: str
    repeat_count: int
    duplicate_of: int | None
    takers: list[TakerOut]
    actions: list[str] = Field(description="Actions the caller may take now")


class CasePage(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    results: list[CaseOut]


class EventOut(Schema):
    id: int
    at: dt.datetime
    action: str
    action_label: str
    from_status: str
    to_status: str
    actor: str = Field(description="Who acted; empty for the requester when hidden")
    note: str
    data: dict


class CaseIn(Schema):
    kind: Kind = "problem"
    category: Text = Field(max_length=40, description="Category code, e.g. drainage")
    area: Id = Field(description="Id of a compound or building")
    title: Text = Field("", max_length=60)
    description: Text = Field(max_length=4000)
    channel: ApiChannel = "resident"
    latitude: Decimal | None = Field(None, ge=-90, le=90, max_digits=9, decimal_places=6)
    longitude: Decimal | None = Field(None, ge=-180, le=180, max_digits=9, decimal_places=6)
    address: Text = Field("", max_length=200)
    requester_name: Text = Field("", max_length=50, description="When reporting on behalf")
    requester_phone: Text = Field("", max_length=20, description="When reporting on behalf")
    hide_requester: bool = False


class ActionIn(Schema):
    """The inputs of every action; each action reads the ones it needs (see the descriptions)."""

    note: Text | None = Field(None, max_length=2000, description="Most actions: a note")
    reason: Text | None = Field(None, max_length=500, description="reject, object, reopen, …")
    answer: Text | None = Field(None, max_length=2000, description="answer")
    urgent: bool | None = Field(None, description="triage")
    complex: bool | None = Field(None, description="triage, dispatch")
    category: Text | None = Field(None, max_length=40, description="triage: a new category")
    into: Id | None = Field(None, description="merge: the case this one repeats")
    lead: Text | None = Field(
        None, max_length=30, description='dispatch: "unit:<id>", "team:<id>" or "member:<id>"'
    )
    co_handlers: list[Id] = Field([], max_length=20, description="dispatch: unit ids")
    days: int | None = Field(None, ge=1, le=30, description="request_extension")
    approve: bool | None = Field(None, description="decide_extension")
    units: list[Id] = Field([], max_length=50, description="escalate: unit ids to summon")
    cost_yuan: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    quantities: Text | None = Field(None, max_length=200, description="complete")
    hours: Decimal | None = Field(
        None,
        ge=Decimal("0.5"),
        le=24,
        max_digits=3,
        decimal_places=1,
        description="complete (service orders): hours served",
    )
    rating: Literal["satisfied", "basically", "dissatisfied"] | None = Field(
        None, description="rate"
    )
    comment: Text | None = Field(None, max_length=500, description="rate")


class CaseFilters(Schema):
    kind: Kind | None = None
    group: Literal["open", "finished", "with_taker"] | None = Field(
        None, description="Status group"
    )
    status: Text | None = Field(None, max_length=200, description="Statuses, comma separated")
    category: Text | None = Field(None, max_length=40, description="Category code")
    area: Id | None = Field(None, description="An area id: cases in it and below it")
    created_from: IsoDate | None = None
    created_to: IsoDate | None = None
    overdue: bool | None = None
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(20, ge=1, le=100)


# --- Reading ----------------------------------------------------------------------------------


def _case(case: Case) -> dict:
    return {
        "id": case.pk,
        "reference": case.reference,
        "kind": case.kind,
        "channel": case.channel,
        "category": case.category.code,
        "category_name": case.category.name,
        "title": case.title,
        "description": case.description,
        "area": case.area_id,
        "area_name": case.area.name,
        "address": case.address,
        "latitude": case.latitude,
        "longitude": case.longitude,
        "status": case.status,
        "status_label": str(case.get_status_display()),
        "urgent": case.urgent,
        "complex": case.complex,
        "overdue": case.overdue,
        "supervised": case.supervised,
        "rating": case.rating,
        "created_at": case.created_at,
        "updated_at": case.updated_at,
        "sign_due_at": case.sign_due_at,
        "handle_due_at": case.handle_due_at,
        "closed_at": case.closed_at,
    }


def _sees_requester(user, case: Case) -> bool:
    return requester_view(user, case) in SEES_REQUESTER


def _detail(user, case: Case) -> dict:
    takers = []
    for a in case.assignments.select_related("unit", "team", "member__person").order_by("pk"):
        kind = "unit" if a.unit_id else "team" if a.team_id else "member"
        name = a.unit.name if a.unit_id else a.team.name if a.team_id else a.member.person.name
        takers.append(
            {
                "role": a.role,
                "kind": kind,
                "id": a.unit_id or a.team_id or a.member_id,
                "name": name,
                "active": a.active,
                "reported_at": a.reported_at,
            }
        )
    requester_name, requester_phone = shown_requester(requester_view(user, case), case)
    return {
        **_case(case),
        "requester_name": requester_name,
        "requester_phone": requester_phone,
        "completion_note": case.completion_note,
        "cost_yuan": case.cost_yuan,
        "quantities": case.quantities,
        "rating_comment": case.rating_comment,
        "repeat_count": case.repeat_count,
        "duplicate_of": case.duplicate_of_id,
        "takers": takers,
        "actions": [a for a in TRANSITIONS if can(user, a, case)],
    }


def _bad(field: str, message: str) -> ApiError:
    return ApiError(400, "invalid", message, {field: [message]})


@router.get(
    "/cases",
    response={200: CasePage, **NOT_FOUND},
    summary="List the cases the caller may see, newest first",
)
def list_cases(request: HttpRequest, filters: Query[CaseFilters]):
    found = cases_visible_to(request.user)
    if filters.area:  # first: it may replace the visibility test, so the other filters follow
        area = Area.objects.filter(pk=filters.area).first()
        if area is None or not _in_counties_of(request.user, area):
            raise _bad("area", _("No such area."))  # another county's is not told apart
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
            raise _bad("status", _("Unknown status; use: %s") % ", ".join(Status.values))
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
    ids = found.order_by("-created_at", "-pk").values_list("pk", flat=True)
    ids = list(ids[(page - 1) * size : page * size])
    rows = Case.objects.filter(pk__in=ids).select_related("category", "area")
    rows = rows.order_by("-created_at", "-pk")
    return {
        "count": count,
        "page": page,
        "page_size": size,
        "pages": max(1, -(-count // size)),
        "results": [_case(c) for c in rows],
    }


@router.get(
    "/cases/{case_id}",
    response={200: CaseDetailOut, **NOT_FOUND},
    summary="One case with its takers and the actions the caller may take",
)
def get_case(request: HttpRequest, case_id: Id):
    return _detail(request.user, access_case(request.user, case_id))


@router.get(
    "/cases/{case_id}/events",
    response={200: list[EventOut], **NOT_FOUND},
    summary="A case's timeline, oldest first",
)
def case_events(request: HttpRequest, case_id: Id):
    case = access_case(request.user, case_id)
    sees = _sees_requester(request.user, case)
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


# --- Writing ----------------------------------------------------------------------------------


def _refused(exc: CaseRefused) -> ApiError:
    fields = {k: [str(m) for m in v] for k, v in exc.fields.items()}
    return ApiError(exc.http_status, exc.code, str(exc.message), fields)


@router.post(
    "/cases",
    response={201: CaseDetailOut, **WRITE},
    summary="Report a demand (or record one on a resident's behalf)",
)
def create_case(request: HttpRequest, payload: CaseIn, idempotency_key: str | None = IDEMPOTENCY):
    category = Category.objects.filter(code=payload.category, active=True).first()
    if category is None:
        raise _bad("category", _("No such category."))
    area = Area.objects.filter(pk=payload.area).first()
    if area is None:
        raise _bad("area", _("No such area."))
    if (payload.latitude is None) != (payload.longitude is None):
        raise _bad("latitude", _("Give latitude and longitude together."))
    try:
        case = services.submit_case(
            actor=request.user,
            kind=payload.kind,
            category=category,
            title=payload.title,
            description=payload.description,
            area=area,
            channel=payload.channel,
            latitude=payload.latitude,
            longitude=payload.longitude,
            address=payload.address,
            requester_name=payload.requester_name,
            requester_phone=payload.requester_phone,
            hide_requester=payload.hide_requester,
        )
    except CaseRefused as exc:
        raise _refused(exc) from exc
    return Reply(201, _detail(request.user, case))  # the reporter sees what they reported


def _in_counties_of(user, area: Area) -> bool:
    """Whether `area` lies in a county the user's roles or units touch, or above them (a list
    filtered by it then shows what they may see there; another county's is "no such area")."""
    scope = scope_of(user)
    if scope.is_superuser:
        return True
    held = [*scope.area_paths(), *scope.unit_paths()]
    counties = {Area.cut(p, Area.Level.COUNTY) for p in held}
    return any(area.path.startswith(c) or c.startswith(area.path) for c in counties)


def _case_to_act_on(user, case_id: int, action: str) -> Case:
    """The case, or 404; a claimant who lost the race for a case on the board gets 409 instead
    (the case left the board, and with it their sight of it, when someone else claimed it)."""
    try:
        return access_case(user, case_id)
    except Http404:
        if action == "claim" and _lost_on_board(user, case_id):
            raise ApiError(409, "conflict", _("Someone else claimed this case first.")) from None
        raise


def _lost_on_board(user, case_id: int) -> bool:
    """Whether the case was on the user's own claim board and was claimed from it since: its
    place lies where they may claim, it was published, and it is published no longer."""
    scope = scope_of(user)
    case = Case.objects.filter(pk=case_id).select_related("area").first()
    if case is None or case.status == Status.PUBLISHED or not scope.has(*CLAIM_ROLES):
        return False
    where = scope.reaches(case.area, CLAIM_ROLES) or scope.serves(case.area, [Role.UNIT_LIAISON])
    return where and Event.objects.filter(case_id=case_id, action="publish").exists()


def _form_data(action: str, payload: ActionIn) -> dict:
    """The API's JSON as the data the case page's form for `action` reads."""
    data = {k: v for k, v in payload.dict().items() if v not in (None, [])}
    if "approve" in data:
        data["approve"] = "1" if data["approve"] else "0"
    if action == "triage" and "category" in data:
        category = Category.objects.filter(code=data["category"], active=True).first()
        data["category"] = category.pk if category else "-1"
    return data


@router.post(
    "/cases/{case_id}/actions/{action}",
    response={200: CaseDetailOut, **WRITE},
    summary="Move a case on: dispatch, claim, accept, object, complete, verify, rate, …",
)
def act(
    request: HttpRequest,
    case_id: Id,
    action: Action,
    payload: ActionIn,
    idempotency_key: str | None = IDEMPOTENCY,
):
    user = request.user
    case = _case_to_act_on(user, case_id, action)
    if not allowed(action, case.status):
        message = NOT_NOW % {"status": case.get_status_display()}
        raise ApiError(409, "conflict", str(message))
    if not can(user, action, case):
        raise ApiError(403, "forbidden", str(FORBIDDEN))
    data = _form_data(action, payload)
    try:
        if action == "dispatch":
            if "co_handlers" in data:
                data["co_handlers"] = [str(pk) for pk in data["co_handlers"]]
            form = DispatchForm(data, case=case)
            if not form.is_valid():
                raise CaseRefused("invalid", case_forms.form_errors_text(form), dict(form.errors))
            services.dispatch_case(actor=user, case=case, **form.cleaned_data)
        else:
            case_forms.run_action(action, actor=user, case=case, post=data, files={})
    except CaseRefused as exc:
        raise _refused(exc) from exc
    return _detail(user, access_case(user, case.pk))


# --- Reference data ---------------------------------------------------------------------------


class CategoryOut(Schema):
    code: str
    name: str
    urgent: bool
    description: str


@router.get("/categories", response={200: list[CategoryOut], **NOT_FOUND}, tags=["reference"])
def list_categories(request: HttpRequest):
    """The active categories of demands, in the order the report form shows them."""
    return list(
        Category.objects.filter(active=True).values("code", "name", "urgent", "description")
    )


class RatesOut(Schema):
    formula_version: int
    due_for_signing: int
    signed_in_time: int
    taken: int
    resolved: int
    rated: int
    satisfied: int
    basically_satisfied: int
    response: Decimal | None = Field(description="响应率, percent")
    resolution: Decimal | None = Field(description="解决率, percent")
    satisfaction: Decimal | None = Field(description="满意率, percent")
    composite: Decimal | None = Field(description="综合, percent")


class RatesRowOut(RatesOut):
    kind: Literal["area", "unit"]
    id: int
    name: str


class RatesReportOut(Schema):
    period_start: dt.date
    period_end: dt.date
    by: str
    total: RatesOut
    rows: list[RatesRowOut]


class RatesFilters(Schema):
    period: Literal["month", "quarter", "year", "custom"] = "month"
    day: IsoDate | None = Field(None, description="A day in the period (default today)")
    end: IsoDate | None = Field(None, description="custom: the last day")
    by: Literal["county", "street", "community", "unit"] = "community"


def _rates(r) -> dict:
    return {
        "formula_version": r.version,
        "due_for_signing": r.to_sign,
        "signed_in_time": r.signed_in_time,
        "taken": r.taken,
        "resolved": r.resolved,
        "rated": r.rated,
        "satisfied": r.satisfied,
        "basically_satisfied": r.basically,
        "response": r.response,
        "resolution": r.resolution,
        "satisfaction": r.satisfaction,
        "composite": r.composite,
    }


@router.get(
    "/rates",
    response={200: RatesReportOut, **NOT_FOUND, 403: ErrorOut},
    tags=["reference"],
    summary="The three rates (三率) of the caller's areas, with a breakdown",
)
def rates(request: HttpRequest, filters: Query[RatesFilters]):
    from grassroots.cases.kpis import period_bounds, rates_report
    from grassroots.cases.views.rates import LONGEST_PERIOD, RATE_ROLES

    scope = scope_of(request.user)
    if not scope.has(*RATE_ROLES):
        raise ApiError(403, "forbidden", _("The rates are for community and county staff."))
    roots = scope_roots(request.user, RATE_ROLES, levels=None)
    day = filters.day or timezone.localdate()
    if filters.period == "custom":
        if filters.end is None or filters.end < day:
            raise _bad("end", _("Give a last day on or after the first day."))
        if (filters.end - day).days > LONGEST_PERIOD:
            raise _bad("end", _("Choose a period of at most ten years."))
    start, end = period_bounds(filters.period, day, filters.end)
    report = rates_report(
        roots=roots,
        cases_qs=Case.objects.filter(within(scope.area_q("path", roles=RATE_ROLES))),
        by=filters.by,
        period_start=start,
        period_end=end,
    )
    rows = [
        {
            "kind": "unit" if filters.by == "unit" else "area",
            "id": row.pk,
            "name": row.name,
            **_rates(r),
        }
        for row, r in report.rows
    ]
    return {
        "period_start": start,
        "period_end": end,
        "by": filters.by,
        "total": _rates(report.total),
        "rows": rows,
    }
