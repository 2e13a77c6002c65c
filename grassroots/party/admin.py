from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from grassroots.accounts.backoffice import ScopedAdmin
from grassroots.core.masking import mask_mobile
from grassroots.party.models import PartyMember, PartyOrg


@admin.register(PartyOrg)
class PartyOrgAdmin(ScopedAdmin, TreeAdmin):
    form = movenodeform_factory(PartyOrg)
    scope_path = "area__path"
    list_display = ["name", "kind", "joint", "area"]
    list_filter = ["kind", "joint"]
    search_fields = ["name"]
    list_select_related = ["area"]
    autocomplete_fields = ["area", "unit"]


@admin.register(PartyMember)
class PartyMemberAdmin(ScopedAdmin):
    # Members living in one's areas, or belonging to an organisation there.
    scope_path = ("home_compound__path", "org__area__path")
    list_display = ["person", "masked_mobile", "org", "in_service", "workplace", "home_compound"]
    list_filter = ["in_service", "building_group_leader", "central_household", "org__kind"]
    search_fields = ["person__name", "workplace__name", "home_compound__name", "org__name"]
    list_select_related = ["person", "org", "workplace", "home_compound"]
    autocomplete_fields = ["person", "org", "workplace", "home_compound"]

    @admin.display(description=_("mobile"))
    def masked_mobile(self, obj):
        return mask_mobile(obj.person.mobile)
