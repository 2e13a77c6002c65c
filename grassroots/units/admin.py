from django.contrib import admin

from grassroots.units.models import Pairing, Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "area", "community"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    list_select_related = ["area", "community"]
    autocomplete_fields = ["area", "community", "liaisons"]


@admin.register(Pairing)
class PairingAdmin(admin.ModelAdmin):
    list_display = ["unit", "area", "since"]
    search_fields = ["unit__name", "area__name"]
    list_select_related = ["unit", "area"]
    autocomplete_fields = ["unit", "area"]
