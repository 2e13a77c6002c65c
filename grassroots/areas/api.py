"""The area tree over the JSON API: counties down to buildings, read-only."""

from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from grassroots.areas.models import Area
from grassroots.areas.permissions import areas_visible_to
from grassroots.core.apitypes import NOT_FOUND, Id, Text
from grassroots.core.errors import ApiError

router = Router(tags=["reference"])


class AreaOut(Schema):
    id: int
    name: str
    level: str
    code: str | None
    parent: int | None
    depth: int


class AreaFilters(Schema):
    parent: Id | None = Field(None, description="Only the children of this area")
    level: Literal["city", "county", "street", "community", "compound", "building"] | None = None
    name: Text | None = Field(None, max_length=100, description="Part of the name")
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(100, ge=1, le=500)


class AreaPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[AreaOut]


def _rows(areas) -> list[dict]:
    """Areas with their parents' ids, looked up in one query."""
    areas = list(areas)
    parent_paths = {a.path[: -Area.steplen] for a in areas if a.depth > 1}
    ids = dict(Area.objects.filter(path__in=parent_paths).values_list("path", "pk"))
    return [
        {
            "id": a.pk,
            "name": a.name,
            "level": a.level,
            "code": a.code,
            "parent": ids.get(a.path[: -Area.steplen]) if a.depth > 1 else None,
            "depth": a.depth,
        }
        for a in areas
    ]


@router.get("/areas", response={200: AreaPage, **NOT_FOUND})
def list_areas(request: HttpRequest, filters: Query[AreaFilters]):
    """The areas the caller's roles reach, in tree order: filter by parent, level or part of
    the name."""
    found = areas_visible_to(request.user)
    if filters.parent:
        parent = found.filter(pk=filters.parent).first()
        if parent is None:
            raise ApiError(404, "not_found", _("No such area."))
        found = found.filter(path__startswith=parent.path, depth=parent.depth + 1)
    if filters.level:
        found = found.filter(level=filters.level)
    if filters.name:
        found = found.filter(name__contains=filters.name)
    size, page = filters.page_size, filters.page
    rows = found.order_by("path")[(page - 1) * size : page * size]
    return {"count": found.count(), "page": page, "page_size": size, "results": _rows(rows)}


@router.get("/areas/{area_id}", response={200: AreaOut, **NOT_FOUND})
def get_area(request: HttpRequest, area_id: Id):
    """One area the caller's roles reach (another is not found, like an unknown id)."""
    area = areas_visible_to(request.user).filter(pk=area_id).first()
    if area is None:
        raise ApiError(404, "not_found", _("No such area."))
    return _rows([area])[0]
