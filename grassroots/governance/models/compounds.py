"""What most governance records hang on: a compound of the area tree."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.areas.models import Area

COMPOUND = {"level": Area.Level.COMPOUND}


def compound_field(*, related_name: str) -> "models.ForeignKey[Area, Area]":
    """The record's compound (kept while records name it; the back office offers compounds only)."""
    return models.ForeignKey(
        "areas.Area",
        verbose_name=_("compound"),
        on_delete=models.PROTECT,
        related_name=related_name,
        limit_choices_to=COMPOUND,
    )
