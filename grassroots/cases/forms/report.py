"""我要反映 / 代为反映: the form for reporting a demand, and its compounds grouped by community."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.areas.models import Area
from grassroots.cases.forms.fields import MultipleFileField
from grassroots.cases.models import DESCRIPTION_MAX, Case, Category


def compound_choices(compounds) -> list:
    """Compounds grouped by their community, for a <select> with one <optgroup> per community."""
    compounds = list(compounds.order_by("path"))
    community = Area.Level.COMMUNITY
    names = dict(
        Area.objects.filter(path__in={Area.cut(c.path, community) for c in compounds}).values_list(
            "path", "name"
        )
    )
    groups: dict[str, list] = {}
    for c in compounds:
        groups.setdefault(names.get(Area.cut(c.path, community), ""), []).append((c.pk, c.name))
    return [("", _("Choose the compound")), *groups.items()]


class ReportForm(forms.Form):
    """我要反映 / 代为反映: what, where, and (on behalf) who."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Case.Kind.choices)
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.filter(active=True),
        empty_label=_("Choose the category"),
    )
    area = forms.TypedChoiceField(label=_("Compound"), coerce=int)
    address = forms.CharField(
        label=_("Building, door or spot (optional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. building 3, unit 2")}),
    )
    latitude = forms.DecimalField(
        label=_("Latitude (optional)"),
        max_digits=9,
        decimal_places=6,
        min_value=Decimal("3.5"),
        max_value=Decimal("53.6"),
        required=False,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        help_text=_("Tap “Use my location” on the spot, or copy the point from a map app."),
    )
    longitude = forms.DecimalField(
        label=_("Longitude (optional)"),
        max_digits=9,
        decimal_places=6,
        min_value=Decimal("73.4"),
        max_value=Decimal("135.1"),
        required=False,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    title = forms.CharField(label=_("Title (optional)"), max_length=60, required=False)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": DESCRIPTION_MAX}),
        help_text=_("At most 4,000 characters."),
        error_messages={"required": _("Describe the matter.")},
    )
    photos = MultipleFileField(label=_("Photos (up to 9)"))
    hide_requester = forms.BooleanField(label=_("Hide my name from the public"), required=False)

    def __init__(self, *args, areas, on_behalf=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = areas
        self.fields["area"].choices = compound_choices(areas)
        if on_behalf:
            self.fields["channel"] = forms.ChoiceField(
                label=_("Channel"),
                choices=[
                    c
                    for c in Case.Channel.choices
                    if c[0] not in (Case.Channel.RESIDENT, Case.Channel.OPEN311)
                ],
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
            self.fields["hide_requester"].label = _("Hide the resident's name from the public")
            self.order_fields(["channel", "requester_name", "requester_phone"])

    def clean_area(self) -> Area:
        area = self.areas.filter(pk=self.cleaned_data["area"]).first()
        if area is None:
            raise forms.ValidationError(_("Choose a compound from the list."))
        return area

    def clean(self):
        data = super().clean()
        given = [data.get("latitude") is not None, data.get("longitude") is not None]
        if any(given) and not all(given):
            self.add_error(
                "longitude" if given[0] else "latitude",
                _("Give both the latitude and the longitude of the point, or neither."),
            )
        return data

    def clean_description(self) -> str:
        # Long texts are refused by the service with the exact length; here only blanks.
        text = self.cleaned_data["description"].replace("\x00", "").strip()
        if not text:
            raise forms.ValidationError(_("Describe the matter."))
        return text
