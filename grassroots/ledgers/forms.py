from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.ledgers.columns import KINDS


class ImportForm(forms.Form):
    """The ledger kind and the .xlsx file to import."""

    kind = forms.ChoiceField(
        label=_("Ledger"), choices=[(kind.name, kind.label) for kind in KINDS.values()]
    )
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        widget=forms.FileInput(attrs={"accept": ".xlsx"}),
    )
