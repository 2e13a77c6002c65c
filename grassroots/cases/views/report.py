"""我要反映 (or 代为反映 on a resident's behalf) and 我的诉求."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from grassroots.accounts.models import ADMIN_ROLES, Role
from grassroots.accounts.scopes import paths_q, scope_of
from grassroots.areas.models import Area
from grassroots.areas.permissions import communities_around
from grassroots.cases import selectors, services
from grassroots.cases.errors import CaseRefused
from grassroots.cases.forms.report import ReportForm
from grassroots.people.models import Person

# Roles that record demands for residents (代为反映), for the compounds of their scope.
ON_BEHALF_ROLES = (
    Role.GRID_WORKER,
    Role.COMMUNITY_STAFF,
    Role.COMMUNITY_SECRETARY,
    *ADMIN_ROLES,
)


def _reach(user, on_behalf: bool):
    """The compounds the user may report about, and the one to preselect (the resident's home)."""
    compounds = Area.objects.filter(level=Area.Level.COMPOUND)
    if on_behalf:
        return compounds.filter(scope_of(user).area_q("path", roles=ON_BEHALF_ROLES)), None
    home = Person.objects.filter(user=user).values_list("home_area__path", flat=True).first()
    if home is None:  # no home on record: the compounds of the communities one's roles touch
        around = [c.path for c in communities_around(user)]
        return compounds.filter(paths_q(around)), None
    mine = compounds.filter(path__startswith=Area.cut(home, Area.Level.COMMUNITY))
    compound = Area.cut(home, Area.Level.COMPOUND)
    return mine, mine.filter(path=compound).values_list("pk", flat=True).first()


def _show_refusal(form: ReportForm, refused: CaseRefused) -> None:
    """Put the service's refusal next to the field it is about, else above the form."""
    fields = [name for name in refused.fields if name in form.fields]
    for name in fields:
        form.add_error(name, refused.fields[name] or [str(refused.message)])
    if not fields:
        form.add_error(None, str(refused.message))


def report_case(request):
    """我要反映, or 代为反映 for grid workers and community staff; bad input keeps nothing."""
    on_behalf = scope_of(request.user).has(*ON_BEHALF_ROLES)
    areas, home = _reach(request.user, on_behalf)
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        areas=areas,
        on_behalf=on_behalf,
        initial={"area": home},
    )
    if request.method == "POST" and form.is_valid():
        try:
            case = services.submit_case(actor=request.user, **form.cleaned_data)
        except CaseRefused as refused:
            _show_refusal(form, refused)
        else:
            text = _("Received. Your demand number is %(ref)s.") % {"ref": case.reference}
            messages.success(request, text)
            return redirect("cases:detail", case.pk)
    return render(request, "cases/report.html", {"form": form, "on_behalf": on_behalf})


def my_cases(request):
    """我的诉求: what I reported or recorded, newest first; those waiting for my rating marked."""
    cases = selectors.cases_of_requester(request.user)
    page = Paginator(cases, 30).get_page(request.GET.get("page"))
    return render(request, "cases/mine.html", {"page": page})
