from django.contrib import admin

from grassroots.units.models import Pairing, Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "community"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    list_select_related = ["community"]
    autocomplete_fields = ["county", "community", "liaisons"]


@admin.register(Pairing)
class PairingAdmin(admin.ModelAdmin):
    list_display = ["unit", "area", "since"]
    search_fields = ["unit__name", "area__name"]
    list_select_related = ["unit", "area"]
    autocomplete_fields = ["unit", "area"]
