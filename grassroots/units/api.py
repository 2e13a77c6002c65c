"""County units over the JSON API, read-only: the takers cases are dispatched to."""

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from grassroots.core.apitypes import NOT_FOUND, Text
from grassroots.units.permissions import units_visible_to

router = Router(tags=["reference"])


class UnitOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    community: int | None = Field(description="The community the unit reports to (双报到)")


class UnitFilters(Schema):
    name: Text | None = Field(None, max_length=100, description="Part of the name")
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(100, ge=1, le=500)


class UnitPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[UnitOut]


@router.get("/units", response={200: UnitPage, **NOT_FOUND})
def list_units(request: HttpRequest, filters: Query[UnitFilters]):
    """The units the caller may see (their county's, their own unit), by name."""
    found = units_visible_to(request.user)
    if filters.name:
        found = found.filter(name__contains=filters.name)
    size, page = filters.page_size, filters.page
    rows = found.order_by("name", "pk")[(page - 1) * size : page * size]
    results = [
        {"id": u.pk, "code": u.code, "name": u.name, "kind": u.kind, "community": u.community_id}
        for u in rows
    ]
    return {"count": found.count(), "page": page, "page_size": size, "results": results}
