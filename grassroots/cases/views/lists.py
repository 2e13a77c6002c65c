"""The case list with filters (area, kind, open/finished, status, category, channel, month or
year of submission, overdue) and its Excel ledger: where the dashboards' numbers lead."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area
from grassroots.areas.places import Places
from grassroots.cases.ledgers import LIST_ROLES, cases_ledger, filter_from
from grassroots.cases.models import Case, Category
from grassroots.cases.selectors import CaseFilter, case_list
from grassroots.cases.workflow import Status
from grassroots.core import export_views


def _filter(request) -> tuple[CaseFilter, Area | Places | None]:
    return filter_from(request.user, request.GET)


def _readable(request):
    if not scope_of(request.user).has(*LIST_ROLES):
        raise PermissionDenied


def case_list_page(request):
    _readable(request)
    flt, area = _filter(request)
    rows = case_list(request.user, LIST_ROLES, flt)
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    qs = flt.query() + (f"&area={area.pk}" if area else "")
    context = {
        "page": page,
        "flt": flt,
        "area": area,
        "qs": qs,
        "kinds": Case.Kind.choices,
        "statuses": Status.choices,
        "channels": Case.Channel.choices,
        "categories": Category.objects.order_by("order", "code"),
    }
    return render(request, "cases/list.html", context)


def case_list_ledger(request):
    """The same list as an Excel ledger: requester names masked, dates as dates; audited. A
    large one is written in the background with a progress page."""
    _readable(request)
    return export_views.answer(request, kind="cases", params=request.GET.dict(), make=cases_ledger)
