from grassroots.notifications.models import Notification


def unread(request):
    """The unread count for the header badge (one indexed query, only for signed-in users)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_count": Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    }
