"""The back office (the Django admin), scoped as the pages are.

Model permissions come from roles, not groups (`RolePermissions`): the organisation department
of a county or of the city may view, add, change and delete the records of the platform's apps;
an auditor may only view them. `ScopedAdmin` then narrows every change list, form choice,
autocomplete and object to the areas of the user's back-office roles, refuses writes to auditors
in fact, keeps the deployment-wide settings (the taxonomy, the calendar, the formulas, the
checklists) for the city, answers 404 for an object outside one's areas, and writes an audit
entry for every change made here. Admins whose writes belong to a service call it instead.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth.backends import BaseBackend
from django.contrib.auth.models import Permission
from django.http import Http404

from grassroots.accounts.models import ADMIN_ROLES, BACK_OFFICE_ROLES, Role, RoleAssignment
from grassroots.accounts.scopes import NOTHING, scope_of
from grassroots.core.audit import record_audit

# The apps whose records the back office keeps (auth's groups and permissions are the
# superuser's; so are the task queue's rows).
BACK_OFFICE_APPS = (
    "accounts",
    "areas",
    "units",
    "party",
    "people",
    "core",
    "cases",
    "volunteering",
    "venues",
    "governance",
    "notifications",
    "open311",
    "offers",
    "dashboards",
)
# Who may change the settings every county shares (the taxonomy, the calendar, …).
CITY_WRITERS = (Role.CITY_ADMIN,)


def assignments_in_reach(user):
    """The role assignments in the areas of `user`'s back-office roles (all for superusers)."""
    scope = scope_of(user)
    found = RoleAssignment.objects.all()
    if scope.is_superuser:
        return found
    return found.filter(
        scope.area_q("area__path", roles=BACK_OFFICE_ROLES)
        | scope.area_q("unit__area__path", roles=BACK_OFFICE_ROLES)
    )


class RolePermissions(BaseBackend):
    """Model permissions from back-office roles: everything for an organisation department,
    `view_` only for an auditor. What each may reach is narrowed by `ScopedAdmin`."""

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        if obj is not None or not getattr(user_obj, "is_active", False):
            return set()
        cached = getattr(user_obj, "_grassroots_role_perms", None)
        if cached is not None:
            return cached
        scope = scope_of(user_obj)
        perms: set[str] = set()
        if scope.roles & BACK_OFFICE_ROLES:
            rows = Permission.objects.filter(content_type__app_label__in=BACK_OFFICE_APPS)
            if not scope.roles & set(ADMIN_ROLES):
                rows = rows.filter(codename__startswith="view_")
            perms = {
                f"{app}.{code}"
                for app, code in rows.values_list("content_type__app_label", "codename")
            }
        user_obj._grassroots_role_perms = perms
        return perms

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        return perm in self.get_all_permissions(user_obj, obj)

    def has_module_perms(self, user_obj, app_label) -> bool:
        return any(p.startswith(f"{app_label}.") for p in self.get_all_permissions(user_obj))


def writes(user) -> bool:
    """May write in the back office at all: a superuser or an organisation department (an
    auditor never, whatever else they were granted)."""
    scope = scope_of(user)
    return scope.is_superuser or (not scope.read_only and bool(scope.roles & set(ADMIN_ROLES)))


def writes_settings(user) -> bool:
    """May change what every county shares: a superuser or the city's organisation department."""
    scope = scope_of(user)
    return scope.is_superuser or bool(scope.area_paths(CITY_WRITERS))


def narrowed(queryset, user, path: str | tuple[str, ...] | None):
    """The rows of `queryset` whose area path (`path`, a lookup, or several of which any may
    match) lies in the user's back-office areas; deployment-wide rows (`path` None) are read
    by every back-office role."""
    scope = scope_of(user)
    if scope.is_superuser or path is None:
        return queryset
    q = NOTHING
    for lookup in (path,) if isinstance(path, str) else path:
        q |= scope.area_q(lookup, roles=BACK_OFFICE_ROLES)
    return queryset.filter(q).distinct() if not isinstance(path, str) else queryset.filter(q)


