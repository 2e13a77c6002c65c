"""The case page, the actions taken from it, and the case's photos."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area
from grassroots.cases import selectors
from grassroots.cases.errors import CaseRefused
from grassroots.cases.forms.actions import ACTIONS, run_action
from grassroots.cases.models import Case, Extension, Photo
from grassroots.cases.permissions import (
    access_case,
    actions_for,
    is_taker,
    requester_view,
    shown_requester,
)
from grassroots.cases.workflow import Action


def _chain(area: Area):
    """The places from the street down to the case's compound or building."""
    paths = selectors.ancestor_paths(area)
    depth = Area.depth_of(Area.Level.STREET)
    return Area.objects.filter(path__in=paths, depth__gte=depth).order_by("depth")


def _photos_by_stage(case: Case) -> dict[str, list[Photo]]:
    photos: dict[str, list[Photo]] = {}
    for item in case.photos.all():
        photos.setdefault(item.stage, []).append(item)
    return photos


def _action_forms(case: Case, allowed: list[str]) -> list[tuple]:
    """(slug, button label, unbound form) for each action the user may take that has a form."""
    forms = []
    for action, page_action in ACTIONS.items():
        if action in allowed:
            form = page_action.form(case=case, auto_id=f"id_{action}_%s")
            if form.available:
                forms.append((action.value, page_action.button, form))
    return forms


def case_detail(request, pk: int):
    """The case page: facts, takers, photos, timeline, and a form for each allowed action."""
    case = access_case(request.user, pk)
    allowed = actions_for(request.user, case)
    who = requester_view(request.user, case)
    context = {
        "case": case,
        "chain": _chain(case.area),
        "staff": scope_of(request.user).is_staff_role,
        "who": who,
        "requester": shown_requester(who, case),
        "forms": _action_forms(case, allowed),
        "can_dispatch": Action.DISPATCH in allowed,
        "i_take": is_taker(request.user, case, lead_only=False),
        "events": case.events.select_related("actor"),
        "assignments": case.assignments.select_related("unit", "team", "member__person"),
        "photos": _photos_by_stage(case),
        "pending": case.extensions.filter(decision=Extension.Decision.PENDING)
        .select_related("requested_by")
        .first(),
        "cards": case.transfer_cards.select_related("unit"),
        "supervisions": case.supervisions.select_related("issued_by"),
    }
    return render(request, "cases/detail.html", context)


@require_POST
def case_action(request, pk: int, action: str):
    """Run one action from the case page through its service; a refusal changes nothing."""
    if action not in ACTIONS:
        raise Http404
    case = access_case(request.user, pk)
    try:
        run_action(action, actor=request.user, case=case, post=request.POST, files=request.FILES)
    except CaseRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Done."))
    return redirect("cases:detail", case.pk)


def photo(request, pk: int):
    """A case photo (re-encoded as JPEG on upload), for those who may see its case."""
    item = get_object_or_404(Photo, pk=pk)
    access_case(request.user, item.case_id)
    response = FileResponse(item.image.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response
