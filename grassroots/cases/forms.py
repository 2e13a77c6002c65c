"""Forms for reporting a demand and for each action on a case page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.areas.models import Area
from grassroots.cases.models import DESCRIPTION_MAX, Case, Category


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class ReportForm(forms.Form):
    """我要反映 / 代为反映: what, where, and (on behalf) who."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Case.Kind.choices)
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.filter(active=True)
    )
    area = forms.ModelChoiceField(label=_("Compound"), queryset=Area.objects.none())
    title = forms.CharField(label=_("Title (optional)"), max_length=60, required=False)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": DESCRIPTION_MAX}),
        help_text=_("At most 4,000 characters."),
        error_messages={"required": _("Describe the matter.")},
    )
    photos = MultipleFileField(label=_("Photos (up to 9)"))
    hide_requester = forms.BooleanField(label=_("Hide my name from the public"), required=False)

    def __init__(self, *args, areas=None, on_behalf=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas if areas is not None else Area.objects.none()
        self.fields["description"].max_length = None  # the service gives the exact message
        if on_behalf:
            self.fields["channel"] = forms.ChoiceField(
                label=_("Channel"),
                choices=[c for c in Case.Channel.choices if c[0] not in ("resident", "open311")],
            )
            self.fields["requester_name"] = forms.CharField(
                label=_("Resident's name"), max_length=50
            )
            self.fields["requester_phone"] = forms.RegexField(
                label=_("Resident's mobile (optional)"),
                regex=r"^1\d{10}$",
                required=False,
                error_messages={"invalid": _("A mobile number has 11 digits and starts with 1.")},
            )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class TriageForm(forms.Form):
    urgent = forms.BooleanField(label=_("Urgent"), required=False)
    complex = forms.BooleanField(label=_("Complex (15 working days)"), required=False)


class CompleteForm(forms.Form):
    note = forms.CharField(
        label=_("What was done"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    cost_yuan = forms.DecimalField(
        label=_("Cost (yuan)"), min_value=0, max_digits=12, decimal_places=2, required=False
    )
    quantities = forms.CharField(
        label=_("Quantities, e.g. 120 m of pipe"), max_length=200, required=False
    )
    photos = MultipleFileField(label=_("Photos"))


class VerifyForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RateForm(forms.Form):
    rating = forms.ChoiceField(
        label=_("Rating"), choices=Case.Rating.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(label=_("Comment"), max_length=500, required=False)


class ExtensionForm(forms.Form):
    days = forms.IntegerField(label=_("Extra working days"), min_value=1, max_value=30)
    reason = forms.CharField(label=_("Reason"), max_length=300)


class DecideExtensionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Approve")), ("0", _("Refuse"))],
        coerce=lambda v: v == "1",
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class DispatchForm(forms.Form):
    """吹哨派单: one lead unit (paired units listed first) and optional co-handling units."""

    lead = forms.ModelChoiceField(label=_("Lead unit"), queryset=None)
    co_handlers = forms.ModelMultipleChoiceField(
        label=_("Co-handling units"), queryset=None, required=False
    )
    complex = forms.BooleanField(label=_("Complex (15 working days)"), required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = units
        self.fields["co_handlers"].queryset = units
