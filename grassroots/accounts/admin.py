from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import ApiToken, LoginLock, RoleAssignment, User
from grassroots.core.masking import mask_mobile


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["area", "unit"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "masked_mobile", "is_active", "is_staff"]
    search_fields = ["username", "full_name", "mobile"]
    list_filter = ["is_active", "is_staff", "role_assignments__role"]
    inlines = [RoleAssignmentInline]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("full_name", "mobile", "email")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "full_name", "mobile", "password1", "password2"),
            },
        ),
    )

    @admin.display(description=_("mobile"))
    def masked_mobile(self, obj):
        return mask_mobile(obj.mobile)


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "area", "unit"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__full_name", "area__name", "unit__name"]
    list_select_related = ["user", "area", "unit"]
    autocomplete_fields = ["user", "area", "unit"]


@admin.register(LoginLock)
class LoginLockAdmin(admin.ModelAdmin):
    list_display = ["username", "address", "failures", "last_failure_at", "locked_until"]
    search_fields = ["username", "address"]
    actions = ["unlock"]

    @admin.action(description=_("Unlock the selected sign-ins"))
    def unlock(self, request, queryset):
        count = queryset.count()
        queryset.delete()
        messages.success(request, _("%(count)d locks removed.") % {"count": count})


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "user", "created_at", "expires_at", "revoked"]
    list_filter = ["revoked"]
    search_fields = ["prefix", "user__username"]
    list_select_related = ["user"]
    readonly_fields = ["key_hash", "prefix", "created_at", "user"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        count = queryset.update(revoked=True)
        messages.success(request, _("%(count)d tokens revoked.") % {"count": count})
