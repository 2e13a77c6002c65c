from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from grassroots.notifications import services
from grassroots.notifications.models import Notification


def inbox(request):
    """The signed-in user's messages, newest first, unread ones marked."""
    messages = Notification.objects.filter(recipient=request.user)
    page = Paginator(messages, 30).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page})


@require_POST
def mark_all_read(request):
    services.mark_read(actor=request.user)
    return redirect("notifications:inbox")
