"""Compound governance: the criteria sets 三无 and 六有 as data, each compound's assessment
history with evidence and verifiers, remediation projects (整治提升), self-governance bodies,
deliberation meetings (议事) with decisions and votes, and 三务公开 disclosures."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

COMPOUND = {"level": "compound"}


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

    compound = models.ForeignKey(
        "areas.Area",
        verbose_name=_("compound"),
        on_delete=models.PROTECT,
        related_name="assessments",
        limit_choices_to=COMPOUND,
    )
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


class Project(models.Model):
    """整治提升: a remediation project in a compound with tasks, budget, dates and photos."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        UNDERWAY = "underway", _("Underway")
        DONE = "done", _("Done")

    compound = models.ForeignKey(
        "areas.Area",
        verbose_name=_("compound"),
        on_delete=models.PROTECT,
        related_name="projects",
        limit_choices_to=COMPOUND,
    )
    title = models.CharField(_("title"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    budget = models.DecimalField(
        _("budget (yuan)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    starts_on = models.DateField(_("starts"))
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    done_on = models.DateField(_("finished on"), null=True, blank=True)
    cases = models.ManyToManyField(
        "cases.Case", verbose_name=_("demands"), blank=True, related_name="projects"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("remediation project")
        verbose_name_plural = _("remediation projects")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("starts_on")), name="project_due_after"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def days(self) -> int:
        return (self.due_on - self.starts_on).days + 1


class ProjectTask(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=100)
    budget = models.DecimalField(
        _("budget (yuan)"), max_digits=12, decimal_places=2, default=Decimal(0)
    )
    spent = models.DecimalField(
        _("spent (yuan)"), max_digits=12, decimal_places=2, default=Decimal(0)
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("project task")
        verbose_name_plural = _("project tasks")
        ordering = ["project", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class ProjectPhoto(models.Model):
    class Stage(models.TextChoices):
        BEFORE = "before", _("Before")
        AFTER = "after", _("After")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="photos")
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    image = models.ImageField(_("photo"), upload_to="governance/projects/%Y/%m/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("project photo")
        verbose_name_plural = _("project photos")
        ordering = ["-stage", "pk"]  # before, then after

    def __str__(self) -> str:
        return f"{self.project} {self.get_stage_display()}"


class Body(models.Model):
    """A self-governance body of a compound: its committees and its self-governance groups."""

    class Kind(models.TextChoices):
        PROPERTY_COMMITTEE = "property_committee", _("Property management committee")
        RESIDENTS_COMMITTEE = "residents_committee", _("Residents' self-governance committee")
        GROUP = "group", _("Self-governance group")

    class Focus(models.TextChoices):
        SAFETY = "safety", _("Safety and stability")
        CONVENIENCE = "convenience", _("Convenience services")
        LOGISTICS = "logistics", _("Logistics and delivery")
        CULTURE = "culture", _("Culture and arts")
        MEDIATION = "mediation", _("Civil mediation")

    compound = models.ForeignKey(
        "areas.Area",
        verbose_name=_("compound"),
        on_delete=models.PROTECT,
        related_name="bodies",
        limit_choices_to=COMPOUND,
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    focus = models.CharField(_("focus"), max_length=15, choices=Focus.choices, blank=True)
    name = models.CharField(_("name"), max_length=100)
    term_starts = models.DateField(_("term starts"))
    term_ends = models.DateField(_("term ends"))

    class Meta:
        verbose_name = _("self-governance body")
        verbose_name_plural = _("self-governance bodies")
        ordering = ["compound", "kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(term_ends__gt=models.F("term_starts")), name="body_term_order"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="group") | ~models.Q(focus=""),
                name="body_group_has_focus",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class BodyMember(models.Model):
    class Role(models.TextChoices):
        HEAD = "head", _("Head")
        DEPUTY = "deputy", _("Deputy head")
        MEMBER = "member", _("Member")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("body member")
        verbose_name_plural = _("body members")
        ordering = ["body", "role", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["body", "person"], name="body_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.body}: {self.person}"


class Meeting(models.Model):
    """议事: a deliberation meeting of a compound, with agenda, attendance and minutes."""

    compound = models.ForeignKey(
        "areas.Area",
        verbose_name=_("compound"),
        on_delete=models.PROTECT,
        related_name="meetings",
        limit_choices_to=COMPOUND,
    )
    body = models.ForeignKey(
        Body, verbose_name=_("held by"), on_delete=models.SET_NULL, null=True, blank=True
    )
    title = models.CharField(_("title"), max_length=100)
    held_at = models.DateTimeField(_("held at"))
    place = models.CharField(_("place"), max_length=100, blank=True)
    agenda = models.TextField(_("agenda"))
    minutes = models.TextField(_("minutes"), blank=True)
    quorum = models.PositiveSmallIntegerField(
        _("quorum"), help_text=_("How many must attend for a vote to count.")
    )
    attendees = models.ManyToManyField(
        "people.Person", verbose_name=_("attendees"), blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("deliberation meeting")
        verbose_name_plural = _("deliberation meetings")
        ordering = ["-held_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class Decision(models.Model):
    """A matter decided at a meeting: the votes, whether it passed, its follow-up cases."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.CharField(_("decision"), max_length=300)
    votes_for = models.PositiveSmallIntegerField(_("for"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("against"), default=0)
    votes_abstain = models.PositiveSmallIntegerField(_("abstained"), default=0)
    passed = models.BooleanField(_("passed"), default=False)
    cases = models.ManyToManyField(
        "cases.Case", verbose_name=_("follow-up demands"), blank=True, related_name="decisions"
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return self.text


class Disclosure(models.Model):
    """三务公开: party, residence or finance affairs made public for a community or compound."""

    class Category(models.TextChoices):
        PARTY = "party", _("Party affairs")
        RESIDENCE = "residence", _("Residence affairs")
        FINANCE = "finance", _("Finances")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    area = models.ForeignKey(
        "areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="disclosures"
    )
    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    title = models.CharField(_("title"), max_length=100)
    body = models.TextField(_("text"))
    period = models.CharField(_("period"), max_length=30, help_text=_("e.g. 2026年第三季度"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["area", "status", "published_at"])]

    def __str__(self) -> str:
        return self.title


class DisclosureAttachment(models.Model):
    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="governance/disclosures/%Y/%m/")
    name = models.CharField(_("file name"), max_length=150)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name
