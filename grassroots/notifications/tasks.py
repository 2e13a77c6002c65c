from django.tasks import task

from grassroots.notifications.outbox import send_pending_emails


@task
def send_outbox() -> int:
    """Send what waits in the e-mail outbox."""
    return send_pending_emails()
