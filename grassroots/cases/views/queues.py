"""The community workbench, 吹哨派单 (one case or many), the takers' inbox and the claim board."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Substr
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from grassroots.accounts.models import AUDIT_ROLES, Role
from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area
from grassroots.areas.permissions import communities_around
from grassroots.cases import selectors, services
from grassroots.cases.dispatching import (
    BulkDispatchForm,
    DispatchForm,
    dispatch_many,
    dispatched_message,
)
from grassroots.cases.errors import CaseRefused
from grassroots.cases.models import Assignment, Case, Category
from grassroots.cases.permissions import COMMUNITY_ROLES, access_case, can, refusal, taker_q
from grassroots.cases.workflow import Action, allowed

PER_PAGE = 30
COMPOUND_PATH = Area.depth_of(Area.Level.COMPOUND) * Area.steplen
# Grid workers and auditors see the workbench read-only; the community roles also dispatch.
WORKBENCH_ROLES = (*COMMUNITY_ROLES, Role.GRID_WORKER, *AUDIT_ROLES)

QUEUE_LABELS = {
    "to_triage": gettext_lazy("To triage"),
    "to_dispatch": gettext_lazy("To dispatch"),
    "not_signed": gettext_lazy("Dispatched, not signed"),
    "in_progress": gettext_lazy("In progress"),
    "to_verify": gettext_lazy("To verify"),
    "to_revisit": gettext_lazy("To revisit"),
    "overdue": gettext_lazy("Overdue"),
}
INBOX_LABELS = {
    "to_accept": gettext_lazy("To accept"),
    "in_progress": gettext_lazy("In progress"),
    "done": gettext_lazy("Handled (已办结)"),
}


class WorkbenchFilters(forms.Form):
    """Narrow a queue by category, kind, or a compound's name (or words of the title)."""

    category = forms.TypedChoiceField(
        label=gettext_lazy("Category"), coerce=int, required=False, empty_value=None
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[("", gettext_lazy("All kinds")), *Case.Kind.choices],
        required=False,
    )
    q = forms.CharField(label=gettext_lazy("Compound or title"), max_length=30, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        categories = Category.objects.order_by("order", "code").values_list("pk", "name")
        self.fields["category"].choices = [("", _("All categories")), *categories]

    def apply(self, cases: QuerySet[Case]) -> QuerySet[Case]:
        if not self.is_valid():
            return cases
        data = self.cleaned_data
        if data["category"]:
            cases = cases.filter(category_id=data["category"])
        if data["kind"]:
            cases = cases.filter(kind=data["kind"])
        if q := data["q"].strip():
            compounds = Area.objects.filter(level=Area.Level.COMPOUND, name__contains=q)
            cases = cases.annotate(compound_path=Substr("area__path", 1, COMPOUND_PATH)).filter(
                Q(compound_path__in=compounds.values("path")) | Q(title__contains=q)
            )
        return cases


def _page(request, cases: QuerySet[Case]) -> Page:
    """One page of cases, each told the name of its compound (one query for the whole page)."""
    page = Paginator(cases, PER_PAGE).get_page(request.GET.get("page"))
    paths = {c.area.path[:COMPOUND_PATH] for c in page if c.area.level != Area.Level.COMPOUND}
    names = dict(Area.objects.filter(path__in=paths).values_list("path", "name")) if paths else {}
    for case in page:
        compound = case.area.level != Area.Level.COMPOUND and names.get(
            case.area.path[:COMPOUND_PATH]
        )
        # The queue's place column: the compound's name before a building's.
        case.place = f"{compound} {case.area.name}" if compound else case.area.name  # type: ignore[attr-defined]
    return page


def _tabs(labels: dict, counts: dict) -> list[tuple[str, str, int]]:
    return [(name, label, counts.get(name) or 0) for name, label in labels.items()]


def workbench(request):
    """The community workbench: one queue at a time, with the count of every queue."""
    scope = scope_of(request.user)
    if not scope.has(*WORKBENCH_ROLES):
        raise PermissionDenied
    queue = request.GET.get("queue")
    queue = queue if queue in selectors.QUEUES else "to_triage"
    filters = WorkbenchFilters(request.GET)
    page = _page(request, filters.apply(selectors.workbench_queue(request.user, queue)))
    bulk = queue == "to_dispatch" and scope.has(*COMMUNITY_ROLES)
    counts = selectors.queue_counts(request.user)
    context = {
        "queue": queue,
        "counts": counts,
        "tabs": _tabs(QUEUE_LABELS, counts),
        "filters": filters,
        "page": page,
        "bulk": BulkDispatchForm(actor=request.user) if bulk else None,
    }
    return render(request, "cases/workbench.html", context)


@require_POST
def bulk_dispatch(request):
    """Dispatch the ticked cases to one lead unit; each refusal is listed, none stops the rest."""
    if not scope_of(request.user).has(*COMMUNITY_ROLES):
        raise PermissionDenied
    form = BulkDispatchForm(request.POST, actor=request.user)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
    else:
        data = form.cleaned_data
        done, refusals = dispatch_many(actor=request.user, ids=data["case"], lead=data["lead"])
        messages.success(request, _("%(count)d cases dispatched.") % {"count": done})
        for refused in refusals:
            messages.error(request, refused)
    return redirect(reverse("cases:workbench") + "?queue=to_dispatch")


def dispatch_case(request, pk: int):
    """吹哨派单: one lead taker, suggested ones first, co-handlers; a refusal changes nothing."""
    case = access_case(request.user, pk)
    refused = refusal(request.user, Action.DISPATCH, case)
    if refused is not None and refused.code == "forbidden":
        raise PermissionDenied
    if refused is not None:
        messages.error(request, refused.message)
        return redirect("cases:detail", case.pk)
    find = request.GET.get("find", "").strip()[:30]
    data = request.POST if request.method == "POST" else None
    form, status = DispatchForm(data, case=case, find=find), 200
    if form.is_bound and form.is_valid():
        try:
            card = services.dispatch_case(actor=request.user, case=case, **form.cleaned_data)
        except CaseRefused as exc:
            messages.error(request, exc.message)
            status = exc.http_status
        else:
            messages.success(request, dispatched_message(card))
            return redirect("cases:detail", case.pk)
    context = {"case": case, "form": form, "find": find}
    return render(request, "cases/dispatch.html", context, status=status)


def _inbox_counts(user) -> dict[str, int]:
    """How many of the user's cases are in each inbox tab, in one query."""
    mine = Case.objects.filter(taker_q(user)).values("pk")
    counts = {name: Count("pk", filter=q) for name, q in selectors.INBOX_TABS.items()}
    return Case.objects.filter(pk__in=mine).aggregate(**counts)


def _with_my_role(user, cases: QuerySet[Case]) -> QuerySet[Case]:
    """Each case told how the user takes it (lead first, else co-handler or summoned), in the
    query that fetches the rows."""
    mine = Assignment.objects.filter(taker_q(user, prefix=""), case=OuterRef("pk"))
    return cases.annotate(
        is_my_lead=Exists(mine.filter(role=Assignment.Role.LEAD)),
        any_role=Subquery(mine.order_by("pk").values("role")[:1]),
    )


def _mark_my_role(page: Page) -> None:
    for case in page:
        case.my_role = Assignment.Role.LEAD if case.is_my_lead else (case.any_role or "")
        case.my_role_label = Assignment.Role(case.my_role).label if case.my_role else ""
        case.quick = case.is_my_lead and allowed(Action.ACCEPT, case.status)


def unit_inbox(request):
    """待接单 / 办理中 / 已办结 for the user's units, the teams they lead, their member record."""
    tab = request.GET.get("tab")
    tab = tab if tab in selectors.INBOX_TABS else "to_accept"
    page = _page(request, _with_my_role(request.user, selectors.inbox_tab(request.user, tab)))
    _mark_my_role(page)
    context = {
        "tab": tab,
        "tabs": _tabs(INBOX_LABELS, _inbox_counts(request.user)),
        "page": page,
    }
    return render(request, "cases/inbox.html", context)


def claim_board(request):
    """Published demands the user may claim (接单), newest first, by community and kind."""
    communities = communities_around(request.user)
    chosen = request.GET.get("community", "")
    area = next((c for c in communities if str(c.pk) == chosen), None)
    kind = request.GET.get("kind", "")
    page = _page(request, selectors.claim_board(request.user, area=area, kind=kind))
    for case in page:
        case.quick = can(request.user, Action.CLAIM, case)
    context = {
        "page": page,
        "communities": communities,
        "area": area,
        "kind": kind,
        "kinds": Case.Kind.choices,
    }
    return render(request, "cases/board.html", context)
