from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from grassroots.areas.models import Area, Grid


@admin.register(Area)
class AreaAdmin(TreeAdmin):
    form = movenodeform_factory(Area)
    list_display = ["name", "level", "code", "build_year", "households", "three_without"]
    list_filter = ["level", "no_property_management", "no_responsible_department", "no_security"]
    search_fields = ["name", "code"]

    @admin.display(boolean=True, description=_("three-without"))
    def three_without(self, obj):
        return obj.is_three_without


@admin.register(Grid)
class GridAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "community"]
    search_fields = ["code", "name", "community__name"]
    list_select_related = ["community"]
    autocomplete_fields = ["community", "workers", "buildings"]
