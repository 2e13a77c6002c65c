from django.contrib import admin

from grassroots.offers.models import (
    GroupLeader,
    HouseholdPairing,
    Offer,
    Partnership,
    Registration,
    ServiceItem,
)


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "reported_on", "service_team", "channel", "active", "ended_on"]
    list_filter = ["active", "channel", "service_team"]
    search_fields = ["unit__name", "member__person__name", "area__name"]
    list_select_related = ["unit", "member__person", "area"]
    autocomplete_fields = ["unit", "member", "area"]
    readonly_fields = ["recorded_by", "created_at"]


@admin.register(HouseholdPairing)
class HouseholdPairingAdmin(admin.ModelAdmin):
    list_display = ["member", "household", "role", "since"]
    list_filter = ["role"]
    search_fields = ["member__person__name", "household__building__name"]
    autocomplete_fields = ["member", "household"]


@admin.register(GroupLeader)
class GroupLeaderAdmin(admin.ModelAdmin):
    list_display = ["member", "building"]
    search_fields = ["member__person__name", "building__name"]
    autocomplete_fields = ["member", "building"]


class OfferInline(admin.TabularInline):
    model = Offer
    extra = 0
    fields = ["title", "category", "capacity", "period", "active"]


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["community", "unit", "signed_on", "valid_until"]
    search_fields = ["community__name", "unit__name"]
    autocomplete_fields = ["community", "unit", "community_org", "unit_org"]
    inlines = [OfferInline]


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["unit", "title", "category", "capacity", "period", "active"]
    list_filter = ["period", "active", "category"]
    search_fields = ["unit__name", "title"]
    autocomplete_fields = ["unit", "partnership"]


@admin.register(ServiceItem)
class ServiceItemAdmin(admin.ModelAdmin):
    list_display = ["order", "name", "team", "category", "active"]
    list_filter = ["team", "active"]
    search_fields = ["name"]
