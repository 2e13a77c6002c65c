"""The back office of double reporting and the two lists. Registrations (报到) and pairings
(包联 of units, of members with households, group leaders) are made and ended only through
`offers.reporting`, which checks and audits them; a new registration supersedes the last."""

from django.contrib import admin
from django.utils.translation import gettext as _

from grassroots.accounts.backoffice import CheckedForm as BackOfficeForm
from grassroots.accounts.backoffice import ScopedAdmin, ScopedInline, ServiceAdmin
from grassroots.offers import reporting
from grassroots.offers.models import (
    GroupLeader,
    HouseholdPairing,
    Offer,
    Partnership,
    Registration,
    ServiceItem,
)
from grassroots.offers.reporting import OfferRefused
from grassroots.units.models import Pairing


class CheckedForm(BackOfficeForm):
    refusals = (OfferRefused,)


class RegistrationForm(CheckedForm):
    class Meta:
        model = Registration
        fields = [
            "unit",
            "member",
            "area",
            "reported_on",
            "contact_name",
            "contact_phone",
            "can_offer",
            "skills",
            "intentions",
            "availability",
            "service_team",
        ]

    def check(self, data):
        unit, member, area = data.get("unit"), data.get("member"), data.get("area")
        if (unit is None) == (member is None):
            message = _("Choose the unit or the party member who reports (one of the two).")
            raise OfferRefused("invalid", message)
        if unit is not None:
            reporting.check_unit_report(actor=self.actor, unit=unit, community=area)
        else:
            reporting.check_member_report(
                actor=self.actor,
                member=member,
                compound=area,
                service_team=data.get("service_team") or "",
                moving=True,
            )


@admin.register(Registration)
class RegistrationAdmin(ServiceAdmin):
    form = RegistrationForm
    list_display = ["__str__", "reported_on", "service_team", "channel", "active", "ended_on"]
    list_filter = ["active", "channel", "service_team"]
    search_fields = ["unit__name", "member__person__name", "area__name"]
    list_select_related = ["unit", "member__person", "area"]
    autocomplete_fields = ["unit", "member", "area"]
    scope_path = "area__path"

    def has_delete_permission(self, request, obj=None):
        return False  # a report is history: a new one ends it

    def create(self, request, data):
        if data.get("unit") is not None:
            return reporting.register_unit(
                actor=request.user,
                unit=data["unit"],
                community=data["area"],
                reported_on=data.get("reported_on"),
                contact_name=data.get("contact_name") or "",
                contact_phone=data.get("contact_phone") or "",
                can_offer=data.get("can_offer") or "",
            )
        return reporting.register_member(
            actor=request.user,
            member=data["member"],
            compound=data["area"],
            reported_on=data.get("reported_on"),
            skills=data.get("skills") or "",
            intentions=data.get("intentions") or "",
            availability=data.get("availability") or "",
            service_team=data.get("service_team") or "",
            moving=True,
        )


class PairingForm(CheckedForm):
    class Meta:
        model = Pairing
        fields = ["unit", "area", "since"]

    def check(self, data):
        reporting.check_pairing(actor=self.actor, unit=data["unit"], area=data["area"])


@admin.register(Pairing)
class PairingAdmin(ServiceAdmin):
    form = PairingForm
    list_display = ["unit", "area", "since"]
    search_fields = ["unit__name", "area__name"]
    list_select_related = ["unit", "area"]
    autocomplete_fields = ["unit", "area"]
    scope_path = "area__path"

    def create(self, request, data):
        return reporting.pair_unit(
            actor=request.user, unit=data["unit"], area=data["area"], since=data.get("since")
        )

    def remove(self, request, obj):
        reporting.unpair_unit(actor=request.user, pairing=obj)


class HouseholdPairingForm(CheckedForm):
    class Meta:
        model = HouseholdPairing
        fields = ["member", "household", "role"]

    def check(self, data):
        reporting.check_household_pairing(
            actor=self.actor, member=data["member"], household=data["household"], role=data["role"]
        )


@admin.register(HouseholdPairing)
class HouseholdPairingAdmin(ServiceAdmin):
    form = HouseholdPairingForm
    list_display = ["member", "household", "role", "since"]
    list_filter = ["role"]
    search_fields = ["member__person__name", "household__building__name"]
    autocomplete_fields = ["member", "household"]
    list_select_related = ["member__person", "household__building"]
    scope_path = "household__building__path"

    def create(self, request, data):
        return reporting.pair_household(
            actor=request.user,
            member=data["member"],
            household=data["household"],
            role=data["role"],
        )

    def remove(self, request, obj):
        reporting.unpair_household(actor=request.user, pairing=obj)


class GroupLeaderForm(CheckedForm):
    class Meta:
        model = GroupLeader
        fields = ["member", "building"]

    def check(self, data):
        reporting.check_group_leader(
            actor=self.actor, member=data["member"], building=data["building"]
        )


@admin.register(GroupLeader)
class GroupLeaderAdmin(ServiceAdmin):
    form = GroupLeaderForm
    list_display = ["member", "building"]
    search_fields = ["member__person__name", "building__name"]
    autocomplete_fields = ["member", "building"]
    list_select_related = ["member__person", "building"]
    scope_path = "building__path"

    def create(self, request, data):
        return reporting.appoint_group_leader(
            actor=request.user, member=data["member"], building=data["building"]
        )

    def remove(self, request, obj):
        reporting.remove_group_leader(actor=request.user, leader=obj)


class OfferInline(ScopedInline, admin.TabularInline):
    model = Offer
    extra = 0
    fields = ["title", "category", "capacity", "period", "active"]


@admin.register(Partnership)
class PartnershipAdmin(ScopedAdmin):
    list_display = ["community", "unit", "signed_on", "valid_until"]
    search_fields = ["community__name", "unit__name"]
    autocomplete_fields = ["community", "unit", "community_org", "unit_org"]
    inlines = [OfferInline]
    scope_path = "community__path"


@admin.register(Offer)
class OfferAdmin(ScopedAdmin):
    list_display = ["unit", "title", "category", "capacity", "period", "active"]
    list_filter = ["period", "active", "category"]
    search_fields = ["unit__name", "title"]
    autocomplete_fields = ["unit", "partnership"]
    scope_path = "unit__area__path"


@admin.register(ServiceItem)
class ServiceItemAdmin(ScopedAdmin):
    """The menu residents order from (居民点单): the same for every county."""

    list_display = ["order", "name", "team", "category", "active"]
    list_filter = ["team", "active"]
    search_fields = ["name"]
