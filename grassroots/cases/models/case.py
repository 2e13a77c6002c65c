"""The case, its timeline (one `Event` per step) and its photos."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.cases.models.reference import Category
from grassroots.cases.workflow import Action, Status

DESCRIPTION_MAX = 4000
PHOTOS_MAX = 9


class Case(models.Model):
    """Every resident demand — 诉求, 需求, 微心愿, 点单 — in one pipeline."""

    class Kind(models.TextChoices):
        PROBLEM = "problem", _("Problem (诉求)")
        NEED = "need", _("Need (需求)")
        WISH = "wish", _("Micro-wish (微心愿)")
        SERVICE = "service", _("Service order (点单)")

    class Channel(models.TextChoices):
        RESIDENT = "resident", _("Resident")
        GRID_WORKER = "grid_worker", _("Grid worker on behalf")
        DUTY_DESK = "duty_desk", _("Duty desk")
        WISH_WALL = "wish_wall", _("Wish wall")
        QUESTIONNAIRE = "questionnaire", _("Questionnaire")
        HOTLINE = "hotline", _("Hotline transfer")
        INSPECTION = "inspection", _("Inspection")
        DELIBERATION = "deliberation", _("Deliberation meeting")
        OPEN311 = "open311", _("Open311")

    class Rating(models.TextChoices):
        SATISFIED = "satisfied", _("Satisfied")
        BASICALLY = "basically", _("Basically satisfied")
        DISSATISFIED = "dissatisfied", _("Dissatisfied")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PROBLEM)
    channel = models.CharField(_("channel"), max_length=15, choices=Channel.choices)
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT)
    title = models.CharField(_("title"), max_length=60)
    description = models.TextField(
        _("description"), validators=[MaxLengthValidator(DESCRIPTION_MAX)]
    )
    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("compound or building"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requester"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requested_cases",
    )
    requester_name = models.CharField(_("requester's name"), max_length=50, blank=True)
    requester_phone = models.CharField(_("requester's phone"), max_length=20, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recorded_cases",
    )
    hide_requester = models.BooleanField(_("hide the requester from the public"), default=False)

    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.SUBMITTED
    )
    urgent = models.BooleanField(_("urgent"), default=False)
    complex = models.BooleanField(_("complex"), default=False)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    repeat_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)

    created_at = models.DateTimeField(_("submitted"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Timing, written by the services; deadlines are in working time.
    sign_due_at = models.DateTimeField(_("sign by"), null=True, blank=True)
    handle_due_at = models.DateTimeField(_("handle by"), null=True, blank=True)
    dispatched_at = models.DateTimeField(_("dispatched"), null=True, blank=True)
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    overdue = models.BooleanField(_("overdue"), default=False)
    supervised = models.BooleanField(_("supervised (督办)"), default=False)

    completion_note = models.TextField(_("completion note"), blank=True)
    cost_yuan = models.DecimalField(
        _("cost (yuan)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    quantities = models.CharField(_("quantities"), max_length=200, blank=True)
    rating = models.CharField(_("rating"), max_length=15, choices=Rating.choices, blank=True)
    rating_comment = models.CharField(_("rating comment"), max_length=500, blank=True)
    rated_at = models.DateTimeField(_("rated"), null=True, blank=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            # What the dashboards' tallies look for: cases changed, or past their sign-by time,
            # since the last count.
            models.Index(fields=["updated_at"]),
            models.Index(fields=["sign_due_at"]),
            models.Index(fields=["area", "category", "created_at"]),
            # Lists and counts of a part of the tree in some states come from this index alone.
            models.Index(fields=["area", "status", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def reference(self) -> str:
        """The number people quote on the phone: year and a running number."""
        if not (self.created_at and self.pk):
            return ""
        return f"{timezone.localtime(self.created_at):%Y}-{self.pk:06d}"  # the local year


class Event(models.Model):
    """One line of a case's timeline, written by the service that made the change."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20)
    from_status = models.CharField(_("from"), max_length=15, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=15, choices=Status.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["case", "action"])]

    def __str__(self) -> str:
        return f"{self.case_id} {self.action}"

    @property
    def action_label(self) -> str:
        known = self.action in Action.values
        return str(Action(self.action).label) if known else self.action


class Photo(models.Model):
    """A re-encoded photo (location data stripped) attached when reporting or completing."""

    class Stage(models.TextChoices):
        REPORT = "report", _("Report")
        COMPLETION = "completion", _("Completion")
        VERIFICATION = "verification", _("Verification")

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="photos"
    )
    stage = models.CharField(_("stage"), max_length=15, choices=Stage.choices)
    image = models.ImageField(_("image"), upload_to="cases/%Y/%m/")
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.image.name
