"""Who takes a case and what follows from it: takers, extension requests, transfer cards and
supervision notices."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.cases.models.case import Case


class Assignment(models.Model):
    """A taker of a case: the lead, a co-handler, or a unit summoned by 吹哨 that reports in."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        CO = "co", _("Co-handler")
        SUMMONED = "summoned", _("Summoned (吹哨)")

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="assignments"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    team = models.ForeignKey(
        "volunteering.Team",
        verbose_name=_("volunteer team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    member = models.ForeignKey(
        "party.PartyMember",
        verbose_name=_("party member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("assigned"), auto_now_add=True)
    reported_at = models.DateTimeField(_("reported in"), null=True, blank=True)
    # A summoned unit reports in by then (吹哨报到); a later report-in counts against it.
    report_due_at = models.DateTimeField(_("report in by"), null=True, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(unit__isnull=False, team__isnull=True, member__isnull=True)
                    | Q(unit__isnull=True, team__isnull=False, member__isnull=True)
                    | Q(unit__isnull=True, team__isnull=True, member__isnull=False)
                ),
                name="assignment_one_taker",
            ),
            # One active lead per case: two takers racing cannot both hold it.
            models.UniqueConstraint(
                fields=["case"], condition=Q(role="lead", active=True), name="assignment_one_lead"
            ),
        ]

    def __str__(self) -> str:
        return str(self.taker)

    @property
    def taker(self):
        return self.unit or self.team or self.member

    @property
    def reported_late(self) -> bool:
        if self.report_due_at is None:
            return False
        return (self.reported_at or timezone.now()) > self.report_due_at


class Extension(models.Model):
    """A taker's request for more time, decided by the community."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="extensions"
    )
    days = models.PositiveSmallIntegerField(
        _("extra working days"), validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    reason = models.CharField(_("reason"), max_length=300)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(decision="pending"), name="one_pending_extension"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id} +{self.days}"


class TransferCard(models.Model):
    """事项转批卡: the numbered card sent with a dispatch to the compound's paired unit.

    Numbered per county and year; the county's short name heads the number, so a unit holding
    cards of two counties can tell 夏转批〔2026〕0001号 from 盐湖转批〔2026〕0001号."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="transfer_cards"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    county = models.ForeignKey(
        "areas.Area", verbose_name=_("county"), on_delete=models.PROTECT, related_name="+"
    )
    # The county's short name as printed when issued, so a reprint reads like the first print
    # (empty on the cards numbered city-wide before cards were numbered per county).
    prefix = models.CharField(_("number prefix"), max_length=20, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    serial = models.PositiveIntegerField(_("serial"))
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    community = models.ForeignKey(
        "areas.Area", verbose_name=_("community"), on_delete=models.PROTECT, related_name="+"
    )
    due_at = models.DateTimeField(_("handle by"), null=True)

    class Meta:
        verbose_name = _("transfer card (事项转批卡)")
        verbose_name_plural = _("transfer cards (事项转批卡)")
        constraints = [
            models.UniqueConstraint(
                fields=["county", "year", "serial"], name="transfer_card_county_number"
            )
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        return f"{self.prefix}转批〔{self.year}〕{self.serial:04d}号"


class Supervision(models.Model):
    """督办: a county admin's notice pressing the taker of a case."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="supervisions"
    )
    note = models.CharField(_("note"), max_length=300)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)

    class Meta:
        verbose_name = _("supervision notice (督办)")
        verbose_name_plural = _("supervision notices (督办)")
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.note[:20]}"
