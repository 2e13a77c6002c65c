from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.backoffice import ScopedAdmin
from grassroots.core.masking import mask_id_number, mask_mobile
from grassroots.people.models import Household, Person


@admin.register(Person)
class PersonAdmin(ScopedAdmin):
    list_display = ["name", "gender", "masked_mobile", "masked_id_number", "home_area", "household"]
    list_filter = ["gender"]
    search_fields = ["name", "=mobile", "=id_number"]
    list_select_related = ["home_area", "household__building"]
    autocomplete_fields = ["household", "home_area", "user"]
    # The full numbers are not shown in the back office; reveals go through the logged page.
    exclude = ["id_number"]
    readonly_fields = ["masked_id_number"]
    scope_path = "home_area__path"

    @admin.display(description=_("mobile"))
    def masked_mobile(self, obj):
        return mask_mobile(obj.mobile)

    @admin.display(description=_("ID number"))
    def masked_id_number(self, obj):
        return mask_id_number(obj.id_number)


@admin.register(Household)
class HouseholdAdmin(ScopedAdmin):
    list_display = ["building", "door"]
    search_fields = ["building__name", "door"]
    list_select_related = ["building"]
    autocomplete_fields = ["building"]
    scope_path = "building__path"
