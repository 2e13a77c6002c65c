"""The back office of the kernel's records (the audit log, the working calendar). It lives
here, not in `core`, because narrowing them needs the scope of roles, which sits above the
kernel."""

from django.contrib import admin

from grassroots.accounts.backoffice import ScopedAdmin
from grassroots.accounts.selectors import audit_entries_for
from grassroots.core.models import AuditEntry, Holiday


@admin.register(AuditEntry)
class AuditEntryAdmin(ScopedAdmin):
    """The append-only log: read, never changed. A county reads what its people did; entries
    without a person (the platform's own, failed sign-ins) are the city's to read."""

    list_display = ["at", "actor", "action", "target_type", "target_label", "address"]
    list_filter = ["action", "target_type"]
    search_fields = ["target_label", "actor__username", "actor__full_name"]
    list_select_related = ["actor"]
    date_hierarchy = "at"
    scope_path = "actor"  # narrowed by get_queryset below

    def get_queryset(self, request):
        return audit_entries_for(request.user, admin.ModelAdmin.get_queryset(self, request))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Holiday)
class HolidayAdmin(ScopedAdmin):
    """The working calendar every county shares: the city keeps it."""

    list_display = ["date", "name", "is_workday"]
    list_filter = ["is_workday"]
    search_fields = ["name"]
    date_hierarchy = "date"
