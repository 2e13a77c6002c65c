"""The back office of accounts: users and their roles, login locks, API tokens.

An organisation department sees the users holding a role in its areas, grants and takes back
roles only there (through `accounts.services`, which audits each), and never sees who is a
superuser or which groups a user is in: those, and the groups themselves, are the superuser's.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from grassroots.accounts import core_admin, services  # core_admin: the kernel's records
from grassroots.accounts.backoffice import ScopedAdmin, ScopedInline, assignments_in_reach
from grassroots.accounts.models import (
    CITY_ROLES,
    ApiToken,
    LoginLock,
    Role,
    RoleAssignment,
    User,
)
from grassroots.accounts.scopes import scope_of
from grassroots.core.audit import record_audit
from grassroots.core.masking import mask_mobile


class RoleAssignmentForm(forms.ModelForm):
    """A role granted here must be one the signed-in user may grant (checked again by the
    service when saved)."""

    class Meta:
        model = RoleAssignment
        fields = ["role", "area", "unit"]

    def __init__(self, *args, granter=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.granter = granter
        if granter is not None and not scope_of(granter).is_superuser:
            choices = self.fields["role"].choices
            if not scope_of(granter).area_paths([Role.CITY_ADMIN]):
                choices = [(k, v) for k, v in choices if k not in CITY_ROLES]
            self.fields["role"].choices = choices

    def clean(self):
        data = super().clean()
        if self.granter is not None and data.get("role") and not self.cleaned_data.get("DELETE"):
            area, unit = data.get("area"), data.get("unit")
            refusal = services.grant_refusal(self.granter, role=data["role"], area=area, unit=unit)
            if refusal:
                raise forms.ValidationError(refusal)
        return data


def granting(form_class, granter):
    """The form class with the signed-in user as the granter its checks are made for."""

    class Granting(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, granter=granter, **kwargs)

    return Granting


class RoleAssignmentInline(ScopedInline, admin.TabularInline):
    model = RoleAssignment
    form = RoleAssignmentForm
    extra = 0
    autocomplete_fields = ["area", "unit"]

    def get_queryset(self, request):
        # Only the roles in one's own areas are shown, so only they can be changed.
        return assignments_in_reach(request.user).select_related("area", "unit")

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = granting(RoleAssignmentForm, request.user)
        formset = super().get_formset(request, obj, **kwargs)
        if not scope_of(request.user).is_superuser and obj is None:
            formset.min_num, formset.validate_min = 1, True  # a new user needs a role here
        return formset


@admin.register(User)
class UserAdmin(ScopedAdmin, BaseUserAdmin):
    list_display = ["username", "full_name", "masked_mobile", "is_active", "is_staff"]
    search_fields = ["username", "full_name", "mobile"]
    list_filter = ["is_active", "is_staff", "role_assignments__role"]
    inlines = [RoleAssignmentInline]
    scope_path = "role_assignments__area__path"  # narrowed by get_queryset below
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("full_name", "mobile", "email")}),
        # Permissions come from roles (below); staff status follows them.
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser")}),
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

    def get_queryset(self, request):
        found = admin.ModelAdmin.get_queryset(self, request)
        scope = scope_of(request.user)
        if scope.is_superuser:
            return found
        held = assignments_in_reach(request.user).filter(user=OuterRef("pk"))
        return found.filter(Exists(held), is_superuser=False)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if scope_of(request.user).is_superuser or obj is None:
            return fieldsets
        # Who is a superuser, staff or in which group is not the department's to decide:
        # the back office opens with a back-office role, granted below.
        return [
            (name, {**opts, "fields": [f for f in opts["fields"] if f not in SUPERUSER_FIELDS]})
            for name, opts in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "last_login", "date_joined"] if obj is not None else fields

    def save_formset(self, request, form, formset, change):
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        if formset.model is not RoleAssignment:
            return super().save_formset(request, form, formset, change)
        # Each grant and revocation through the service (which audits it); the forms checked
        # every one already, so a refusal here is a race and fails the whole save.
        user = form.instance
        for inline_form in formset.forms:
            old = inline_form.instance if inline_form.instance.pk else None
            if old is not None and not inline_form.has_changed():
                continue
            data = getattr(inline_form, "cleaned_data", {})
            if old is not None:
                held = RoleAssignment.objects.get(pk=old.pk)
                services.revoke_role(request.user, assignment=held)
            if data and not data.get("DELETE") and data.get("role"):
                services.grant_role(
                    request.user,
                    user=user,
                    role=data["role"],
                    area=data.get("area"),
                    unit=data.get("unit"),
                )
        return None

    @admin.display(description=_("mobile"))
    def masked_mobile(self, obj):
        return mask_mobile(obj.mobile)


SUPERUSER_FIELDS = {"is_superuser", "is_staff", "groups", "user_permissions"}


class RoleAssignmentAdminForm(RoleAssignmentForm):
    class Meta:
        model = RoleAssignment
        fields = ["user", "role", "area", "unit"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ScopedAdmin):
    list_display = ["user", "role", "area", "unit"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__full_name", "area__name", "unit__name"]
    list_select_related = ["user", "area", "unit"]
    autocomplete_fields = ["user", "area", "unit"]
    scope_path = "area__path"

    def get_queryset(self, request):
        return assignments_in_reach(request.user)

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = granting(RoleAssignmentAdminForm, request.user)
        return super().get_form(request, obj, change=change, **kwargs)

    def save_model(self, request, obj, form, change):
        # Through the service: it checks the grant again and audits it.
        if change:
            services.revoke_role(request.user, assignment=RoleAssignment.objects.get(pk=obj.pk))
        services.grant_role(
            request.user, user=obj.user, role=obj.role, area=obj.area, unit=obj.unit
        )

    def delete_model(self, request, obj):
        services.revoke_role(request.user, assignment=obj)


@admin.register(LoginLock)
class LoginLockAdmin(ScopedAdmin):
    """Locks are by username and address, not by area: the city's department unlocks them."""

    list_display = ["username", "address", "failures", "last_failure_at", "locked_until"]
    search_fields = ["username", "address"]
    actions = ["unlock"]

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Unlock the selected sign-ins"), permissions=["delete"])
    def unlock(self, request, queryset):
        count = queryset.count()
        for lock in queryset:
            self.delete_model(request, lock)
        messages.success(request, _("%(count)d locks removed.") % {"count": count})


