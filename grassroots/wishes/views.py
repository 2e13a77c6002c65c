"""Pages of the wish wall: the public wall, posting a wish, claiming one, and the needs
questionnaires residents answer."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from grassroots.accounts.models import Role
from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area
from grassroots.cases import services as cases
from grassroots.cases.errors import CaseRefused
from grassroots.cases.models import Case
from grassroots.cases.permissions import CLAIM_ROLES, access_case
from grassroots.volunteering.models import Questionnaire
from grassroots.volunteering.permissions import STAFF
from grassroots.wishes import selectors, services
from grassroots.wishes.forms import WishForm
from grassroots.wishes.services import WishRefused

PAGE_SIZE = 20
STATES = [
    ("waiting", gettext_lazy("Waiting for someone")),
    ("under_way", gettext_lazy("Being fulfilled")),
    ("came_true", gettext_lazy("Came true")),
]
# Who may post a wish for a named resident, in the compounds of their areas.
ON_BEHALF = (Role.GRID_WORKER, *STAFF)


def _int(value) -> int | None:
    value = str(value or "")
    return int(value) if value.isdigit() and len(value) < 12 else None


def _refused(request, refused: WishRefused | CaseRefused) -> None:
    messages.error(request, str(refused.message))


def _questionnaires(user, community: Area | None):
    """The open questionnaires (of the community chosen) for a signed-in reader."""
    if not user.is_authenticated:
        return []
    found = Questionnaire.objects.filter(open=True).select_related("community")
    if community is not None:
        found = found.filter(community=community)
    return found[:10]


@login_not_required
def wish_wall(request):
    """Public: wishes checked by the community, with no personal details."""
    communities = list(Area.objects.filter(level=Area.Level.COMMUNITY).order_by("path"))
    community = next((c for c in communities if c.pk == _int(request.GET.get("community"))), None)
    state = request.GET.get("state", "waiting")
    if state not in dict(STATES):
        state = "waiting"
    page = Paginator(selectors.wall(community, state), PAGE_SIZE).get_page(request.GET.get("page"))
    user = request.user
    query = {"state": state, **({"community": community.pk} if community else {})}
    context = {
        "questionnaires": _questionnaires(user, community),
        "rows": selectors.public_rows(page.object_list),
        "page": page,
        "communities": communities,
        "community": community,
        "state": state,
        "qs": urlencode(query),
        "claims": user.is_authenticated and scope_of(user).has(*CLAIM_ROLES),
        "states": STATES,
    }
    return render(request, "wishes/wall.html", context)


@require_POST
def wish_claim(request, pk: int):
    case = access_case(request.user, pk)
    if case.kind != Case.Kind.WISH:
        raise Http404
    try:
        cases.claim_case(actor=request.user, case=case)
    except CaseRefused as refused:
        if refused.code == "conflict":
            messages.error(
                request, _("Someone else claimed this wish first. Thank you all the same!")
            )
        else:
            _refused(request, refused)
        return redirect("volunteering:wall")
    messages.success(request, _("You claimed this wish. Report it done on the case page."))
    return redirect("cases:detail", case.pk)


def _post_wish(request, form: WishForm, compounds: list[Area], on_behalf: bool) -> Case | None:
    """The wish the valid form posts, or None with the refusal on the form."""
    data = form.cleaned_data
    if on_behalf and not data.get("requester_name"):
        form.add_error("requester_name", _("Name the resident the wish is for."))
        return None
    try:
        return services.post_wish(
            actor=request.user,
            title=data["title"],
            description=data["description"],
            area=next((c for c in compounds if c.pk == _int(data.get("area"))), None),
            requester_name=data.get("requester_name", "") if on_behalf else "",
        )
    except (WishRefused, CaseRefused) as refused:
        form.add_error(None, str(refused.message))
        return None


def wish_new(request):
    """A resident posts a wish; a grid worker or staff member posts one for a resident."""
    scope = scope_of(request.user)
    on_behalf = scope.has(*ON_BEHALF)
    form = WishForm(request.POST or None)
    compounds = []
    if on_behalf:
        every = Area.objects.filter(level=Area.Level.COMPOUND).order_by("path")
        compounds = [c for c in every if scope.covers(c, ON_BEHALF)]
        form.fields["area"].choices = [(str(c.pk), c.name) for c in compounds]
    if request.method == "POST" and form.is_valid():
        case = _post_wish(request, form, compounds, on_behalf)
        if case is not None:
            messages.success(
                request,
                _("Your wish is received. The community checks it, then it goes on the wall."),
            )
            return redirect("cases:detail", case.pk)
    return render(request, "wishes/wish_form.html", {"form": form, "on_behalf": on_behalf})


def questionnaire(request, pk: int):
    item = Questionnaire.objects.select_related("community").filter(pk=pk).first()
    if item is None:
        raise Http404
    if request.method == "POST":
        try:
            made = services.answer_questionnaire(
                actor=request.user,
                questionnaire=item,
                choices=request.POST.getlist("choices"),
                other=request.POST.get("other", ""),
            )
        except (WishRefused, CaseRefused) as refused:
            _refused(request, refused)
        else:
            messages.success(
                request,
                _("Thank you: %(n)d needs sent to the community.") % {"n": len(made)},
            )
            return redirect("cases:mine")
    return render(request, "wishes/questionnaire.html", {"q": item})
