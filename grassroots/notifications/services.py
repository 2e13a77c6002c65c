"""Writes for notifications: inbox messages now, e-mails queued and sent after commit by the
outbox task (`notifications.tasks`, which runs `notifications.outbox`)."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from grassroots.notifications.models import Notification, OutboxEmail
from grassroots.notifications.tasks import send_outbox


def notify(*, recipients, title: str, body: str = "", url: str = "", key: str = "") -> None:
    """Put a message in each recipient's inbox and queue one e-mail per recipient with an address.

    `key` names the event; the same event never queues a second e-mail to the same address.
    """
    people = {u.pk: u for u in recipients if u is not None and u.is_active}.values()
    Notification.objects.bulk_create(
        [Notification(recipient=u, title=title, body=body, url=url) for u in people]
    )
    queued = False
    for user in people:
        if not user.email:
            continue
        try:
            with transaction.atomic():
                OutboxEmail.objects.create(
                    key=f"{key or title}:{user.pk}"[:100], to=user.email, subject=title, body=body
                )
                queued = True
        except IntegrityError:
            continue
    if queued:
        transaction.on_commit(_enqueue_send)


def _enqueue_send() -> None:
    send_outbox.enqueue()


def mark_read(*, actor, notification_ids=None) -> int:
    """Mark the actor's notifications (all, or the given ones) as read."""
    qs = Notification.objects.filter(recipient=actor, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=notification_ids)
    return qs.update(read_at=timezone.now())
