"""Who serves: the configurable team categories, teams, volunteers and who is in which team."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.volunteering.models.tokens import new_token


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
    calendar_token = models.CharField(max_length=43, unique=True, default=new_token, editable=False)

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