@admin.register(ApiToken)
class ApiTokenAdmin(ScopedAdmin):
    list_display = ["prefix", "user", "created_at", "expires_at", "revoked"]
    list_filter = ["revoked"]
    search_fields = ["prefix", "user__username"]
    list_select_related = ["user"]
    readonly_fields = ["key_hash", "prefix", "created_at", "user"]
    actions = ["revoke"]
    scope_path = "user"  # narrowed by get_queryset below

    def get_queryset(self, request):
        found = admin.ModelAdmin.get_queryset(self, request)
        if scope_of(request.user).is_superuser:
            return found
        held = assignments_in_reach(request.user).filter(user=OuterRef("user"))
        return found.filter(Exists(held), user__is_superuser=False)

    def has_add_permission(self, request, *args):
        return False

    @admin.action(description=_("Revoke the selected tokens"), permissions=["change"])
    def revoke(self, request, queryset):
        count = 0
        for token in queryset.filter(revoked=False):
            ApiToken.objects.filter(pk=token.pk).update(revoked=True)
            record_audit(
                actor=request.user, action="change", target=token, detail={"revoked": True}
            )
            count += 1
        messages.success(request, _("%(count)d tokens revoked.") % {"count": count})


# Groups would carry permissions past the roles' scope: the product has none.
admin.site.unregister(Group)

__all__ = ["core_admin"]  # registered by being imported
