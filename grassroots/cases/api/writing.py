"""Writing cases over the API: reporting one, and every transition as its own operation.

Each action (`POST /cases/{id}/actions/<action>`) declares the body its page form reads, so a
client generated from the OpenAPI document sends what the form takes. `permissions.refusal`
answers first, as it does for the page's buttons: the state (409), then the person (403); then
the action's own input goes to the same service (`running.OPERATIONS`), so the API cannot do
anything a page could not. What is still refused once the body kept to the schema is about the
stored data: a unit, case or category that cannot be chosen here is 404 with the field named; a
refusal naming no field is the case's state (409).
"""

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Status as Reply

from grassroots.accounts.models import Role
from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area
from grassroots.cases import services
from grassroots.cases.api.reading import bad, not_found
from grassroots.cases.api.routers import cases
from grassroots.cases.api.running import OPERATIONS
from grassroots.cases.api.schemas import CaseDetailOut, CaseIn, case_detail
from grassroots.cases.errors import CaseRefused
from grassroots.cases.models import Case, Category, Event
from grassroots.cases.permissions import CLAIM_ROLES, access_case, refusal
from grassroots.cases.workflow import Action, Status
from grassroots.core.apitypes import IDEMPOTENCY, WRITE, Id, Input
from grassroots.core.errors import ApiError

PLACES = (Area.Level.COMPOUND, Area.Level.BUILDING)
# Fields that name something stored: refused, they are a thing not found among the choices.
REFERENCES = {"category", "into", "lead", "co_handlers", "units"}


def _refused(exc: CaseRefused, *, schema_kept: bool = False) -> ApiError:
    fields = {k: [str(m) for m in v] for k, v in exc.fields.items()}
    status, code = exc.http_status, exc.code
    named = set(fields) - {"__all__"}
    if schema_kept and code == "invalid" and named and named <= REFERENCES:
        status, code = 404, "not_found"
    elif schema_kept and code == "invalid" and not named:
        status, code = 409, "conflict"
    return ApiError(status, code, str(exc.message), fields)


@cases.post(
    "/cases",
    response={201: CaseDetailOut, **WRITE},
    summary="Report a demand (or record one on a resident's behalf)",
)
def create_case(request: HttpRequest, payload: CaseIn, idempotency_key: str | None = IDEMPOTENCY):
    category = Category.objects.filter(code=payload.category, active=True).first()
    if category is None:
        raise not_found("category", _("No such category."))
    area = Area.objects.filter(pk=payload.area, level__in=PLACES).first()
    if area is None:
        raise not_found("area", _("No compound or building has this id."))
    if (payload.latitude is None) != (payload.longitude is None):  # the schema says so too
        raise bad("latitude", _("Give latitude and longitude together."))
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
    return Reply(201, case_detail(request.user, case))  # the reporter sees what they reported


def _case_to_act_on(user, case_id: int, action: str) -> Case:
    """The case, or 404; a claimant who lost the race for a case on the board gets 409 instead
    (the case left the board, and with it their sight of it, when someone else claimed it)."""
    try:
        return access_case(user, case_id)
    except Http404:
        if action == Action.CLAIM and _lost_on_board(user, case_id):
            raise ApiError(409, "conflict", _("Someone else claimed this case first.")) from None
        raise


def _lost_on_board(user, case_id: int) -> bool:
    """Whether the case was on the user's own claim board and was claimed from it since: its
    place lies where they may claim, it was published, and it is published no longer."""
    scope = scope_of(user)
    case = Case.objects.filter(pk=case_id).select_related("area").first()
    if case is None or case.status == Status.PUBLISHED or not scope.has(*CLAIM_ROLES):
        return False
    where = scope.covers(case.area, CLAIM_ROLES) or scope.serves(case.area, [Role.UNIT_LIAISON])
    return where and Event.objects.filter(case_id=case_id, action=Action.PUBLISH).exists()


def act(request: HttpRequest, case_id: int, action: str, payload: Input) -> dict:
    """Take `action` on the case: refused as its page would refuse it, else its service runs."""
    user = request.user
    case = _case_to_act_on(user, case_id, action)
    refused = refusal(user, action, case)
    if refused is not None:
        raise ApiError(refused.http_status, refused.code, str(refused.message))
    try:
        OPERATIONS[Action(action)].run(user, case, payload)
    except CaseRefused as exc:
        raise _refused(exc, schema_kept=True) from exc
    return case_detail(user, access_case(user, case.pk))


def _operation(action: Action, body: type[Input]):
    """`POST /cases/{case_id}/actions/<action>` taking `body`."""

    def operation(
        request: HttpRequest,
        case_id: Id,
        payload: body,  # type: ignore[valid-type]  # each action's own schema, read by ninja
        idempotency_key: str | None = IDEMPOTENCY,
    ):
        return act(request, case_id, action, payload)

    operation.__name__ = f"act_{action.value}"
    return cases.post(
        f"/cases/{{case_id}}/actions/{action.value}",
        response={200: CaseDetailOut, **WRITE},
        summary=OPERATIONS[action].summary,
        operation_id=f"act_{action.value}",
    )(operation)


for _action, _operation_of in OPERATIONS.items():
    _operation(_action, _operation_of.body)
