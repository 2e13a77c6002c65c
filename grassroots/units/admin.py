from django.contrib import admin

from grassroots.units.models import Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "community"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    list_select_related = ["community"]
    autocomplete_fields = ["county", "community", "liaisons"]
