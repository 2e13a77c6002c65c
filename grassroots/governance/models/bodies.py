"""A compound's self-governance bodies (物管会, 自治委员会, 自治小组) and their members."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.governance.models.compounds import compound_field


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

    compound = compound_field(related_name="bodies")
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
