"""Forms of the volunteering pages; the repeat fields make a `Pattern` a worker understands."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.volunteering.models import Activity
from grassroots.volunteering.recurrence import ORDINALS, WEEKDAY_NAMES, Pattern

REPEATS = [
    ("", _("Once")),
    ("weekly", _("Every week on …")),
    ("monthday", _("Every month on day …")),
    ("weekday_of_month", _("Every month on the … weekday")),
    ("last_weekend", _("Every month on the last weekend")),
]
WEEKDAY_CHOICES = [(str(i), f"周{n}") for i, n in enumerate(WEEKDAY_NAMES)]
DAY_CHOICES = [(str(d), f"{d}日") for d in range(1, 29)] + [("-1", _("last day"))]
ORDINAL_CHOICES = [(str(k), v) for k, v in ORDINALS.items()]


class RepeatFields(forms.Form):
    """The repeat rule as the workers say it (每周三, 每月18日, 每月第一个周四, 每月最后一个周末)
    and the last day: shared by activities and room bookings. `pattern()` builds the rule."""

    repeat = forms.ChoiceField(label=_("Repeats"), choices=REPEATS, required=False)
    weekdays = forms.MultipleChoiceField(
        label=_("Days of the week"),
        choices=WEEKDAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    day = forms.ChoiceField(label=_("Day of the month"), choices=DAY_CHOICES, required=False)
    ordinal = forms.ChoiceField(label=_("Which one"), choices=ORDINAL_CHOICES, required=False)
    last_day = forms.DateField(
        label=_("Repeat until (at most a year)"),
        required=False,
        widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d"),
    )
    REPEAT_FIELDS = ["repeat", "weekdays", "day", "ordinal", "last_day"]

    def pattern(self) -> Pattern | None:
        data = self.cleaned_data
        kind = data.get("repeat") or ""
        if not kind:
            return None
        weekdays = tuple(int(d) for d in data.get("weekdays") or ())
        if kind == "weekday_of_month" and len(weekdays) != 1:
            weekdays = weekdays[:1] if weekdays else ()
        day = int(data["day"]) if data.get("day") else None
        ordinal = int(data["ordinal"]) if data.get("ordinal") else None
        return Pattern(kind, weekdays=weekdays, day=day, ordinal=ordinal)


class ActivityForm(RepeatFields):
    title = forms.CharField(label=_("Title"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=Activity.Kind.choices)
    community = forms.ChoiceField(label=_("Community"))
    team = forms.ChoiceField(label=_("Team"), required=False)
    unit = forms.ChoiceField(label=_("Organising unit"), required=False)
    place = forms.CharField(label=_("Venue or address"), max_length=200)
    first_day = forms.DateField(
        label=_("Date (first date)"), widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d")
    )
    start_time = forms.TimeField(
        label=_("Starts"), widget=forms.TimeInput({"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("Ends"), widget=forms.TimeInput({"type": "time"}, format="%H:%M")
    )
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=500, initial=20)
    signup_opens_days = forms.IntegerField(
        label=_("Sign-up opens (days before)"), min_value=0, max_value=90, initial=14
    )
    signup_closes_hours = forms.IntegerField(
        label=_("Sign-up closes (hours before)"), min_value=0, max_value=72, initial=2
    )
    description = forms.CharField(
        label=_("Description"), required=False, max_length=2000, widget=forms.Textarea({"rows": 3})
    )

    field_order = [
        "title",
        "kind",
        "community",
        "team",
        "unit",
        "place",
        "first_day",
        "start_time",
        "end_time",
        *RepeatFields.REPEAT_FIELDS,
    ]

    def __init__(self, *args, communities=(), teams=(), units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].choices = [(str(c.pk), c.name) for c in communities]
        self.fields["team"].choices = [("", "—")] + [
            (str(t.pk), f"{t.community.name} · {t.name}") for t in teams
        ]
        self.fields["unit"].choices = [("", "—")] + [(str(u.pk), u.name) for u in units]

    def clean_first_day(self):
        day = self.cleaned_data["first_day"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("Choose today or a later day."))
        return day


class MoveForm(forms.Form):
    day = forms.DateField(
        label=_("New date"), widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d")
    )
    start_time = forms.TimeField(
        label=_("Starts"), widget=forms.TimeInput({"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("Ends"), widget=forms.TimeInput({"type": "time"}, format="%H:%M")
    )


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Why is it called off?"), max_length=200)


class CertificateForm(forms.Form):
    start = forms.DateField(
        label=_("From"), widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=_("To"), widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d")
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The period ends before it starts."))
        if data.get("end") and data["end"] > timezone.localdate() + dt.timedelta(days=1):
            raise forms.ValidationError(_("The period cannot end in the future."))
        return data


class ProfileForm(forms.Form):
    skills = forms.CharField(
        label=_("What I can do"), max_length=200, required=False, help_text=_("e.g. 理发、辅导作业")
    )
    availability = forms.CharField(
        label=_("When I am free"), max_length=100, required=False, help_text=_("e.g. 周末")
    )
