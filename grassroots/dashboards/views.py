"""The dashboards (数据驾驶舱) of the county, a street or a community, and the full-screen wall
mode (大屏) for the command centre. Interfaces only: the figures come from `figures`."""

import base64
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _lazy

from grassroots.areas.models import Area
from grassroots.areas.permissions import OVERVIEW_LEVELS, access_overview, overview_roots
from grassroots.areas.selectors import ancestors_and_self
from grassroots.core.files import audited_file, audited_pdf
from grassroots.dashboards import briefs, figures, plotlycss
from grassroots.dashboards.permissions import access_dashboard_area
from grassroots.dashboards.plotting import plotly_spec

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# The league table under a dashboard, by the level it is read at (several areas: the default).
LEAGUE_TITLES: dict[str | None, tuple[Any, Any]] = {
    Area.Level.CITY: (_lazy("Counties by the three rates this year"), _lazy("County")),
    Area.Level.COUNTY: (_lazy("Communities by the three rates this year"), _lazy("Community")),
    Area.Level.STREET: (_lazy("Communities by the three rates this year"), _lazy("Community")),
}


def _crumbs(user, area) -> list[tuple[Area, bool]]:
    """The places above the area, each with whether the reader may open its dashboard."""
    if not isinstance(area, Area):
        return []
    roots = overview_roots(user)
    return [(a, any(a.path.startswith(r.path) for r in roots)) for a in ancestors_and_self(area)]


def _children(area) -> list[Area]:
    """The areas one level down (the places themselves, for several summed)."""
    if not isinstance(area, Area):
        return list(area.areas)
    return list(
        Area.objects.filter(
            path__startswith=area.path, depth=area.depth + 1, level__in=OVERVIEW_LEVELS
        ).order_by("path")
    )


def _context(request) -> dict:
    area = access_dashboard_area(request.user, request.GET.get("area"))
    board = figures.dashboard(area)
    title, head = LEAGUE_TITLES.get(
        area.level, (_lazy("The areas by the three rates this year"), _lazy("Area"))
    )
    return {
        **board,
        "area": area,
        "place": area.name,
        "area_param": area.pk,
        "crumbs": _crumbs(request.user, area),
        "children": _children(area),
        "league_title": title,
        "league_head": head,
        "charts": [(c, plotly_spec(c), f"spec-{c.key}") for c in board["charts"]],
        "plotly_style_ids": plotlycss.bundled_style_ids(),
    }


def dashboard(request):
    return render(request, "dashboards/dashboard.html", _context(request))


def wall(request):
    return render(request, "dashboards/wall.html", _context(request))


@login_not_required
def plotly_css(request):
    """plotly.js's base rules as a stylesheet (see plotlycss): cached by the browser a day."""
    response = HttpResponse(plotlycss.stylesheet(), content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def _brief(request) -> briefs.Brief:
    area = access_overview(request.user, request.GET.get("area"))
    start, end = briefs.period_asked(request.GET.get("start"), request.GET.get("end"))
    return briefs.make_brief(area, start, end)


def _brief_query(brief: briefs.Brief) -> str:
    return f"area={brief.area.pk}&start={brief.start.isoformat()}&end={brief.end.isoformat()}"


def brief_page(request):
    """工作简报: this month so far unless another period is asked for."""
    brief = _brief(request)
    chart = "data:image/png;base64," + base64.b64encode(briefs.chart_png(brief)).decode()
    context = {"brief": brief, "chart": chart, "qs": _brief_query(brief)}
    return render(request, "dashboards/brief.html", context)


def brief_pdf(request):
    brief = _brief(request)
    name = f"{brief.title}-{brief.start:%Y%m%d}-{brief.end:%Y%m%d}.pdf"
    return audited_pdf(request, brief.area, briefs.brief_pdf(brief), name, inline=False)


def brief_docx(request):
    brief = _brief(request)
    name = f"{brief.title}-{brief.start:%Y%m%d}-{brief.end:%Y%m%d}.docx"
    return audited_file(request, brief.area, briefs.brief_docx(brief), name, DOCX_TYPE)
