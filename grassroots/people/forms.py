from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.forms import RefusalForm, code_field, mobile_field, password_field
from grassroots.areas.models import Area


class CompoundChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class SignUpForm(RefusalForm):
    """注册: mobile, the code texted to it, name, password, and (unless the register already
    knows the mobile) the compound where one lives."""

    mobile = mobile_field()
    code = code_field()
    full_name = forms.CharField(label=_("Your name"), max_length=50, required=False)
    password = password_field(_("Password"))
    compound = CompoundChoice(
        label=_("Residential compound where you live"),
        queryset=Area.objects.filter(level=Area.Level.COMPOUND).order_by("path"),
        required=False,
        empty_label=_("(already on the register)"),
    )


class InvitationForm(RefusalForm):
    """Accepting an invitation: the mobile it went to, its code, a password."""

    mobile = mobile_field()
    code = code_field()
    password = password_field(_("Password"))
