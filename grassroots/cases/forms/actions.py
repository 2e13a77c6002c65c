"""The forms of the case page, one per action.

`ACTIONS` maps an action to its form, the one service call it makes and its button, so the view
that runs an action stays a few lines long.
"""

from collections.abc import Callable
from decimal import Decimal
from typing import Any, NamedTuple, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.cases import selectors, services
from grassroots.cases.dispatching import units_paired_first
from grassroots.cases.errors import CaseRefused
from grassroots.cases.forms.fields import MultipleFileField
from grassroots.cases.models import Case, Category, Extension
from grassroots.cases.workflow import Action
from grassroots.units.models import Unit
from grassroots.units.selectors import units_serving


class ActionForm(forms.Form):
    """A form on the case page; `case` lets it offer choices that depend on the case."""

    available = True  # False hides the form, e.g. nothing to merge into or no pending request

    def __init__(self, *args, case: Case, **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)


def _text(label, *, required=True, max_length=500, rows=2):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ConfirmForm(ActionForm):
    """An action without input: claim, accept, report in."""


class NoteForm(ActionForm):
    note = _text(_("Note"), required=False)


class ReasonForm(ActionForm):
    reason = _text(_("Reason"))


class WithdrawForm(ActionForm):
    reason = _text(_("Reason (optional)"), required=False)


class SuperviseForm(ActionForm):
    note = _text(_("Supervision notice"), max_length=300)


class AnswerForm(ActionForm):
    answer = _text(_("Answer"), max_length=2000, rows=3)


class TriageForm(ActionForm):
    urgent = forms.BooleanField(label=_("Urgent"), required=False)
    complex = forms.BooleanField(label=_("Complex (15 working days)"), required=False)
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.filter(active=True),
        required=False,
        empty_label=_("(keep as reported)"),
    )
    note = _text(_("Note"), required=False)

    def __init__(self, *args, case: Case, **kwargs):
        kwargs.setdefault(
            "initial",
            {"urgent": case.urgent, "complex": case.complex, "category": case.category_id},
        )
        super().__init__(*args, case=case, **kwargs)


class CaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.reference} {obj.title} · {obj.get_status_display()}"


class MergeForm(ActionForm):
    into = CaseChoiceField(label=_("Merge into a likely duplicate"), queryset=Case.objects.none())
    note = _text(_("Note"), required=False)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        ids = list(selectors.duplicate_candidates(case).values_list("pk", flat=True)[:10])
        field = cast(CaseChoiceField, self.fields["into"])
        field.queryset = Case.objects.filter(pk__in=ids).order_by("-created_at", "-pk")
        self.available = bool(ids)


class ExtensionForm(ActionForm):
    days = forms.IntegerField(label=_("Extra working days"), min_value=1, max_value=30)
    reason = _text(_("Reason"), max_length=300)


class DecideExtensionForm(ActionForm):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Approve")), ("0", _("Refuse"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    note = _text(_("Note"), required=False, max_length=300)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.pending = case.extensions.filter(decision=Extension.Decision.PENDING).first()
        self.available = self.pending is not None

    def clean(self):
        if self.pending is None:
            raise forms.ValidationError(_("No extension request is waiting."))
        return {**super().clean(), "extension": self.pending}


class EscalateForm(ActionForm):
    units = forms.TypedMultipleChoiceField(
        label=_("Units to summon"),
        coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (or long-press on a phone) to choose several."),
    )
    note = _text(_("What the units are needed for"), max_length=500)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        cast(forms.ChoiceField, self.fields["units"]).choices = units_paired_first(case)

    def clean_units(self) -> list[Unit]:
        serving = units_serving(self.case.area)
        return list(serving.filter(pk__in=self.cleaned_data["units"]).order_by("name"))


