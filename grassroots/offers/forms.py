from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.areas.models import Area
from grassroots.offers.models import ServiceTeam


class MemberReportForm(forms.Form):
    """What a member tells the compound when reporting: skills, intentions and free time."""

    skills = forms.CharField(
        label=_("What I can do"), max_length=300, help_text=_("e.g. 法律咨询、理发、辅导作业")
    )
    intentions = forms.CharField(
        label=_("How I would like to serve"), max_length=300, required=False
    )
    availability = forms.CharField(
        label=_("When I am free"),
        max_length=200,
        required=False,
        help_text=_("e.g. 周末、工作日晚上"),
    )
    service_team = forms.ChoiceField(
        label=_("Service team"),
        choices=[("", _("(sorted by what I can do)")), *ServiceTeam.choices],
        required=False,
    )
    moving = forms.BooleanField(label=_("I have moved house"), required=False)

    def __init__(self, *args, moving_from=None, compound=None, **kwargs):
        super().__init__(*args, **kwargs)
        elsewhere = moving_from is not None and moving_from.area_id != getattr(compound, "pk", None)
        if not elsewhere:
            del self.fields["moving"]
        else:
            self.fields["moving"].help_text = _(
                "You reported to %(compound)s; ticking this moves your report here."
            ) % {"compound": moving_from.area.name}

    def clean(self):
        data = super().clean()
        for name in ("skills", "intentions", "availability"):
            if "\x00" in (data.get(name) or ""):
                self.add_error(name, _("Remove the control characters."))
        return data


class UnitReportForm(forms.Form):
    """A unit reporting to the community where it sits: who to call and what it can offer."""

    community: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Community"), queryset=Area.objects.none(), empty_label=None
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=50)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=20)
    can_offer = forms.CharField(
        label=_("What the unit can offer"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, unit, **kwargs):
        from grassroots.areas.models import Area

        super().__init__(*args, **kwargs)
        field = self.fields["community"]
        field.queryset = Area.objects.filter(
            path__startswith=unit.area.path, level=Area.Level.COMMUNITY
        ).order_by("path")
        field.initial = unit.community_id
