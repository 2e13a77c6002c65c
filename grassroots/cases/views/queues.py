from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case as When_
from django.db.models import IntegerField, Value, When
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.accounts.models import Role
from grassroots.accounts.scopes import scope_of
from grassroots.cases import selectors, services
from grassroots.cases.errors import CaseRefused
from grassroots.cases.forms import DispatchForm
from grassroots.cases.permissions import access_case, cases_visible_to
from grassroots.units.models import Unit

WORKBENCH_ROLES = (
    Role.COMMUNITY_STAFF,
    Role.COMMUNITY_SECRETARY,
    Role.COUNTY_ADMIN,
    Role.GRID_WORKER,
    Role.AUDITOR,
)


def _units_paired_first(case):
    """Every unit, the ones paired (包联) with the case's compound or community first."""
    paired = [u.pk for u in selectors.paired_units(case)]
    order = When_(When(pk__in=paired, then=Value(0)), default=Value(1), output_field=IntegerField())
    return Unit.objects.annotate(paired_first=order).order_by("paired_first", "code"), set(paired)


def workbench(request):
    """The community workbench: one queue at a time, with counts for every queue."""
    if not scope_of(request.user).has(*WORKBENCH_ROLES):
        raise PermissionDenied
    queue = (
        request.GET.get("queue") if request.GET.get("queue") in selectors.QUEUES else "to_triage"
    )
    cases = selectors.workbench_queue(request.user, queue)
    if q := request.GET.get("q", "").strip()[:30]:
        cases = cases.filter(title__contains=q) | cases.filter(area__name__contains=q)
    page = Paginator(cases, 30).get_page(request.GET.get("page"))
    counts = selectors.queue_counts(request.user)
    return render(
        request,
        "cases/workbench.html",
        {
            "queue": queue,
            "page": page,
            "query": q,
            "counts": counts,
            "units": Unit.objects.order_by("code") if queue == "to_dispatch" else None,
        },
    )


@require_POST
def bulk_dispatch(request):
    """Dispatch the selected accepted cases to one lead unit; refusals are listed, not fatal."""
    lead = Unit.objects.filter(pk=request.POST.get("lead") or 0).first()
    ids = [i for i in request.POST.getlist("case") if i.isdigit()]
    cases = cases_visible_to(request.user).filter(pk__in=ids)
    done = 0
    for case in cases.select_related("area"):
        try:
            if lead is None:
                raise CaseRefused("invalid", _("Choose the lead unit."))
            services.dispatch_case(actor=request.user, case=case, lead=lead)
            done += 1
        except CaseRefused as refused:
            messages.error(request, f"{case.reference}: {refused.message}")
    messages.success(request, _("%(count)d cases dispatched.") % {"count": done})
    return redirect(reverse("cases:workbench") + "?queue=to_dispatch")


def dispatch_case(request, pk: int):
    """吹哨派单: choose the lead unit, paired units suggested first, and co-handlers."""
    case = access_case(request.user, pk)
    units, paired = _units_paired_first(case)
    form = DispatchForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            card = services.dispatch_case(
                actor=request.user,
                case=case,
                lead=data["lead"],
                co_handlers=list(data["co_handlers"]),
                note=data["note"],
                complex=data["complex"],
            )
        except CaseRefused as refused:
            messages.error(request, refused.message)
        else:
            text = (
                _("Dispatched with transfer card %(n)s.") % {"n": card.number}
                if card
                else _("Dispatched.")
            )
            messages.success(request, text)
            return redirect("cases:detail", case.pk)
    suggested = [u for u in units if u.pk in paired]
    return render(
        request, "cases/dispatch.html", {"case": case, "form": form, "suggested": suggested}
    )


def unit_inbox(request):
    """待接单 / 办理中 / 已办结 for the user's units, teams and member record."""
    tab = request.GET.get("tab") if request.GET.get("tab") in selectors.INBOX_TABS else "to_accept"
    page = Paginator(selectors.inbox_tab(request.user, tab), 30).get_page(request.GET.get("page"))
    return render(request, "cases/inbox.html", {"tab": tab, "page": page})


def claim_board(request):
    """Published demands the user may claim (接单)."""
    page = Paginator(selectors.claim_board(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "cases/board.html", {"page": page})
