"""What volunteering keeps of the service done: the one ledger of hours and the certificates."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.volunteering.models.teams import Volunteer
from grassroots.volunteering.models.tokens import new_token


class ServiceRecordQuerySet(models.QuerySet["ServiceRecord"]):
    """The one place that says which lines of the ledger count: every sum of hours (totals,
    stars, certificates, ledgers, dashboards) starts from `counted()`."""

    def counted(self) -> "ServiceRecordQuerySet":
        return self.filter(status=ServiceRecord.Status.CONFIRMED)

    def pending(self) -> "ServiceRecordQuerySet":
        return self.filter(status=ServiceRecord.Status.PENDING)


class ServiceRecord(models.Model):
    """One line of the ledger of hours actually served: from a completed service order (点单)
    or from confirmed attendance at an activity. A party member's volunteer record and service
    record are this one ledger.

    Attendance is confirmed by the organiser, so its lines are confirmed when written. A service
    order's hours are declared by the member and count only once confirmed: by the resident's
    rating (any rating: it answers for a service that happened; how well is the rating's
    business) or by the silence period after completion with the case still on its way to
    closing. A reopen sends them back to pending (the redone service is confirmed anew); a case
    withdrawn or rejected voids them."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting confirmation")  # declared, waiting for the resident
        CONFIRMED = "confirmed", _("Confirmed")  # counts in every sum of hours
        VOID = "void", _("Void")  # the case was withdrawn or rejected: never counts

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
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = ServiceRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("service record")
        verbose_name_plural = _("service records")
        ordering = ["-served_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(hours__gt=0), name="service_hours_positive"),
            models.UniqueConstraint(fields=["person", "case"], name="one_record_per_order"),
            # Confirmed exactly when it has the moment of its confirmation.
            models.CheckConstraint(
                condition=models.Q(status="confirmed", confirmed_at__isnull=False)
                | (~models.Q(status="confirmed") & models.Q(confirmed_at__isnull=True)),
                name="service_record_confirmed_at",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.hours}h {self.served_on}"


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
    verify_token = models.CharField(max_length=43, unique=True, default=new_token, editable=False)

    class Meta:
        verbose_name = _("volunteer certificate")
        verbose_name_plural = _("volunteer certificates")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(fields=["county", "number"], name="certificate_county_number")
        ]

    def __str__(self) -> str:
        return self.number
