"""What the cases API reads and writes: the output rows, the report body and the list filters,
each declaring what the server enforces (see core/apitypes.py)."""

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from grassroots.cases.models import Case
from grassroots.cases.permissions import (
    SEES_REQUESTER,
    actions_for,
    requester_view,
    shown_requester,
)
from grassroots.cases.workflow import Status
from grassroots.core.apitypes import FilledText, Id, Input, IsoDate, Number, Pattern, Text
from grassroots.party.models import PartyMember

Kind = Literal["problem", "need", "wish", "service"]
# Channels a caller may report through; Open311, the wish wall and questionnaires have their own.
ApiChannel = Literal["resident", "grid_worker", "duty_desk", "hotline", "inspection"]
# A point on the map, to the six decimals the database keeps (about 0.1 m).
if TYPE_CHECKING:  # the checker sees the number; pydantic, its bounds and rounding
    type Latitude = Decimal
    type Longitude = Decimal
else:
    Latitude = Number(ge="-90", le="90", places=6)
    Longitude = Number(ge="-180", le="180", places=6)
_ONE_STATUS = "|".join(Status.values)
# Statuses, comma separated: the list filter refuses any other word.
StatusList = Annotated[Text, Pattern(rf"^({_ONE_STATUS})(,({_ONE_STATUS}))*$")]


# --- Output -----------------------------------------------------------------------------------


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
    requester_name: str = Field(
        description="The name for the community handling it, the grid worker verifying it and "
        "the requester; the first character and ** for others; empty when hidden"
    )
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


# --- Input ------------------------------------------------------------------------------------


def _both_or_neither(first: str, second: str) -> dict:
    """A JSON Schema rule: a number in `first` needs a number in `second`."""
    return {
        "if": {"required": [first], "properties": {first: {"type": "number"}}},
        "then": {"required": [second], "properties": {second: {"type": "number"}}},
    }


class CaseIn(Input):
    """A report. `area` is a compound or a building; a point needs both its coordinates."""

    model_config = ConfigDict(
        json_schema_extra={
            "allOf": [
                _both_or_neither("latitude", "longitude"),
                _both_or_neither("longitude", "latitude"),
            ]
        }
    )

    kind: Kind = "problem"
    category: Text = Field(max_length=40, description="Category code, e.g. drainage")
    area: Id = Field(description="Id of a compound or building (404 for any other id)")
    title: Text = Field("", max_length=60)
    description: FilledText = Field(max_length=4000, description="Not empty or only spaces")
    channel: ApiChannel = "resident"
    latitude: Latitude | None = Field(None, description="With longitude; rounded to 6 places")
    longitude: Longitude | None = Field(None, description="With latitude; rounded to 6 places")
    address: Text = Field("", max_length=200)
    requester_name: Text = Field("", max_length=50, description="When reporting on behalf")
    requester_phone: Text = Field("", max_length=20, description="When reporting on behalf")
    hide_requester: bool = False


class CaseFilters(Schema):
    kind: Kind | None = None
    group: Literal["open", "finished", "with_taker"] | None = Field(
        None, description="Status group"
    )
    status: StatusList | None = Field(
        None, max_length=200, description="Statuses, comma separated: " + ", ".join(Status.values)
    )
    category: Text | None = Field(None, max_length=40, description="Category code")
    area: Id | None = Field(None, description="An area id: cases in it and below it (404 if none)")
    created_from: IsoDate | None = Field(None, description="2000-01-01 to 2100-12-31")
    created_to: IsoDate | None = Field(None, description="2000-01-01 to 2100-12-31")
    overdue: bool | None = None
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(20, ge=1, le=100)


# --- Rows -------------------------------------------------------------------------------------


def case_row(case: Case) -> dict:
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


def sees_requester(user, case: Case) -> bool:
    return requester_view(user, case) in SEES_REQUESTER


def case_detail(user, case: Case) -> dict:
    takers = []
    for a in case.assignments.select_related("unit", "team", "member__person").order_by("pk"):
        kind = "unit" if a.unit_id else "team" if a.team_id else "member"
        taker = a.taker
        name = taker.person.name if isinstance(taker, PartyMember) else taker.name
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
        **case_row(case),
        "requester_name": requester_name,
        "requester_phone": requester_phone,
        "completion_note": case.completion_note,
        "cost_yuan": case.cost_yuan,
        "quantities": case.quantities,
        "rating_comment": case.rating_comment,
        "repeat_count": case.repeat_count,
        "duplicate_of": case.duplicate_of_id,
        "takers": takers,
        "actions": actions_for(user, case),
    }