class CompleteForm(ActionForm):
    note = _text(_("What was done"), max_length=2000, rows=3)
    cost_yuan = forms.DecimalField(
        label=_("Cost (yuan)"), min_value=0, max_digits=12, decimal_places=2, required=False
    )
    quantities = forms.CharField(
        label=_("Quantities, e.g. 120 m of pipe"), max_length=200, required=False
    )
    photos = MultipleFileField(label=_("Photos"))
    hours = forms.DecimalField(
        label=_("Hours served"),
        min_value=Decimal("0.5"),
        max_value=24,
        max_digits=3,
        decimal_places=1,
        required=False,
        help_text=_("They count towards your service record."),
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        if case.kind != Case.Kind.SERVICE:
            del self.fields["hours"]


class VerifyForm(ActionForm):
    note = _text(_("Note"), required=False, max_length=2000)
    photos = MultipleFileField(label=_("Photos"))


class VerifyFailForm(VerifyForm):
    note = _text(_("What is still wrong"), max_length=2000)


class RateForm(ActionForm):
    rating = forms.ChoiceField(
        label=_("Rating"), choices=Case.Rating.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(label=_("Comment"), max_length=500, required=False)


def _call(service, **fixed):
    """A handler that passes the form's cleaned data to `service` as keywords."""
    return lambda actor, case, data: service(actor=actor, case=case, **fixed, **data)


def _decide(actor, case, data):
    return services.decide_extension(actor=actor, **data)


class PageAction(NamedTuple):
    """An action's form on the case page, the call it makes, and its button (and heading)."""

    form: type[ActionForm]
    run: Callable[..., object]  # (actor, case, cleaned_data)
    button: Any


# The case page's actions (dispatch has its own page), in the order on the page: the step that
# moves the case on comes first. Who sees each is `permissions.refusal`.
ACTIONS: dict[Action, PageAction] = {
    Action.TRIAGE: PageAction(
        TriageForm, _call(services.triage_case), _("Accept for handling (受理)")
    ),
    Action.PUBLISH: PageAction(NoteForm, _call(services.publish_case), _("Publish for claiming")),
    Action.REJECT: PageAction(ReasonForm, _call(services.reject_case), _("Reject")),
    Action.ANSWER: PageAction(AnswerForm, _call(services.answer_case), _("Answer directly")),
    Action.MERGE: PageAction(MergeForm, _call(services.merge_case), _("Merge")),
    Action.CLAIM: PageAction(ConfirmForm, _call(services.claim_case), _("Claim (接单)")),
    Action.ACCEPT: PageAction(
        ConfirmForm, _call(services.accept_case), _("Accept the dispatch (签收)")
    ),
    Action.OBJECT: PageAction(ReasonForm, _call(services.object_case), _("Object to the dispatch")),
    Action.REPORT_IN: PageAction(ConfirmForm, _call(services.report_in), _("Report in (报到)")),
    Action.COMPLETE: PageAction(
        CompleteForm, _call(services.complete_case), _("Report as handled")
    ),
    Action.REQUEST_EXTENSION: PageAction(
        ExtensionForm, _call(services.request_extension), _("Ask for more time")
    ),
    Action.ESCALATE: PageAction(
        EscalateForm, _call(services.escalate_case), _("Blow the whistle (吹哨)")
    ),
    Action.DECIDE_EXTENSION: PageAction(
        DecideExtensionForm, _decide, _("Decide the extension request")
    ),
    Action.VERIFY_OK: PageAction(
        VerifyForm, _call(services.verify_case, ok=True), _("Verified on site")
    ),
    Action.VERIFY_FAIL: PageAction(
        VerifyFailForm, _call(services.verify_case, ok=False), _("Verification failed")
    ),
    Action.RATE: PageAction(RateForm, _call(services.rate_case), _("Rate")),
    Action.REOPEN: PageAction(ReasonForm, _call(services.reopen_case), _("Reopen (重办)")),
    Action.SUPERVISE: PageAction(
        SuperviseForm, _call(services.supervise_case), _("Supervise (督办)")
    ),
    Action.WITHDRAW: PageAction(WithdrawForm, _call(services.withdraw_case), _("Withdraw")),
}


def run_action(action: str, *, actor, case: Case, post, files) -> None:
    """Validate the action's form and call its service; bad input is refused like the service."""
    page_action = ACTIONS[Action(action)]
    form = page_action.form(post, files, case=case)
    if not form.is_valid():
        raise CaseRefused("invalid", form_errors_text(form), dict(form.errors))
    page_action.run(actor, case, form.cleaned_data)


def form_errors_text(form: forms.Form) -> str:
    """A form's errors as one sentence per field, each named by its label."""
    parts = []
    for name, errors in form.errors.items():
        text = " ".join(str(e) for e in errors)
        label = form.fields[name].label if name in form.fields else ""
        parts.append(f"{label}: {text}" if label else text)
    return " ".join(parts)
