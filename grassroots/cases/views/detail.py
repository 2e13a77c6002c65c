from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from grassroots.accounts.scopes import scope_of
from grassroots.cases import forms as f
from grassroots.cases import selectors, services
from grassroots.cases.errors import CaseRefused
from grassroots.cases.models import Case, Extension
from grassroots.cases.permissions import access_case, actions_for


def _pending(case):
    return case.extensions.filter(decision=Extension.Decision.PENDING).first()


# action → (form class or None, how to call the service with the form's data)
ACTIONS = {
    "triage": (f.TriageForm, lambda u, c, d: services.triage_case(actor=u, case=c, **d)),
    "reject": (f.ReasonForm, lambda u, c, d: services.reject_case(actor=u, case=c, **d)),
    "answer": (f.AnswerForm, lambda u, c, d: services.answer_case(actor=u, case=c, **d)),
    "publish": (f.NoteForm, lambda u, c, d: services.publish_case(actor=u, case=c, **d)),
    "claim": (None, lambda u, c, d: services.claim_case(actor=u, case=c)),
    "accept": (None, lambda u, c, d: services.accept_case(actor=u, case=c)),
    "object": (f.ReasonForm, lambda u, c, d: services.object_case(actor=u, case=c, **d)),
    "request_extension": (
        f.ExtensionForm,
        lambda u, c, d: services.request_extension(actor=u, case=c, **d),
    ),
    "decide_extension": (
        f.DecideExtensionForm,
        lambda u, c, d: services.decide_extension(
            actor=u, extension=_pending(c) or _missing(), **d
        ),
    ),
    "report_in": (None, lambda u, c, d: services.report_in(actor=u, case=c)),
    "complete": (f.CompleteForm, lambda u, c, d: services.complete_case(actor=u, case=c, **d)),
    "verify_ok": (
        f.VerifyForm,
        lambda u, c, d: services.verify_case(actor=u, case=c, ok=True, **d),
    ),
    "verify_fail": (
        f.VerifyForm,
        lambda u, c, d: services.verify_case(actor=u, case=c, ok=False, **d),
    ),
    "rate": (f.RateForm, lambda u, c, d: services.rate_case(actor=u, case=c, **d)),
    "reopen": (f.ReasonForm, lambda u, c, d: services.reopen_case(actor=u, case=c, **d)),
    "withdraw": (
        f.NoteForm,
        lambda u, c, d: services.withdraw_case(actor=u, case=c, reason=d["note"]),
    ),
    "supervise": (f.NoteForm, lambda u, c, d: services.supervise_case(actor=u, case=c, **d)),
}


LABELS = {
    "triage": gettext_lazy("Accept for handling (受理)"),
    "reject": gettext_lazy("Reject"),
    "answer": gettext_lazy("Answer directly"),
    "publish": gettext_lazy("Publish for claiming"),
    "claim": gettext_lazy("Claim (接单)"),
    "accept": gettext_lazy("Accept the dispatch (签收)"),
    "object": gettext_lazy("Object to the dispatch"),
    "request_extension": gettext_lazy("Ask for more time"),
    "decide_extension": gettext_lazy("Decide the extension request"),
    "report_in": gettext_lazy("Report in (报到)"),
    "complete": gettext_lazy("Report as handled"),
    "verify_ok": gettext_lazy("Verified on site"),
    "verify_fail": gettext_lazy("Verification failed"),
    "rate": gettext_lazy("Rate"),
    "reopen": gettext_lazy("Reopen (重办)"),
    "withdraw": gettext_lazy("Withdraw"),
    "supervise": gettext_lazy("Supervise (督办)"),
}


def _missing():
    raise CaseRefused("conflict", _("No extension request is waiting."))


def case_detail(request, pk: int):
    """The case page: facts, timeline, and a form for each action the user may take now."""
    case = access_case(request.user, pk)
    allowed = actions_for(request.user, case)
    forms = [
        (a, LABELS[a], ACTIONS[a][0]() if ACTIONS[a][0] else None) for a in allowed if a in ACTIONS
    ]
    context = {
        "case": case,
        "forms": forms,
        "can_dispatch": "dispatch" in allowed,
        "events": case.events.select_related("actor"),
        "assignments": case.assignments.select_related("unit", "team", "member__person"),
        "photos": case.photos.all(),
        "pending": _pending(case),
        "cards": case.transfer_cards.select_related("unit"),
        "supervisions": case.supervisions.all(),
        "duplicates": selectors.duplicate_candidates(case)[:5] if "merge" in allowed else [],
        "staff_view": scope_of(request.user).is_staff_role,
    }
    return render(request, "cases/detail.html", context)


@require_POST
def case_action(request, pk: int, action: str):
    """Run one action from the case page through its service; a refusal changes nothing."""
    if action not in ACTIONS and action != "merge":
        raise Http404
    case = access_case(request.user, pk)
    form_class, call = ACTIONS.get(action, (None, None))
    form = form_class(request.POST, request.FILES) if form_class else None
    try:
        if action == "merge":
            into = get_object_or_404(Case, pk=request.POST.get("into") or 0)
            services.merge_case(actor=request.user, case=case, into=into)
        elif form is not None and not form.is_valid():
            raise CaseRefused("invalid", " ".join(e for errs in form.errors.values() for e in errs))
        else:
            call(request.user, case, form.cleaned_data if form else {})
    except CaseRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Done."))
    return redirect("cases:detail", case.pk)


def photo(request, pk: int):
    """A case photo, for those who may see its case."""
    from django.http import FileResponse

    from grassroots.cases.models import Photo

    item = get_object_or_404(Photo, pk=pk)
    access_case(request.user, item.case_id)
    return FileResponse(item.image.open("rb"), content_type="image/jpeg")
