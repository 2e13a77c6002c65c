"""Forms of compound governance: an assessment (one status, evidence and files per item of the
set), a project with its tasks, a meeting, a decision, a follow-up, a disclosure."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.areas.models import Area
from grassroots.cases.forms import MultipleFileField, MultipleFileInput
from grassroots.cases.models import Category
from grassroots.governance.models import AssessmentItem, Body, Disclosure, ProjectPhoto

DATE = forms.DateInput({"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput({"type": "time"}, format="%H:%M")
DOCUMENTS = "image/jpeg,image/png,image/webp,application/pdf,.doc,.docx,.xls,.xlsx"


class FilesField(MultipleFileField):
    """Several files (photos or documents) in one input."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": DOCUMENTS}))
        super().__init__(*args, **kwargs)


class AssessmentForm(forms.Form):
    assessed_on = forms.DateField(label=_("Assessed on"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for c in self.criteria:
            self.fields[f"status_{c.pk}"] = forms.ChoiceField(
                label=c.name,
                choices=AssessmentItem.Status.choices,
                widget=forms.RadioSelect,
                help_text=c.description,
            )
            self.fields[f"evidence_{c.pk}"] = forms.CharField(
                label=_("Evidence"),
                required=False,
                max_length=1000,
                widget=forms.Textarea({"rows": 2}),
            )
            self.fields[f"files_{c.pk}"] = FilesField(label=_("Photos or documents"))

    def rows(self):
        """(criterion, status field, evidence field, files field) for the template."""
        return [
            (c, self[f"status_{c.pk}"], self[f"evidence_{c.pk}"], self[f"files_{c.pk}"])
            for c in self.criteria
        ]


class ProjectForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=100)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea({"rows": 3})
    )
    starts_on = forms.DateField(label=_("Starts"), widget=DATE)
    due_on = forms.DateField(label=_("Due"), widget=DATE)
    tasks = forms.CharField(
        label=_("Tasks, one a line: name and budget in yuan"),
        widget=forms.Textarea({"rows": 4, "placeholder": "自来水入户 86000\n旱厕改造 42000"}),
    )
    cases = forms.MultipleChoiceField(
        label=_("Demands it settles (being handled in this compound)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, cases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].choices = [(c.pk, f"{c.reference} {c.title}") for c in cases]

    def clean_tasks(self):
        tasks = []
        for number, line in enumerate(self.cleaned_data["tasks"].splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            name, _sep, amount = line.rpartition(" ")
            try:
                budget = Decimal(amount.replace(",", "").replace("元", ""))
            except InvalidOperation:
                name, budget = line, None
            if not name.strip() or budget is None or budget < 0:
                raise forms.ValidationError(
                    _("Line %(n)d: write the task and its budget, e.g. 路面硬化 95000.")
                    % {"n": number}
                )
            tasks.append((name.strip(), budget))
        if not tasks:
            raise forms.ValidationError(_("List at least one task."))
        return tasks


class TaskForm(forms.Form):
    spent = forms.DecimalField(
        label=_("Spent (yuan)"), min_value=0, max_digits=12, decimal_places=2
    )
    done = forms.BooleanField(label=_("Done"), required=False)


class PhotoForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=ProjectPhoto.Stage.choices)
    photos = MultipleFileField(label=_("Photos"))


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=100)
    body = forms.ModelChoiceField(label=_("Held by"), queryset=Body.objects.none(), required=False)
    day = forms.DateField(label=_("Date"), widget=DATE)
    time = forms.TimeField(label=_("Time"), widget=TIME)
    place = forms.CharField(label=_("Place"), max_length=100, required=False)
    agenda = forms.CharField(label=_("Agenda"), widget=forms.Textarea({"rows": 3}))
    minutes = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea({"rows": 4})
    )
    quorum = forms.IntegerField(
        label=_("Quorum (attendees needed for a vote)"), min_value=1, max_value=10000
    )
    attendees = forms.MultipleChoiceField(
        label=_("Attendees"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, bodies=None, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        if bodies is not None:
            self.fields["body"].queryset = bodies
        self.fields["attendees"].choices = [(p.pk, p.name) for p in people]


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("What was decided"), max_length=300)
    votes_for = forms.IntegerField(label=_("For"), min_value=0, initial=0)
    votes_against = forms.IntegerField(label=_("Against"), min_value=0, initial=0)
    votes_abstain = forms.IntegerField(label=_("Abstained"), min_value=0, initial=0)


class FollowUpForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.filter(active=True),
        empty_label=_("Choose the category"),
    )
    description = forms.CharField(
        label=_("What is to be done"), max_length=2000, widget=forms.Textarea({"rows": 2})
    )


class DisclosureForm(forms.Form):
    area = forms.TypedChoiceField(label=_("Community or compound"), coerce=int)
    category = forms.ChoiceField(label=_("Category"), choices=Disclosure.Category.choices)
    title = forms.CharField(label=_("Title"), max_length=100)
    period = forms.CharField(label=_("Period"), max_length=30, help_text=_("e.g. 2026年第三季度"))
    body = forms.CharField(label=_("Text"), widget=forms.Textarea({"rows": 6}))
    # A declared field leaves the class for `base_fields`, so it does not hide `BaseForm.files`.
    files = FilesField(label=_("Attachments"))  # type: ignore[assignment]

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("Choose where it is published"))] + [
            (a.pk, ("　" if a.level == Area.Level.COMPOUND else "") + a.name) for a in areas
        ]


class DisclosureEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=100)
    period = forms.CharField(label=_("Period"), max_length=30)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea({"rows": 6}))
