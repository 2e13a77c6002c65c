"""The form of a wish: what a resident (or a worker, for a named resident) writes."""

from django import forms
from django.utils.translation import gettext_lazy as _


class WishForm(forms.Form):
    title = forms.CharField(label=_("My wish, in a few words"), max_length=60)
    description = forms.CharField(
        label=_("Tell us more"),
        max_length=2000,
        widget=forms.Textarea({"rows": 4}),
        help_text=_("Do not write your phone number or door number: the wall is public."),
    )
    requester_name = forms.CharField(label=_("For resident (name)"), max_length=50, required=False)
    area = forms.ChoiceField(label=_("Compound"), required=False)
