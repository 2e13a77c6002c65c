"""The back office of units: a county's department keeps its county's units; the city's units
(city bureaus serving a county) are shown to the county but kept by the city. Pairings (包联)
are kept in `offers.admin`, through the service that audits them."""

from django.contrib import admin
from django.db.models import Q

from grassroots.accounts.backoffice import ScopedAdmin
from grassroots.accounts.models import ADMIN_ROLES, BACK_OFFICE_ROLES
from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area
from grassroots.units.models import Unit


@admin.register(Unit)
class UnitAdmin(ScopedAdmin):
    list_display = ["code", "name", "kind", "area", "community"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    list_select_related = ["area", "community"]
    autocomplete_fields = ["area", "community", "liaisons"]
    scope_path = "area__path"

    def get_queryset(self, request):
        found = admin.ModelAdmin.get_queryset(self, request)
        scope = scope_of(request.user)
        if scope.is_superuser:
            return found
        # One's own units, and the units of the areas above (the city's bureaus serve it too).
        steplen = Area.steplen  # the paths of the areas above each root
        above = {
            root[:n]
            for root in scope.area_paths(BACK_OFFICE_ROLES)
            for n in range(steplen, len(root), steplen)
        }
        return found.filter(
            scope.area_q("area__path", roles=BACK_OFFICE_ROLES) | Q(area__path__in=above)
        )

    def writes_object(self, request, obj) -> bool:
        return scope_of(request.user).covers(obj.area, ADMIN_ROLES)
