"""The e-mail outbox's sender: what the outbox task runs, apart from the services that fill it."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from grassroots.notifications.models import OutboxEmail


def send_pending_emails(limit: int = 100) -> int:
    """Send queued e-mails; each row is claimed by a conditional update so it goes out once."""
    sent = 0
    for mail in OutboxEmail.objects.filter(sent_at__isnull=True, attempts__lt=5)[:limit]:
        claimed = OutboxEmail.objects.filter(pk=mail.pk, sent_at__isnull=True).update(
            sent_at=timezone.now(), attempts=mail.attempts + 1
        )
        if not claimed:
            continue
        try:
            send_mail(mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, [mail.to])
            sent += 1
        except Exception as exc:
            OutboxEmail.objects.filter(pk=mail.pk).update(sent_at=None, last_error=str(exc)[:300])
    return sent
