"""The back office of notices: a department reads the notices of the people in its areas; the
e-mail outbox (addresses of anyone) is the city's."""

from django.contrib import admin
from django.db.models import Exists, OuterRef

from grassroots.accounts.backoffice import ReadOnlyAdmin, assignments_in_reach, writes_settings
from grassroots.accounts.scopes import scope_of
from grassroots.notifications.models import Notification, OutboxEmail


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "recipient", "title", "read_at"]
    search_fields = ["title", "recipient__username"]
    list_select_related = ["recipient"]
    readonly_fields = ["recipient", "title", "body", "url", "created_at", "read_at"]
    scope_path = "recipient"  # narrowed by get_queryset below

    def get_queryset(self, request):
        found = admin.ModelAdmin.get_queryset(self, request)
        if scope_of(request.user).is_superuser:
            return found
        held = assignments_in_reach(request.user).filter(user=OuterRef("recipient"))
        return found.filter(Exists(held))


@admin.register(OutboxEmail)
class OutboxEmailAdmin(ReadOnlyAdmin):
    """Every county's outgoing mail: read by the city only (scope None: a shared record)."""

    list_display = ["created_at", "to", "subject", "sent_at", "attempts", "last_error"]
    list_filter = ["sent_at"]
    search_fields = ["to", "subject"]
    readonly_fields = [
        "key",
        "to",
        "subject",
        "body",
        "created_at",
        "sent_at",
        "attempts",
        "last_error",
    ]

    def has_view_permission(self, request, obj=None):
        return writes_settings(request.user)

    def has_module_permission(self, request):
        return self.has_view_permission(request)
