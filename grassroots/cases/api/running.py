"""What each case action's body becomes: the service it calls, with typed arguments.

The API reads its own bodies (no form in between). A choice the case does not offer, as its
page would not offer it, is refused naming the field (404 once the body kept to the schema);
texts are stripped, as the page's forms strip them; a flag left out is off, as an unticked box.
"""

from collections.abc import Callable
from typing import Any, NamedTuple

from django import forms
from django.utils.translation import gettext as _

from grassroots.cases import selectors, services
from grassroots.cases.api import actions as body
from grassroots.cases.dispatching import offered_lead, units_paired_first
from grassroots.cases.errors import CaseRefused
from grassroots.cases.models import Case, Category, Extension
from grassroots.cases.workflow import Action
from grassroots.core.apitypes import Input
from grassroots.units.models import Unit
from grassroots.units.selectors import units_serving

NOT_OFFERED = forms.ModelChoiceField.default_error_messages["invalid_choice"]


def _not_offered(field: str, message: Any = NOT_OFFERED) -> CaseRefused:
    return CaseRefused("invalid", message, {field: [str(message)]})


def _text(value: str | None) -> str:
    return (value or "").strip()


def _triage(actor, case: Case, p: body.TriageIn) -> None:
    category = None
    if p.category is not None:
        category = Category.objects.filter(code=p.category, active=True).first()
        if category is None:
            raise _not_offered("category")
    services.triage_case(
        actor=actor,
        case=case,
        urgent=bool(p.urgent),
        complex=bool(p.complex),
        category=category,
        note=_text(p.note),
    )


def _dispatch(actor, case: Case, p: body.DispatchIn) -> None:
    lead = offered_lead(case, p.lead)
    if lead is None:
        raise _not_offered("lead", _("Choose the lead taker."))
    # The lead leads: named among the co-handlers as well, it is not counted twice.
    lead_unit = lead.pk if isinstance(lead, Unit) else None
    ids = {pk for pk in p.co_handlers if pk != lead_unit}
    co_handlers = list(units_serving(case.area).filter(pk__in=ids).order_by("name"))
    if len(co_handlers) != len(ids):
        raise _not_offered("co_handlers")
    services.dispatch_case(
        actor=actor,
        case=case,
        lead=lead,
        co_handlers=co_handlers,
        note=_text(p.note),
        complex=bool(p.complex),
    )


def _merge(actor, case: Case, p: body.MergeIn) -> None:
    offered = list(selectors.duplicate_candidates(case).values_list("pk", flat=True)[:10])
    if p.into not in offered:
        raise _not_offered("into")
    into = Case.objects.select_related("area").get(pk=p.into)
    services.merge_case(actor=actor, case=case, into=into, note=_text(p.note))


def _complete(actor, case: Case, p: body.CompleteIn) -> None:
    services.complete_case(
        actor=actor,
        case=case,
        note=_text(p.note),
        cost_yuan=p.cost_yuan,
        quantities=_text(p.quantities),
        hours=p.hours if case.kind == Case.Kind.SERVICE else None,  # others record no hours
    )


def _escalate(actor, case: Case, p: body.EscalateIn) -> None:
    offered = {pk for _label, options in units_paired_first(case) for pk, _name in options}
    if set(p.units) - offered:
        raise _not_offered("units")
    units = units_serving(case.area).filter(pk__in=p.units).order_by("name")
    services.escalate_case(actor=actor, case=case, units=list(units), note=_text(p.note))


def _decide_extension(actor, case: Case, p: body.DecideExtensionIn) -> None:
    pending = case.extensions.filter(decision=Extension.Decision.PENDING).first()
    if pending is None:
        raise CaseRefused("conflict", _("No extension request is waiting."))
    services.decide_extension(actor=actor, extension=pending, approve=p.approve, note=_text(p.note))


