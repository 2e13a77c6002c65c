from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.cases.workflow import Action, Status

DESCRIPTION_MAX = 4000
PHOTOS_MAX = 9


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
