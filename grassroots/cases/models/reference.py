"""What the pipeline is configured with: the categories of demands, the deadlines per category
and urgency, and the versions of the three rates' formula."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Category(models.Model):
    """One entry of the configurable taxonomy of demands (排水/下水道, 供水, …)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=50, unique=True)
    urgent = models.BooleanField(
        _("urgent by nature"), default=False, help_text=_("Water, power, gas and heating.")
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class DeadlinePolicy(models.Model):
    """How long a taker has, in working time, per category (blank: every category) and urgency."""

    category = models.ForeignKey(
        Category, verbose_name=_("category"), null=True, blank=True, on_delete=models.CASCADE
    )
    urgent = models.BooleanField(_("urgent"), default=False)
    sign_hours = models.PositiveSmallIntegerField(
        _("working hours to sign"), validators=[MinValueValidator(1)]
    )
    handle_days = models.PositiveSmallIntegerField(
        _("working days to handle"), validators=[MinValueValidator(1)]
    )
    complex_handle_days = models.PositiveSmallIntegerField(
        _("working days to handle a complex case"), validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("deadline policy")
        verbose_name_plural = _("deadline policies")
        constraints = [
            models.UniqueConstraint(fields=["category", "urgent"], name="deadline_policy_unique"),
            models.UniqueConstraint(
                fields=["urgent"],
                condition=Q(category__isnull=True),
                name="deadline_default_unique",
            ),
        ]

    def __str__(self) -> str:
        urgency = _("urgent") if self.urgent else _("normal")
        return f"{self.category or _('every category')} · {urgency}"


class RateFormula(models.Model):
    """A version of the three rates' formulas and composite weights; the newest in force wins."""

    version = models.PositiveSmallIntegerField(_("version"), unique=True)
    effective_from = models.DateField(_("effective from"))
    response_weight = models.PositiveSmallIntegerField(_("response weight (%)"), default=30)
    resolution_weight = models.PositiveSmallIntegerField(_("resolution weight (%)"), default=35)
    satisfaction_weight = models.PositiveSmallIntegerField(_("satisfaction weight (%)"), default=35)
    basically_counts_as = models.DecimalField(
        _("“basically satisfied” counts as"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.80"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
        help_text=_("Share of a satisfied rating that a “basically satisfied” rating counts for."),
    )
    late_response_counts = models.BooleanField(
        _("a late sign-in still counts as a response"), default=False
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("rate formula")
        verbose_name_plural = _("rate formulas")
        ordering = ["-effective_from", "-version"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    response_weight__lte=100,
                    resolution_weight__lte=100,
                    satisfaction_weight__lte=100,
                ),
                name="rate_weights_are_percentages",
            )
        ]

    def __str__(self) -> str:
        return f"v{self.version} ({self.effective_from})"
