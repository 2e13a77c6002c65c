import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _token() -> str:
    return secrets.token_urlsafe(32)


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
    category = models.ForeignKey(
        "TeamCategory",
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="teams",
    )
    serves = models.ForeignKey(
        "areas.Area",
        verbose_name=_("serves"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The compound the team serves; empty for the whole community."),
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("run by unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="teams",
    )
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
    or from confirmed attendance at an activity. A party member's volunteer record and service
    record are this one ledger."""

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
    enrollment = models.OneToOneField(
        "Enrollment",
        verbose_name=_("activity sign-up"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="service_record",
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


class TeamCategory(models.Model):
    """One entry of a configurable set of team categories: 夏县's six specialties or 绛县's
    七彩蒲公英 colours, edited in the back office."""

    scheme = models.CharField(_("scheme"), max_length=30)
    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=30)
    colour = models.CharField(_("colour"), max_length=7, blank=True, help_text="#rrggbb")
    focus = models.CharField(_("focus"), max_length=30, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("team category")
        verbose_name_plural = _("team categories")
        ordering = ["scheme", "order", "pk"]

    def __str__(self) -> str:
        return (
            f"{self.name}（{self.focus}）" if self.focus and self.focus != self.name else self.name
        )


class Volunteer(models.Model):
    """A person who volunteers: skills and availability. A party member's volunteer record is
    this same row over the same person, so their hours are one ledger."""

    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="volunteer",
    )
    skills = models.CharField(_("skills"), max_length=200, blank=True)
    availability = models.CharField(_("availability"), max_length=100, blank=True)
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)
    # The secret part of the volunteer's own calendar feed URL; replaced to revoke it.
    calendar_token = models.CharField(max_length=43, unique=True, default=_token, editable=False)

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["pk"]

    def __str__(self) -> str:
        return str(self.person)


class Membership(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="memberships")
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.UniqueConstraint(fields=["team", "volunteer"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.team_id}:{self.volunteer_id}"


class Activity(models.Model):
    """A volunteer activity, one-off or repeating by an RRULE made from a worker's pattern.

    Its dates are `Occurrence` rows, made when it is created for up to a year ahead, so each
    date has its own capacity, roster and fate (cancelled or moved) without touching the rule."""

    class Kind(models.TextChoices):
        SERVICE = "service", _("Volunteer service")
        UNIT = "unit", _("Unit activity in the community")
        THEME_VISIT = "theme_visit", _("Theme visit")

    title = models.CharField(_("title"), max_length=100)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.SERVICE)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    community = models.ForeignKey(
        "areas.Area",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("organising unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
    )
    place = models.CharField(_("venue or address"), max_length=200)
    first_day = models.DateField(_("first day"))
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"))
    rrule = models.CharField(_("repeat rule"), max_length=200, blank=True)
    rule_label = models.CharField(_("repeats"), max_length=50, blank=True)
    last_day = models.DateField(_("last day"), null=True, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("places"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    signup_opens_days = models.PositiveSmallIntegerField(
        _("sign-up opens (days before)"), default=14, validators=[MaxValueValidator(90)]
    )
    signup_closes_hours = models.PositiveSmallIntegerField(
        _("sign-up closes (hours before)"), default=2, validators=[MaxValueValidator(72)]
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="organised_activities",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-first_day", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")), name="activity_ends_after"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Occurrence(models.Model):
    """One date of an activity: its places, its roster and what happened."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")
        HELD = "held", _("Held")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="occurrences")
    # The date the rule gave; stays when the occurrence is moved (iCalendar's RECURRENCE-ID).
    original_start = models.DateTimeField(_("planned start"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    capacity = models.PositiveSmallIntegerField(_("places"))
    taken = models.PositiveSmallIntegerField(_("places taken"), default=0)
    served_count = models.PositiveIntegerField(_("residents served"), default=0)
    note = models.CharField(_("note"), max_length=200, blank=True)
    # The secret the rotating check-in codes are derived from.
    code_secret = models.CharField(max_length=43, default=_token, editable=False)
    confirmed_at = models.DateTimeField(_("hours confirmed"), null=True, blank=True)
    sequence = models.PositiveIntegerField(default=0)  # iCalendar SEQUENCE, raised on changes

    class Meta:
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "original_start"], name="occurrence_once_per_start"
            ),
            models.CheckConstraint(
                condition=models.Q(taken__lte=models.F("capacity")), name="occurrence_not_over"
            ),
        ]
        indexes = [models.Index(fields=["starts_at", "status"])]

    def __str__(self) -> str:
        return f"{self.activity} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def moved(self) -> bool:
        return self.starts_at != self.original_start


class Enrollment(models.Model):
    """A volunteer's place on one occurrence: signed up or waiting, then what happened.

    Check-in and check-out times and the confirmed hours live here too (the design's
    `Attendance`): one row per volunteer and date keeps "signed up but absent" honest."""

    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("Signed up")
        WAITING = "waiting", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        ATTENDED = "attended", _("Attended")
        NO_SHOW = "no_show", _("Did not come")

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="enrollments")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="enrollments")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(_("signed up"), default=timezone.now)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_out_at = models.DateTimeField(_("checked out"), null=True, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1, null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["occurrence", "volunteer"], name="enrollment_once"),
        ]
        indexes = [models.Index(fields=["occurrence", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.occurrence_id}:{self.volunteer_id} {self.status}"


class CodeUse(models.Model):
    """A check-in code a volunteer has used: each code works once per volunteer."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="code_uses")
    code = models.CharField(max_length=40)
    used_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "code"], name="code_used_once")
        ]

    def __str__(self) -> str:
        return self.code


class Certificate(models.Model):
    """A numbered volunteer-service certificate over a period's confirmed hours; numbered per
    county of the holder's home (its issuer names the county; the QR code checks it)."""

    number = models.CharField(_("number"), max_length=20)
    county = models.ForeignKey(
        "areas.Area", verbose_name=_("county"), on_delete=models.PROTECT, related_name="+"
    )
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="certificates")
    holder_name = models.CharField(_("holder"), max_length=50)
    issuer = models.CharField(_("issuer"), max_length=100)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    hours = models.DecimalField(_("hours"), max_digits=7, decimal_places=1)
    services = models.PositiveIntegerField(_("times served"))
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    revoked = models.BooleanField(_("revoked"), default=False)
    verify_token = models.CharField(max_length=43, unique=True, default=_token, editable=False)

    class Meta:
        verbose_name = _("volunteer certificate")
        verbose_name_plural = _("volunteer certificates")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(fields=["county", "number"], name="certificate_county_number")
        ]

    def __str__(self) -> str:
        return self.number


class Questionnaire(models.Model):
    """A community's needs questionnaire: residents tick needs and write their own; each answer
    becomes a need case in the one pipeline."""

    community = models.ForeignKey(
        "areas.Area", verbose_name=_("community"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=100)
    intro = models.TextField(_("introduction"), blank=True, max_length=1000)
    options = models.TextField(_("needs to choose from (one a line)"), max_length=2000)
    category = models.ForeignKey(
        "cases.Category", verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    open = models.BooleanField(_("open"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("needs questionnaire")
        verbose_name_plural = _("needs questionnaires")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]