class CheckedForm(forms.ModelForm):
    """A back-office form that asks the owning service's check before anything is written:
    `check(data)` raises one of `refusals` (each with a `message`), shown above the form. The
    admin sets `actor`; the instance already holds the form's values when `check` runs."""

    actor = None
    refusals: tuple[type[Exception], ...] = ()

    def check(self, data: dict) -> None:
        raise NotImplementedError

    def _post_clean(self):
        super()._post_clean()
        if not self.errors and not self.cleaned_data.get("DELETE"):
            try:
                self.check(self.cleaned_data)
            except self.refusals as refused:
                self.add_error(None, refused.message)


class ScopedChoices:
    """Form choices of related records narrowed as the related admin narrows its list."""

    def _related_queryset(self, db_field, request):
        related = self.admin_site._registry.get(db_field.related_model)
        return related.get_queryset(request) if related is not None else None

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            queryset = self._related_queryset(db_field, request)
            if queryset is not None:
                kwargs["queryset"] = queryset
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            queryset = self._related_queryset(db_field, request)
            if queryset is not None:
                kwargs["queryset"] = queryset
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ScopedAdmin(ScopedChoices, admin.ModelAdmin):
    """A model admin narrowed to the user's areas. `scope_path` is the lookup from the model
    to an area path ("area__path", "community__path", …); None marks a deployment-wide setting
    that every back-office role reads and only the city changes."""

    scope_path: str | tuple[str, ...] | None = None

    def get_queryset(self, request):
        return narrowed(super().get_queryset(request), request.user, self.scope_path)

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The form knows who is acting, for the checks a service makes before it writes.
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})

    def _may_write(self, request) -> bool:
        if self.scope_path is None:
            return writes_settings(request.user)
        return writes(request.user)

    def has_add_permission(self, request, *args):
        return self._may_write(request) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return (
            self._may_write(request)
            and (obj is None or self.writes_object(request, obj))
            and super().has_change_permission(request, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return (
            self._may_write(request)
            and (obj is None or self.writes_object(request, obj))
            and super().has_delete_permission(request, obj)
        )

    def has_act_permission(self, request) -> bool:
        """Admin actions that run a service (which checks the actor again)."""
        return writes(request.user)

    def has_settings_permission(self, request) -> bool:
        """Admin actions over every county at once: the city's."""
        return writes_settings(request.user)

    def writes_object(self, request, obj) -> bool:
        """Whether this object, which the user may see, is also theirs to change (an admin that
        shows more than it lets one change says so here)."""
        return True

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Outside one's areas is the same as not there: a 404, not a hint.
        raise Http404

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changed = list(form.changed_data) if form is not None else []
        record_audit(
            actor=request.user,
            action="change",
            target=obj,
            detail={"back_office": "change" if change else "add", "fields": changed},
        )

    def delete_model(self, request, obj):
        record_audit(
            actor=request.user, action="change", target=obj, detail={"back_office": "delete"}
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class ServiceAdmin(ScopedAdmin):
    """An admin whose records are made and removed only through their services: `create` makes
    one from the form's cleaned data, `remove` ends one; both check and audit (the form's
    `clean` asks the service's check first, so a refusal shows beside the form). Records are
    not edited in place: a new one supersedes."""

    refusals: tuple[type[Exception], ...] = ()

    def create(self, request, data: dict):
        raise NotImplementedError

    def remove(self, request, obj) -> None:
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        # The change page opens read-only (to look); nothing is saved from it.
        return False

    def save_form(self, request, form, change):
        return self.create(request, form.cleaned_data)

    def save_model(self, request, obj, form, change):
        pass  # `create` wrote it, with its audit entry

    def save_related(self, request, form, formsets, change):
        pass  # nothing is written past the service

    def delete_model(self, request, obj):
        self.remove(request, obj)


class ReadOnlyAdmin(ScopedAdmin):
    """Records made on the pages, through their services: the back office reads them."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ScopedInline(ScopedChoices):
    """An inline whose choices are narrowed and which writes only where its parent may."""

    admin_site: admin.AdminSite  # set by the inline (InlineModelAdmin) it is mixed into
    parent_model: type

    def _may_write(self, request) -> bool:
        parent = self.admin_site._registry.get(self.parent_model)
        return isinstance(parent, ScopedAdmin) and parent._may_write(request)

    def has_add_permission(self, request, obj=None):
        return self._may_write(request) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_write(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_write(request) and super().has_delete_permission(request, obj)
