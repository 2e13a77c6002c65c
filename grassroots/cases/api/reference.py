"""Reference data over the API: the categories of demands and the three rates (三率)."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from grassroots.accounts.scopes import scope_of
from grassroots.areas.permissions import scope_roots
from grassroots.areas.queries import within
from grassroots.cases.models import Case, Category
from grassroots.core.apitypes import NOT_FOUND, IsoDate
from grassroots.core.errors import ApiError, ErrorOut

router = Router(tags=["reference"])


class CategoryOut(Schema):
    code: str
    name: str
    urgent: bool
    description: str


@router.get("/categories", response={200: list[CategoryOut], **NOT_FOUND})
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
    day: IsoDate | None = Field(
        None, description="A day in the period (default today); custom: one end of the period"
    )
    end: IsoDate | None = Field(
        None, description="custom: the other end of the period (default: the same day)"
    )
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
    summary="The three rates (三率) of the caller's areas, with a breakdown",
)
def rates(request: HttpRequest, filters: Query[RatesFilters]):
    from grassroots.cases.kpis import period_bounds, rates_report
    from grassroots.cases.views.rates import RATE_ROLES

    scope = scope_of(request.user)
    if not scope.has(*RATE_ROLES):
        raise ApiError(403, "forbidden", _("The rates are for community and county staff."))
    roots = scope_roots(request.user, RATE_ROLES, levels=None)
    day = filters.day or timezone.localdate()
    # A custom period runs between the two days, whichever is named first, and may be as long
    # as the dates allow: its cost is that of the cases in it, which ten years already hold.
    if filters.period == "custom":
        day, last = sorted((day, filters.end or day))
        start, end = period_bounds("custom", day, last)
    else:
        start, end = period_bounds(filters.period, day)
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
