"""双报到, 包联 of members, 共建协议 and 资源清单: who reported where, who looks after whom, and
what units offer. Needs (需求清单) and service orders (点单) are cases."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ServiceTeam(models.TextChoices):
    """The six teams reported party members are sorted into by what they can do."""

    GUIDANCE = "guidance", _("Party-building guidance (党建指导)")
    PROPAGANDA = "propaganda", _("Red propaganda (红色宣传)")
    SAFETY = "safety", _("Peace and safety (平安建设)")
    AFFAIRS = "affairs", _("Community affairs (社务协调)")
    CIVILITY = "civility", _("Civility (文明帮创)")
    WARMTH = "warmth", _("Warm help (温暖帮扶)")


class Registration(models.Model):
    """报到: a unit to the community where it sits, or an in-service member to their home compound.

    One active registration per unit and per member; moving ends it and starts a new one, so the
    history stays."""

    class Channel(models.TextChoices):
        SELF = "self", _("Self-service (link or QR code)")
        STAFF = "staff", _("Entered by community staff")

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    member = models.ForeignKey(
        "party.PartyMember",
        verbose_name=_("party member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("reported to"),
        on_delete=models.PROTECT,
        related_name="registrations",
        help_text=_("The community (for a unit) or the home compound (for a member)."),
    )
    reported_on = models.DateField(_("reported on"))
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    can_offer = models.CharField(_("what the unit can offer"), max_length=500, blank=True)
    skills = models.CharField(_("skills"), max_length=300, blank=True)
    intentions = models.CharField(_("service intentions"), max_length=300, blank=True)
    availability = models.CharField(_("availability"), max_length=200, blank=True)
    service_team = models.CharField(
        _("service team"), max_length=12, choices=ServiceTeam.choices, blank=True
    )
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    active = models.BooleanField(_("active"), default=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("registration (报到)")
        verbose_name_plural = _("registrations (报到)")
        ordering = ["-reported_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False, member__isnull=True)
                | Q(unit__isnull=True, member__isnull=False),
                name="registration_unit_or_member",
            ),
            models.UniqueConstraint(
                fields=["member"], condition=Q(active=True), name="one_home_compound"
            ),
            models.UniqueConstraint(
                fields=["unit"], condition=Q(active=True), name="one_unit_registration"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit or self.member} → {self.area}"


class HouseholdPairing(models.Model):
    """党员中心户 / 片长: a party member who looks after a household."""

    class Role(models.TextChoices):
        CENTRAL = "central", _("Central household (党员中心户)")
        CHIEF = "chief", _("Area chief (片长)")

    member = models.ForeignKey(
        "party.PartyMember",
        verbose_name=_("party member"),
        on_delete=models.CASCADE,
        related_name="household_pairings",
    )
    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("household"),
        on_delete=models.CASCADE,
        related_name="pairings",
    )
    role = models.CharField(_("role"), max_length=8, choices=Role.choices)
    since = models.DateField(_("since"), null=True, blank=True)

    class Meta:
        verbose_name = _("household pairing")
        verbose_name_plural = _("household pairings")
        constraints = [
            models.UniqueConstraint(fields=["household", "role"], name="household_pairing_role")
        ]

    def __str__(self) -> str:
        return f"{self.member} ↔ {self.household}"


class GroupLeader(models.Model):
    """楼栋/巷院党小组长: the party member leading the party group of a building or lane."""

    member = models.ForeignKey(
        "party.PartyMember",
        verbose_name=_("party member"),
        on_delete=models.CASCADE,
        related_name="led_buildings",
    )
    building = models.OneToOneField(
        "areas.Area",
        verbose_name=_("building or lane"),
        on_delete=models.CASCADE,
        related_name="group_leader",
        limit_choices_to={"level": "building"},
    )

    class Meta:
        verbose_name = _("building party group leader")
        verbose_name_plural = _("building party group leaders")

    def __str__(self) -> str:
        return f"{self.member} · {self.building}"


class Partnership(models.Model):
    """共建协议 between a community's party organisation and a unit's, with the two lists."""

    community = models.ForeignKey(
        "areas.Area",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="partnerships",
        limit_choices_to={"level": "community"},
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="partnerships"
    )
    community_org = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("community party organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit_org = models.ForeignKey(
        "party.PartyOrg",
        verbose_name=_("unit party organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_on = models.DateField(_("signed on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("co-building agreement (共建协议)")
        verbose_name_plural = _("co-building agreements (共建协议)")
        constraints = [
            models.UniqueConstraint(fields=["community", "unit"], name="partnership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.community} × {self.unit}"


class Offer(models.Model):
    """One line of a unit's resource list (资源清单): a service with a capacity per period."""

    class Period(models.TextChoices):
        MONTH = "month", _("per month")
        QUARTER = "quarter", _("per quarter")
        YEAR = "year", _("per year")

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="offers"
    )
    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("agreement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="offers",
    )
    title = models.CharField(_("service"), max_length=60)
    description = models.CharField(_("description"), max_length=300, blank=True)
    category = models.ForeignKey(
        "cases.Category", verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), validators=[MinValueValidator(1)], help_text=_("Times per period.")
    )
    period = models.CharField(_("period"), max_length=8, choices=Period.choices)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("offer (资源清单)")
        verbose_name_plural = _("offers (资源清单)")
        ordering = ["unit", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="offer_capacity_positive")
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.title}"


class OfferRequest(models.Model):
    """A community asking for an offer: a service case addressed to the unit. It holds one slot
    of its period until its case is declined, withdrawn or rejected (`offers.slots`)."""

    offer = models.ForeignKey(
        Offer, verbose_name=_("offer"), on_delete=models.PROTECT, related_name="requests"
    )
    case = models.OneToOneField(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="offer_request",
    )
    period_start = models.DateField(_("period"))

    class Meta:
        verbose_name = _("offer request")
        verbose_name_plural = _("offer requests")
        indexes = [models.Index(fields=["offer", "period_start"])]

    def __str__(self) -> str:
        return f"{self.offer} ← {self.case}"


class ServiceItem(models.Model):
    """One entry of the menu residents order from (居民点单): 上门送学, 义务辅导, 聊天陪护 …"""

    name = models.CharField(_("name"), max_length=30, unique=True)
    description = models.CharField(_("description"), max_length=200, blank=True)
    team = models.CharField(_("service team"), max_length=12, choices=ServiceTeam.choices)
    category = models.ForeignKey(
        "cases.Category", verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("service menu item")
        verbose_name_plural = _("service menu")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name
