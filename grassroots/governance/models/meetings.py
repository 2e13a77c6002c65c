"""议事: a compound's deliberation meetings and the decisions taken at them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.governance.models.bodies import Body
from grassroots.governance.models.compounds import compound_field


class Meeting(models.Model):
    """议事: a deliberation meeting of a compound, with agenda, attendance and minutes."""

    compound = compound_field(related_name="meetings")
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
