"""阵地: party-mass service centres and compound stations, their rooms, opening hours and
bookings. Two active bookings of one room never overlap: PostgreSQL enforces it with an
exclusion constraint (added by migration 0002), and every booking is written by one
conditional INSERT that checks for an overlap in the same statement (see services.book)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.codes import new_secret


class Venue(models.Model):
    class Kind(models.TextChoices):
        CENTRE = "centre", _("Party-mass service centre")
        STATION = "station", _("Compound service station")

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    area = models.ForeignKey(
        "areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="venues"
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    provided_by = models.ForeignKey(
        "units.Unit",
        verbose_name=_("space provided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="provided_venues",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    photo = models.ImageField(_("photo"), upload_to="venues/", blank=True)
    # The secret behind the duty screen's rotating check-in code (grassroots.core.codes).
    duty_secret = models.CharField(max_length=43, default=new_secret, editable=False)

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["area__path", "name"]
        constraints = [models.UniqueConstraint(fields=["area", "name"], name="venue_name_unique")]

    def __str__(self) -> str:
        return self.name


class OpeningHours(models.Model):
    """One opening period of a venue on a weekday (0 = Monday); a day may have several."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), validators=[MaxValueValidator(6)])
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["venue", "weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")), name="opening_closes_after"
            ),
            models.CheckConstraint(condition=models.Q(weekday__lte=6), name="opening_weekday"),
        ]

    def __str__(self) -> str:
        return f"{self.venue} {self.weekday_name} {self.opens:%H:%M}–{self.closes:%H:%M}"

    @property
    def weekday_name(self) -> str:
        return "周" + "一二三四五六日"[self.weekday]


class Room(models.Model):
    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting room")
        MOTHER_BABY = "mother_baby", _("Mother and baby room")
        MEDIATION = "mediation", _("Mediation room")
        READING = "reading", _("Reading room")
        PARENT_SCHOOL = "parent_school", _("Parent school")
        AFTER_SCHOOL = "after_school", _("After-school class (四点半课堂)")
        MINORS = "minors", _("Minors' activity room")
        HEALTH = "health", _("Health room")
        ELDERLY = "elderly", _("Elderly activity room")
        OTHER = "other", _("Other")

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("name"), max_length=50)
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    seats = models.PositiveSmallIntegerField(
        _("seats"), default=0, validators=[MinValueValidator(0), MaxValueValidator(2000)]
    )
    equipment = models.CharField(_("equipment"), max_length=200, blank=True)
    bookable = models.BooleanField(_("bookable"), default=True)

    class Meta:
        verbose_name = _("function room")
        verbose_name_plural = _("function rooms")
        ordering = ["venue", "name"]
        constraints = [models.UniqueConstraint(fields=["venue", "name"], name="room_name_unique")]

    def __str__(self) -> str:
        return f"{self.venue} · {self.name}"


class Booking(models.Model):
    """A room taken for a time range by a resident group, a unit or an association, or for
    one date of a volunteering activity."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Booked")
        CANCELLED = "cancelled", _("Cancelled")

    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="bookings")
    group = models.CharField(_("group"), max_length=100)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    series = models.CharField(_("series"), max_length=40, blank=True, db_index=True)
    # The activity date the room is booked for (venues.services.activities keeps them in step).
    occurrence = models.ForeignKey(
        "volunteering.Occurrence",
        verbose_name=_("activity date"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="room_bookings",
    )
    created_at = models.DateTimeField(_("booked"), auto_now_add=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="booking_ends_after"
            ),
        ]
        indexes = [models.Index(fields=["room", "status", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.room} {self.group}"


class DutyShift(models.Model):
    """A party member or staff member scheduled at a venue (值班) for a time range, and whether
    they came: checked in on arrival and out on leaving, each by scanning the rotating code on
    the station's duty screen (`via` "roster" marks check-ins made before the code was needed).
    Without a check-out, a check-in counts until the shift's end."""

    class Via(models.TextChoices):
        QR = "qr", _("Station QR code")
        ROSTER = "roster", _("Roster page")

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="duty_shifts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("on duty"),
        on_delete=models.PROTECT,
        related_name="duty_shifts",
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_out_at = models.DateTimeField(_("checked out"), null=True, blank=True)
    via = models.CharField(_("checked in by"), max_length=10, choices=Via.choices, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scheduled by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("duty shift")
        verbose_name_plural = _("duty shifts")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="duty_ends_after"
            ),
        ]
        indexes = [models.Index(fields=["venue", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.venue} {self.user}"
