"""The three rates (三率) page and its Excel export, for the county and the communities' staff."""

import datetime as dt
import io

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from grassroots.accounts.models import ADMIN_ROLES, AUDIT_ROLES, Role
from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area
from grassroots.areas.permissions import scope_roots
from grassroots.areas.queries import within
from grassroots.cases.kpis import PERIODS, RatesReport, period_bounds, rates_report
from grassroots.cases.models import Case
from grassroots.core.audit import client_address, record_audit

RATE_ROLES = (*ADMIN_ROLES, *AUDIT_ROLES, Role.COMMUNITY_SECRETARY, Role.COMMUNITY_STAFF)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BREAKDOWN_LEVELS = (Area.Level.COUNTY, Area.Level.STREET, Area.Level.COMMUNITY)
LONGEST_PERIOD = 3660  # days: ten years
PERIOD_LABELS = {"month": _("Month"), "quarter": _("Quarter"), "year": _("Year")}
BY_LABELS = {
    "county": _("By county"),
    "street": _("By street"),
    "community": _("By community"),
    "unit": _("By unit"),
}


class RatesQuery(forms.Form):
    """Which period and which breakdown: ?period=month|quarter|year|custom&start=&end=&by=."""

    period = forms.ChoiceField(label=_("Period"), choices=[(p, p) for p in PERIODS], required=False)
    start = forms.DateField(label=_("From"), required=False)
    end = forms.DateField(label=_("To"), required=False)
    by = forms.ChoiceField(
        label=_("Breakdown"),
        choices=[(b, b) for b in BY_LABELS],
        required=False,
    )
    format = forms.ChoiceField(
        label=_("File format"), choices=[("", "html"), ("xlsx", "xlsx")], required=False
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if data.get("period") == "custom":
            if not (start and end):
                raise forms.ValidationError(_("Give both the first and the last day."))
            if end < start:
                raise forms.ValidationError(_("The last day comes before the first day."))
            if (end - start).days > LONGEST_PERIOD:
                raise forms.ValidationError(_("Choose a period of at most ten years."))
        return data

    def choice(self, roots: list[Area]) -> dict:
        """The period and breakdown asked for, or this month by community for bad input."""
        data = self.cleaned_data if self.is_valid() else {}
        period = data.get("period") or "month"
        start, end = period_bounds(
            period, data.get("start") or timezone.localdate(), data.get("end")
        )
        levels = by_levels(roots)
        by = data.get("by") if data.get("by") in levels else levels[0]
        return {"period": period, "period_start": start, "period_end": end, "by": by}


def by_levels(roots: list[Area]) -> list[str]:
    """The breakdowns a user may choose: area levels at or below their scope roots, and units."""
    deepest = max((root.depth for root in roots), default=1)
    county = Area.depth_of(Area.Level.COUNTY)
    levels = [
        level
        for level in BREAKDOWN_LEVELS
        if Area.depth_of(level) > deepest or Area.depth_of(level) == deepest > county
    ]
    return [*levels[::-1], "unit"]


def rates_page(request):
    """The three rates for the user's scope, broken down by street, community or unit."""
    scope = scope_of(request.user)
    if not scope.has(*RATE_ROLES):
        raise PermissionDenied
    roots = scope_roots(request.user, RATE_ROLES, levels=None)
    query = RatesQuery(request.GET)
    choice = query.choice(roots)
    cases = Case.objects.filter(within(scope.area_q("path", roles=RATE_ROLES)))
    report = rates_report(
        roots=roots,
        cases_qs=cases,
        by=choice["by"],
        period_start=choice["period_start"],
        period_end=choice["period_end"],
    )
    if query.is_valid() and query.cleaned_data["format"] == "xlsx":
        return _export(request, report, roots, choice)
    context = {
        **choice,
        "query": query,
        "roots": roots,
        "report": report,
        "chart": [row for row in report.rows if row[1].composite is not None],
        "links": _links(choice, by_levels(roots)),
    }
    return render(request, "cases/rates.html", context)


def _links(choice: dict, levels: list[str]) -> dict:
    """Query strings for the tabs, the previous and next period and the export."""
    period, start, end, by = (choice[k] for k in ("period", "period_start", "period_end", "by"))

    def link(**changes) -> str:
        params = {"period": period, "start": start, "end": end, "by": by, **changes}
        if params["period"] != "custom":
            params.pop("end")
        return "?" + "&".join(f"{k}={v}" for k, v in params.items() if v)

    day, length = dt.timedelta(days=1), end - start + dt.timedelta(days=1)
    # A calendar period snaps to the month, quarter or year holding its start.
    return {
        "periods": [(p, label, link(period=p)) for p, label in PERIOD_LABELS.items()],
        "by": [(b, BY_LABELS[b], link(by=b)) for b in levels],
        "previous": link(start=start - (length if period == "custom" else day), end=start - day),
        "next": link(start=end + day, end=end + length),
        "xlsx": link(format="xlsx"),
    }


HEADERS = [
    "名称",
    "应签收数",
    "按时签收数",
    "响应率(%)",
    "已接单数",
    "已解决数",
    "解决率(%)",
    "评价数",
    "满意",
    "基本满意",
    "不满意",
    "满意率(%)",
    "综合得分",
]
RATE_COLUMNS = (4, 7, 12, 13)  # the percentages and the composite, shown with one decimal
# What each row shows after its name, in the order of HEADERS.
ROW_MEASURES = (
    "to_sign",
    "signed_in_time",
    "response",
    "taken",
    "resolved",
    "resolution",
    "rated",
    "satisfied",
    "basically",
    "dissatisfied",
    "satisfaction",
    "composite",
)


def _export(request, report: RatesReport, roots: list[Area], choice: dict) -> FileResponse:
    """The table as an .xlsx file, with an audit entry for the export."""
    content = rates_workbook(report, "、".join(root.name for root in roots) + "（合计）")
    record_audit(
        actor=request.user,
        action="export",
        target=None,
        detail={
            "what": "rates",
            "start": str(report.period_start),
            "end": str(report.period_end),
            "by": choice["by"],
            "rows": len(report.rows),
        },
        address=client_address(request),
    )
    filename = f"三率_{report.period_start}_{report.period_end}.xlsx"
    return FileResponse(
        io.BytesIO(content), as_attachment=True, filename=filename, content_type=XLSX_TYPE
    )


def rates_workbook(report: RatesReport, total_name: str) -> bytes:
    """The total first, then one row per area or unit; a second sheet explains the formula."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "三率"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for name, r in [(total_name, report.total), *((o.name, r) for o, r in report.rows)]:
        sheet.append([name, *(getattr(r, measure) for measure in ROW_MEASURES)])
    _format_columns(sheet)
    sheet.freeze_panes = "B2"
    _add_formula_sheet(workbook, report)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _format_columns(sheet) -> None:
    """Widths for the headers; the rates and the composite with one decimal."""
    for index, header in enumerate(HEADERS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 24 if index == 1 else 2 * len(header) + 2
        if index in RATE_COLUMNS:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "0.0"


def _add_formula_sheet(workbook: Workbook, report: RatesReport) -> None:
    f = report.formula
    version = f"第 {f.version} 版（{f.effective_from} 起施行）" if f.pk else "第 0 版（默认公式）"
    notes = workbook.create_sheet("计算口径")
    for line in (
        ["统计期间", f"{report.period_start} 至 {report.period_end}"],
        ["公式版本", version],
        ["响应率", "期内派单或发布、已到签收时限或已签收的诉求中，按时签收（接单）的比例"],
        ["解决率", "期内已接单且未撤回的诉求中，已办结且未被退回重办的比例"],
        ["满意率", f"（满意 + 基本满意 × {f.basically_counts_as}）÷ 期内评价数"],
        [
            "综合得分",
            f"响应率 × {f.response_weight}% + 解决率 × {f.resolution_weight}%"
            f" + 满意率 × {f.satisfaction_weight}%",
        ],
    ):
        notes.append(line)
    notes.append(["说明", "各项按期末（本期未结束的按当前）已发生的情况统计；比率保留一位小数"])
    notes.column_dimensions["A"].width = 12
    notes.column_dimensions["B"].width = 70
