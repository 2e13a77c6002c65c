"""Forms for reporting a demand (`report`) and for each action on a case page (`actions`)."""

from grassroots.cases.forms.actions import ACTIONS, PageAction, form_errors_text, run_action
from grassroots.cases.forms.fields import PHOTO_TYPES, MultipleFileField, MultipleFileInput
from grassroots.cases.forms.report import ReportForm, compound_choices

__all__ = [
    "ACTIONS",
    "PHOTO_TYPES",
    "MultipleFileField",
    "MultipleFileInput",
    "PageAction",
    "ReportForm",
    "compound_choices",
    "form_errors_text",
    "run_action",
]
