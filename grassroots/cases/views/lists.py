"""The case list with filters (area, kind, open/finished, status, category, channel, month or
year of submission, overdue) and its Excel ledger: where the dashboards' numbers lead."""

import re

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.accounts.models import Role
from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area
from grassroots.cases.models import Case, Category
from grassroots.cases.selectors import CaseFilter, case_list
from grassroots.cases.workflow import Status
from grassroots.core.files import xlsx_ledger
from grassroots.core.masking import mask_name

LIST_ROLES = (
    Role.COUNTY_ADMIN,
    Role.AUDITOR,
    Role.COMMUNITY_SECRETARY,
    Role.COMMUNITY_STAFF,
    Role.GRID_WORKER,
)


def _filter(request) -> tuple[CaseFilter, Area | None]:
    """The filter asked for; anything malformed is left out rather than refused."""
    get = request.GET
    area = None
    if (value := get.get("area", "")).isdigit():
        area = Area.objects.filter(pk=int(value)).first()
    month = get.get("month", "")
    year = get.get("year", "")
    category = get.get("category", "")
    flt = CaseFilter(
        area_path=area.path if area else "",
        kind=get.get("kind", "") if get.get("kind") in Case.Kind.values else "",
        group=get.get("group", "") if get.get("group") in ("open", "finished") else "",
        status=get.get("status", "") if get.get("status") in Status.values else "",
        category=int(category) if category.isdigit() and len(category) < 9 else None,
        channel=get.get("channel", "") if get.get("channel") in Case.Channel.values else "",
        month=month if re.fullmatch(r"20\d\d-(0[1-9]|1[0-2])", month) else "",
        year=int(year) if re.fullmatch(r"20\d\d", year) else None,
        overdue=get.get("overdue") == "1",
    )
    return flt, area


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
    """The same list as an Excel ledger: requester names masked, dates as dates; audited."""
    _readable(request)
    flt, area = _filter(request)
    rows = case_list(request.user, LIST_ROLES, flt)
    headers = [
        _("Reference"),
        _("Kind"),
        _("Category"),
        _("Title"),
        _("Area"),
        _("Channel"),
        _("Status"),
        _("Submitted"),
        _("Requester"),
        _("Overdue"),
    ]

    def lines():
        for c in rows.iterator(chunk_size=2000):
            yield [
                c.reference,
                c.get_kind_display(),
                c.category.name,
                c.title,
                c.area.name,
                c.get_channel_display(),
                c.get_status_display(),
                timezone.localtime(c.created_at).replace(tzinfo=None),
                "" if c.hide_requester else mask_name(c.requester_name),
                _("Yes") if c.overdue else "",
            ]

    target = area or Area.objects.filter(depth=1).order_by("path").first()
    return xlsx_ledger(request, target, _("Demands"), headers, lines(), "cases")
