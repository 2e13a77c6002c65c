from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Team(models.Model):
    """A volunteer service team of a community, by specialty or by colour (七彩蒲公英)."""

    name = models.CharField(_("name"), max_length=100)
    community = models.ForeignKey(
        "areas.Area",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="teams",
        limit_choices_to={"level": "community"},
    )
    specialty = models.CharField(_("specialty or colour"), max_length=50, blank=True)
    leaders = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("leaders"), related_name="led_teams", blank=True
    )

    class Meta:
        verbose_name = _("volunteer team")
        verbose_name_plural = _("volunteer teams")
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="team_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class ServiceRecord(models.Model):
    """One line of the ledger of hours actually served: from a completed service order (点单)
    now, from activity attendance later. A party member's volunteer record and service record
    are this one ledger."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="service_records",
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal(24))],
    )
    served_on = models.DateField(_("served on"))
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("service order"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="service_records",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("service record")
        verbose_name_plural = _("service records")
        ordering = ["-served_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(hours__gt=0), name="service_hours_positive"),
            models.UniqueConstraint(fields=["person", "case"], name="one_record_per_order"),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.hours}h {self.served_on}"
