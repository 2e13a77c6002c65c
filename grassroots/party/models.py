from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node


class PartyOrg(MP_Node):
    """One party organisation in the tree 党工委 → 党委/党总支 → 党支部 → 党小组."""

    class Kind(models.TextChoices):
        WORKING_COMMITTEE = "working_committee", _("Party working committee")
        COMMITTEE = "committee", _("Party committee")
        GENERAL_BRANCH = "general_branch", _("General party branch")
        BRANCH = "branch", _("Party branch")
        JOINT_BRANCH = "joint_branch", _("Joint party branch")
        GROUP = "group", _("Party group")

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    joint = models.BooleanField(
        _("joint (兼合式)"),
        default=False,
        help_text=_("Gathers members of different organisations who live in one compound."),
    )
    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        related_name="party_orgs",
        help_text=_("The county, community or compound the organisation belongs to."),
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="party_orgs",
    )

    class Meta:
        verbose_name = _("party organisation")
        verbose_name_plural = _("party organisations")

    def __str__(self) -> str:
        return self.name


class PartyMember(models.Model):
    """A party member: org of record, workplace unit and home compound (where they report)."""

    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="party_member",
    )
    org = models.ForeignKey(
        PartyOrg,
        verbose_name=_("organisation of record"),
        on_delete=models.PROTECT,
        related_name="members",
    )
    in_service = models.BooleanField(_("in service (在职)"), default=True)
    workplace = models.ForeignKey(
        "units.Unit",
        verbose_name=_("workplace unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members_at_work",
    )
    home_compound = models.ForeignKey(
        "areas.Area",
        verbose_name=_("home compound"),
        on_delete=models.PROTECT,
        related_name="resident_party_members",
        limit_choices_to={"level": "compound"},
    )
    joined_on = models.DateField(_("joined the party"), null=True, blank=True)
    building_group_leader = models.BooleanField(
        _("building party group leader (楼栋党小组长)"), default=False
    )
    central_household = models.BooleanField(_("central household (党员中心户)"), default=False)

    class Meta:
        verbose_name = _("party member")
        verbose_name_plural = _("party members")

    def __str__(self) -> str:
        return str(self.person)
