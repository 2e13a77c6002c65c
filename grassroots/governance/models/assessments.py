"""六有 and 三无 as data: the criteria sets and their items, and each compound's assessments
against them, item by item, with evidence files and the verifier that makes one count."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.governance.models.compounds import compound_field


class CriteriaSet(models.Model):
    """A named checklist. A target set (六有) is reached when every item is met; a deficit set
    (三无) describes a compound when every item holds."""

    class Meaning(models.TextChoices):
        TARGET = "target", _("Target: reached when every item is met")
        DEFICIT = "deficit", _("Deficit: applies when every item holds")

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=30)
    meaning = models.CharField(_("meaning"), max_length=10, choices=Meaning.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    criteria_set = models.ForeignKey(
        CriteriaSet, verbose_name=_("criteria set"), on_delete=models.CASCADE, related_name="items"
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=50)
    description = models.CharField(_("what counts"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["criteria_set", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "code"], name="criterion_code_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Assessment(models.Model):
    """One assessment of a compound against a criteria set; it counts once verified."""

    compound = compound_field(related_name="assessments")
    criteria_set = models.ForeignKey(
        CriteriaSet, verbose_name=_("criteria set"), on_delete=models.PROTECT
    )
    assessed_on = models.DateField(_("assessed on"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-assessed_on", "-pk"]
        indexes = [models.Index(fields=["criteria_set", "compound", "assessed_on"])]

    def __str__(self) -> str:
        return f"{self.compound} {self.criteria_set} {self.assessed_on}"


class AssessmentItem(models.Model):
    class Status(models.TextChoices):
        YES = "yes", _("Yes")
        PARTLY = "partly", _("Partly")
        NO = "no", _("No")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="items")
    criterion = models.ForeignKey(Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    evidence = models.TextField(_("evidence"), blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("assessment item")
        verbose_name_plural = _("assessment items")
        ordering = ["criterion__order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="assessment_item_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.get_status_display()}"


class EvidenceFile(models.Model):
    """A photo or document backing an assessment item."""

    item = models.ForeignKey(AssessmentItem, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to="governance/evidence/%Y/%m/")
    name = models.CharField(_("file name"), max_length=150)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.name
