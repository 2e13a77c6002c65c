"""The booking form (a room, a date and a time range, optionally repeating by the same rule
form as activities) and the duty shift form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import User
from grassroots.volunteering.forms import RepeatFields


class BookingForm(RepeatFields):
    group = forms.CharField(label=_("Who is it for (group or unit)"), max_length=100)
    purpose = forms.CharField(label=_("Purpose"), max_length=200, required=False)
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d")
    )
    start_time = forms.TimeField(
        label=_("Starts"), widget=forms.TimeInput({"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("Ends"), widget=forms.TimeInput({"type": "time"}, format="%H:%M")
    )
    field_order = ["group", "purpose", "date", "start_time", "end_time"]


class ShiftForm(forms.Form):
    """Put someone on duty at a venue: who, the day and the hours."""

    user: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("On duty"), queryset=User.objects.none(), empty_label=_("Choose who is on duty")
    )
    day = forms.DateField(
        label=_("Date"), widget=forms.DateInput({"type": "date"}, format="%Y-%m-%d")
    )
    start_time = forms.TimeField(
        label=_("Starts"), widget=forms.TimeInput({"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("Ends"), widget=forms.TimeInput({"type": "time"}, format="%H:%M")
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people
        self.fields["user"].label_from_instance = lambda u: u.full_name or u.username
