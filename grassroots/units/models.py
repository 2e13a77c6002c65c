from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Unit(models.Model):
    """A department or an organisation (县直单位 / 驻区单位 / 市直单位), belonging to a county or,
    for a city bureau, to the city. Names and codes are unique within that area: every county has
    its own 县人民法院."""

    class Kind(models.TextChoices):
        COUNTY_DEPARTMENT = "county_department", _("County department or unit")
        CITY_DEPARTMENT = "city_department", _("City department or unit")
        STATIONED = "stationed", _("Unit stationed in the community")
        ENTERPRISE = "enterprise", _("Enterprise")
        SOCIAL = "social", _("Social organisation")

    name = models.CharField(_("name"), max_length=100)
    code = models.CharField(_("code"), max_length=40)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.COUNTY_DEPARTMENT
    )
    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("county or city"),
        on_delete=models.PROTECT,
        related_name="units",
        limit_choices_to={"level__in": ["city", "county"]},
        help_text=_("The county the unit belongs to, or the city for a city bureau."),
    )
    community = models.ForeignKey(
        "areas.Area",
        verbose_name=_("community reported to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stationed_units",
        limit_choices_to={"level": "community"},
        help_text=_("The community where the unit sits and reports (双报到)."),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("office phone"), max_length=20, blank=True)
    liaisons = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("liaisons"),
        related_name="liaison_units",
        blank=True,
    )

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["area", "name"], name="unit_name_in_area"),
            models.UniqueConstraint(fields=["area", "code"], name="unit_code_in_area"),
        ]

    def __str__(self) -> str:
        return self.name


class Pairing(models.Model):
    """包联: a unit's standing responsibility for a community or a compound."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="pairings"
    )
    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("community or compound"),
        on_delete=models.CASCADE,
        related_name="pairings",
    )
    since = models.DateField(_("since"), null=True, blank=True)

    class Meta:
        verbose_name = _("pairing (包联)")
        verbose_name_plural = _("pairings (包联)")
        constraints = [models.UniqueConstraint(fields=["unit", "area"], name="pairing_unique")]

    def __str__(self) -> str:
        return f"{self.unit} ↔ {self.area}"