class Operation(NamedTuple):
    """An action over the API: the body it reads, its summary, and what it runs."""

    body: type[Input]
    summary: str
    run: Callable[[Any, Case, Any], object]


A = Action
# The API's actions, in the order of its document; who may take each is `permissions.refusal`.
OPERATIONS: dict[Action, Operation] = {
    A.TRIAGE: Operation(body.TriageIn, "Accept for handling (受理)", _triage),
    A.DISPATCH: Operation(
        body.DispatchIn, "Dispatch to a lead taker and co-handlers (派单)", _dispatch
    ),
    A.PUBLISH: Operation(
        body.NoteIn,
        "Publish on the claim board",
        lambda actor, case, p: services.publish_case(actor=actor, case=case, note=_text(p.note)),
    ),
    A.REJECT: Operation(
        body.ReasonIn,
        "Reject",
        lambda actor, case, p: services.reject_case(actor=actor, case=case, reason=_text(p.reason)),
    ),
    A.ANSWER: Operation(
        body.AnswerIn,
        "Answer directly",
        lambda actor, case, p: services.answer_case(actor=actor, case=case, answer=_text(p.answer)),
    ),
    A.MERGE: Operation(body.MergeIn, "Merge into the case it repeats", _merge),
    A.CLAIM: Operation(
        body.NoInput,
        "Claim from the board (接单)",
        lambda actor, case, p: services.claim_case(actor=actor, case=case),
    ),
    A.ACCEPT: Operation(
        body.NoInput,
        "Accept the dispatch (签收)",
        lambda actor, case, p: services.accept_case(actor=actor, case=case),
    ),
    A.OBJECT: Operation(
        body.ReasonIn,
        "Object to the dispatch",
        lambda actor, case, p: services.object_case(actor=actor, case=case, reason=_text(p.reason)),
    ),
    A.REPORT_IN: Operation(
        body.NoInput,
        "Report in as a summoned unit (报到)",
        lambda actor, case, p: services.report_in(actor=actor, case=case),
    ),
    A.COMPLETE: Operation(body.CompleteIn, "Report as handled", _complete),
    A.REQUEST_EXTENSION: Operation(
        body.ExtensionIn,
        "Ask for more working days",
        lambda actor, case, p: services.request_extension(
            actor=actor, case=case, days=p.days, reason=_text(p.reason)
        ),
    ),
    A.ESCALATE: Operation(body.EscalateIn, "Summon units (吹哨)", _escalate),
    A.DECIDE_EXTENSION: Operation(
        body.DecideExtensionIn,
        "Decide the waiting extension request (409 if none)",
        _decide_extension,
    ),
    A.VERIFY_OK: Operation(
        body.VerifyOkIn,
        "Verified on site",
        lambda actor, case, p: services.verify_case(
            actor=actor, case=case, ok=True, note=_text(p.note)
        ),
    ),
    A.VERIFY_FAIL: Operation(
        body.VerifyFailIn,
        "Verification failed",
        lambda actor, case, p: services.verify_case(
            actor=actor, case=case, ok=False, note=_text(p.note)
        ),
    ),
    A.RATE: Operation(
        body.RateIn,
        "Rate the handling",
        lambda actor, case, p: services.rate_case(
            actor=actor, case=case, rating=p.rating, comment=_text(p.comment)
        ),
    ),
    A.REOPEN: Operation(
        body.ReasonIn,
        "Reopen (重办)",
        lambda actor, case, p: services.reopen_case(actor=actor, case=case, reason=_text(p.reason)),
    ),
    A.SUPERVISE: Operation(
        body.SuperviseIn,
        "Supervise (督办)",
        lambda actor, case, p: services.supervise_case(actor=actor, case=case, note=_text(p.note)),
    ),
    A.WITHDRAW: Operation(
        body.WithdrawIn,
        "Withdraw",
        lambda actor, case, p: services.withdraw_case(
            actor=actor, case=case, reason=_text(p.reason)
        ),
    ),
}
