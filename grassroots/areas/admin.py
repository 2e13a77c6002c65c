"""The back office of the area tree and the grids, narrowed to the areas one runs: a county's
department adds and moves places only inside its county, each under the level it belongs to."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from treebeard.admin import TreeAdmin
from treebeard.forms import MoveNodeForm

from grassroots.accounts.backoffice import ScopedAdmin
from grassroots.accounts.models import ADMIN_ROLES
from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area, Grid


class AreaForm(MoveNodeForm):
    """Where a place goes: under a parent the user runs, one level down from it."""

    class Meta:
        model = Area
        exclude = Area.MOVENODE_FORM_EXCLUDED_FIELDS

    user = None  # set per request by AreaAdmin.get_form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["treebeard_ref_node"]
        if self.user is not None and not scope_of(self.user).is_superuser:
            scope = scope_of(self.user)
            field.queryset = field.queryset.filter(scope.area_q("path", roles=ADMIN_ROLES))

    def clean(self):
        data = super().clean()
        ref, position = data.get("treebeard_ref_node"), data.get("treebeard_position")
        if ref is None:
            parent = None
        elif position == "first-child":
            parent = ref
        else:
            parent = Area.objects.get_parent(ref)
        level = data.get("level") or self.instance.level
        if parent is None:
            if level != Area.Level.CITY or (
                self.user is not None and not scope_of(self.user).is_superuser
            ):
                raise forms.ValidationError(_("Only the city is a root of the area tree."))
            return data
        if self.user is not None and not scope_of(self.user).covers(parent, ADMIN_ROLES):
            raise forms.ValidationError(_("You may place areas only inside the areas you run."))
        if Area.CHILD_LEVEL.get(parent.level) != level:
            wanted = (
                Area.Level(Area.CHILD_LEVEL[parent.level]).label
                if parent.level in Area.CHILD_LEVEL
                else "—"
            )
            raise forms.ValidationError(
                _("Under %(parent)s comes a %(level)s.") % {"parent": parent.name, "level": wanted}
            )
        return data


@admin.register(Area)
class AreaAdmin(ScopedAdmin, TreeAdmin):
    form = AreaForm
    list_display = ["name", "level", "code", "build_year", "households", "three_without"]
    list_filter = ["level", "no_property_management", "no_responsible_department", "no_security"]
    search_fields = ["name", "code"]
    scope_path = "path"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type("AreaFormFor", (form,), {"user": request.user})

    def writes_object(self, request, obj) -> bool:
        # Seen: one's own subtree; changed: not the root of it (a county's department does
        # not rename or move its county).
        scope = scope_of(request.user)
        return scope.is_superuser or any(
            obj.path.startswith(p) and obj.path != p for p in scope.area_paths(ADMIN_ROLES)
        )

    @admin.display(boolean=True, description=gettext_lazy("three-without"))
    def three_without(self, obj):
        return obj.is_three_without


@admin.register(Grid)
class GridAdmin(ScopedAdmin):
    list_display = ["code", "name", "community"]
    search_fields = ["code", "name", "community__name"]
    list_select_related = ["community"]
    autocomplete_fields = ["community", "workers", "buildings"]
    scope_path = "community__path"
