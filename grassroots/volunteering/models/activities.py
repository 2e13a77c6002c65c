"""Activities, their dates, the sign-ups (with check-in, check-out and hours) and the codes used."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.volunteering.models.teams import Team, Volunteer
from grassroots.volunteering.models.tokens import new_token


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
    code_secret = models.CharField(max_length=43, default=new_token, editable=False)
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
