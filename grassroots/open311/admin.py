from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.backoffice import ScopedAdmin
from grassroots.core.audit import record_audit
from grassroots.open311.models import ApiKey, ServiceAttribute


@admin.register(ApiKey)
class ApiKeyAdmin(ScopedAdmin):
    """Keys are issued by `manage.py create_open311_key NAME`, which prints the key once; a
    county's department sees and revokes its county's keys (a city-wide key is the city's)."""

    scope_path = "area__path"

    list_display = ["name", "area", "prefix", "created_at", "revoked"]
    list_filter = ["revoked", ("area", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["area"]
    search_fields = ["name", "prefix", "area__name", "area__code"]
    # The area is chosen when the key is issued (`--county CODE`); a key for another county is
    # a new key, so the one already handed out can never reach further than it was given.
    readonly_fields = ["area", "key_hash", "prefix", "created_at"]
    actions = ["revoke"]

    def has_add_permission(self, request, *args):
        return False

    @admin.action(description=_("Revoke the selected keys"), permissions=["act"])
    def revoke(self, request, queryset):
        for key in queryset.filter(revoked=False):
            ApiKey.objects.filter(pk=key.pk).update(revoked=True)
            record_audit(actor=request.user, action="change", target=key, detail={"revoked": True})


@admin.register(ServiceAttribute)
class ServiceAttributeAdmin(ScopedAdmin):
    """The questions each category asks Open311 callers (the service definition): the same for
    every county, kept by the city."""

    list_display = ["category", "order", "code", "description", "datatype", "required"]
    list_filter = ["category", "datatype", "required"]
    search_fields = ["code", "description"]
