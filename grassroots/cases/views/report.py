from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from grassroots.accounts.models import Role
from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area
from grassroots.cases import selectors, services
from grassroots.cases.errors import CaseRefused
from grassroots.cases.forms import ReportForm
from grassroots.people.models import Person

ON_BEHALF_ROLES = (
    Role.GRID_WORKER,
    Role.COMMUNITY_STAFF,
    Role.COMMUNITY_SECRETARY,
    Role.COUNTY_ADMIN,
)


def _reachable_compounds(user):
    """Compounds the user may report about: their scope, else their own community."""
    scope = scope_of(user)
    compounds = Area.objects.filter(level=Area.Level.COMPOUND).order_by("path")
    if scope.has(*ON_BEHALF_ROLES):
        return compounds.filter(scope.area_q("path", roles=ON_BEHALF_ROLES))
    person = Person.objects.select_related("home_area").filter(user=user).first()
    if person is None:
        return compounds
    return compounds.filter(path__startswith=person.home_area.path[: 3 * Area.steplen])


def report_case(request):
    """我要反映, or 代为反映 for grid workers and community staff."""
    on_behalf = scope_of(request.user).has(*ON_BEHALF_ROLES)
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        areas=_reachable_compounds(request.user),
        on_behalf=on_behalf,
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "photos"}
        try:
            case = services.submit_case(
                actor=request.user, photos=form.cleaned_data["photos"], **data
            )
        except CaseRefused as refused:
            form.add_error(None, str(refused.message))
        else:
            messages.success(
                request, _("Received. Your demand number is %(ref)s.") % {"ref": case.reference}
            )
            return redirect("cases:detail", case.pk)
    return render(request, "cases/report.html", {"form": form, "on_behalf": on_behalf})


def my_cases(request):
    """我的诉求: what I reported or recorded, newest first."""
    page = Paginator(selectors.cases_of_requester(request.user), 30).get_page(
        request.GET.get("page")
    )
    return render(request, "cases/mine.html", {"page": page})
