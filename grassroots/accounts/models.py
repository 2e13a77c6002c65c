from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

mobile_validator = RegexValidator(
    r"^1\d{10}$", _("A mobile number has 11 digits and starts with 1.")
)


class Role(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    GRID_WORKER = "grid_worker", _("Grid worker")
    COMMUNITY_STAFF = "community_staff", _("Community staff")
    COMMUNITY_SECRETARY = "community_secretary", _("Community secretary")
    UNIT_LIAISON = "unit_liaison", _("Unit liaison")
    PARTY_MEMBER = "party_member", _("Party member")
    VOLUNTEER = "volunteer", _("Volunteer")
    COUNTY_ADMIN = "county_admin", _("County organisation department")
    AUDITOR = "auditor", _("Auditor")
    CITY_ADMIN = "city_admin", _("City organisation department")
    CITY_AUDITOR = "city_auditor", _("City auditor")


# The organisation departments of a county or of the city: they run the area under them and
# keep it in the back office. A city role is the same role one level up (its area is the city).
ADMIN_ROLES = (Role.COUNTY_ADMIN, Role.CITY_ADMIN)
# Auditors read everything under their area and change nothing, anywhere.
AUDIT_ROLES = (Role.AUDITOR, Role.CITY_AUDITOR)
READ_ONLY_ROLES = frozenset(AUDIT_ROLES)
# Roles that hold the back office (the Django admin) for their area.
BACK_OFFICE_ROLES = frozenset({*ADMIN_ROLES, *AUDIT_ROLES})
# Roles held at the city (their area is the city), granted only by someone who holds the city.
CITY_ROLES = frozenset({Role.CITY_ADMIN, Role.CITY_AUDITOR})

# Roles that work for the platform rather than use it: their sessions expire after idle minutes.
STAFF_ROLES = frozenset(
    {
        Role.GRID_WORKER,
        Role.COMMUNITY_STAFF,
        Role.COMMUNITY_SECRETARY,
        Role.UNIT_LIAISON,
        *ADMIN_ROLES,
        *AUDIT_ROLES,
    }
)
# Roles that may reveal a full mobile or ID number, one logged reveal at a time.
REVEAL_ROLES = frozenset({Role.GRID_WORKER, Role.COMMUNITY_SECRETARY, *ADMIN_ROLES})


class User(AbstractUser):
    """A person who signs in, by username or by mobile number."""

    full_name = models.CharField(_("full name"), max_length=50, blank=True)
    mobile = models.CharField(
        _("mobile"),
        max_length=11,
        unique=True,
        null=True,
        blank=True,
        validators=[mobile_validator],
    )

    objects: ClassVar[UserManager] = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username


class RoleAssignment(models.Model):
    """A role a user holds, scoped to an area subtree or to one unit."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("area scope"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("unit scope"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
    )

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.CheckConstraint(
                condition=Q(area__isnull=False, unit__isnull=True)
                | Q(area__isnull=True, unit__isnull=False),
                name="role_scoped_to_area_or_unit",
                violation_error_message=_("A role is scoped to an area or to a unit, not both."),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "area", "unit"], name="role_assignment_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.area or self.unit}"


class LoginLock(models.Model):
    """Failed sign-ins for one username from one address; five within the window lock it."""

    username = models.CharField(_("username"), max_length=150)
    address = models.CharField(_("address"), max_length=45)
    failures = models.PositiveIntegerField(_("failures"), default=0)
    last_failure_at = models.DateTimeField(_("last failure"))
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)

    class Meta:
        verbose_name = _("login lock")
        verbose_name_plural = _("login locks")
        constraints = [
            models.UniqueConstraint(fields=["username", "address"], name="login_lock_unique")
        ]

    def __str__(self) -> str:
        return f"{self.username}@{self.address}"


class ApiToken(models.Model):
    """A bearer token for the JSON API: stored hashed, expiring, revocable in the back office."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    prefix = models.CharField(_("prefix"), max_length=8)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked = models.BooleanField(_("revoked"), default=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"


class SmsOutbox(models.Model):
    """A text message the outbox backend kept instead of sending (the default, and the tests')."""

    mobile = models.CharField(_("mobile"), max_length=11)
    text = models.CharField(_("text"), max_length=500)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("text message")
        verbose_name_plural = _("text messages")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.mobile}: {self.text[:30]}"


class OneTimeCode(models.Model):
    """A code sent to a mobile to prove it is theirs: kept as a keyed hash, it works once,
    before it expires and before too many wrong tries."""

    class Purpose(models.TextChoices):
        SIGNUP = "signup", _("Sign-up")
        RESET = "reset", _("Password reset")
        INVITE = "invite", _("Invitation")

    mobile = models.CharField(_("mobile"), max_length=11, validators=[mobile_validator])
    purpose = models.CharField(_("purpose"), max_length=10, choices=Purpose.choices)
    code_hash = models.CharField(_("code hash"), max_length=64)
    address = models.CharField(_("address"), max_length=45, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    attempts = models.PositiveSmallIntegerField(_("wrong attempts"), default=0)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("one-time code")
        verbose_name_plural = _("one-time codes")
        indexes = [
            models.Index(fields=["mobile", "purpose", "created_at"]),
            models.Index(fields=["address", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.mobile} · {self.get_purpose_display()}"
