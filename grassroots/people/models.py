from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import mobile_validator


class Household(models.Model):
    """A household living at one door of a building."""

    building = models.ForeignKey(
        "areas.Area",
        verbose_name=_("building"),
        on_delete=models.PROTECT,
        related_name="households_here",
        limit_choices_to={"level": "building"},
    )
    door = models.CharField(_("door"), max_length=20)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        constraints = [
            models.UniqueConstraint(fields=["building", "door"], name="household_door_unique")
        ]

    def __str__(self) -> str:
        return f"{self.building} {self.door}"


class Person(models.Model):
    """A resident or party member; mobile and ID number are personal data, masked when listed."""

    class Gender(models.TextChoices):
        MALE = "M", _("Male")
        FEMALE = "F", _("Female")

    name = models.CharField(_("name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    mobile = models.CharField(
        _("mobile"), max_length=11, blank=True, db_index=True, validators=[mobile_validator]
    )
    id_number = models.CharField(_("ID number"), max_length=18, null=True, blank=True, unique=True)
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    # Where the person lives: the building if known, else the compound. Scopes read this path.
    home_area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("home"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Invitation(models.Model):
    """Staff asked a person on the register, by text message, to take an account; accepted
    when the person sets a password with the code it carried."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="invitations"
    )
    mobile = models.CharField(_("mobile"), max_length=11, validators=[mobile_validator])
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.person} · {self.created_at:%Y-%m-%d}"
