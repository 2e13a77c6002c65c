from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area
from grassroots.cases.kpis import formula_for, rates_for
from grassroots.cases.models import Case

RATE_ROLES = (Role.COUNTY_ADMIN, Role.AUDITOR, Role.COMMUNITY_SECRETARY, Role.COMMUNITY_STAFF)
PERIODS = {"month": 30, "quarter": 91, "year": 365}


def rates_page(request):
    """The three rates for the user's area and each community in it, over a chosen period."""
    scope = scope_of(request.user)
    if not scope.has(*RATE_ROLES):
        raise PermissionDenied
    period = request.GET.get("period") if request.GET.get("period") in PERIODS else "year"
    end = timezone.localdate()
    start = end - timedelta(days=PERIODS[period])
    roots = Area.objects.filter(path__in=scope.area_paths(RATE_ROLES)).order_by("path")
    root = roots.first() or Area.objects.filter(depth=1).first()
    communities = Area.objects.filter(path__startswith=root.path, level=Area.Level.COMMUNITY)
    rows = [(c, rates_for(_cases_in(c), start, end)) for c in communities.order_by("path")]
    context = {
        "root": root,
        "total": rates_for(_cases_in(root), start, end),
        "rows": rows,
        "period": period,
        "start": start,
        "end": end,
        "formula": formula_for(end),
    }
    return render(request, "cases/rates.html", context)


def _cases_in(area: Area):
    return Case.objects.filter(area__path__startswith=area.path)
