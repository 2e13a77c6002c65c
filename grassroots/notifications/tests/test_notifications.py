import pytest
from django.core import mail
from django.urls import reverse

from grassroots.cases.tests import factories as f
from grassroots.notifications.models import Notification, OutboxEmail
from grassroots.notifications.outbox import send_pending_emails
from grassroots.notifications.services import notify

pytestmark = pytest.mark.django_db


def test_inbox_shows_unread_count_and_marks_read(client):
    secretary = f.user("secretary")
    f.submitted()
    client.force_login(secretary)
    body = client.get(reverse("notifications:inbox")).content.decode()
    assert 'class="badge"' in body
    client.post(reverse("notifications:read"))
    assert not Notification.objects.filter(recipient=secretary, read_at__isnull=True).exists()


def test_email_is_queued_once_per_event_and_sent_after_commit(django_capture_on_commit_callbacks):
    secretary = f.user("secretary")
    secretary.email = "secretary@example.org"
    secretary.save()
    with django_capture_on_commit_callbacks(execute=True):
        case = f.submitted()
    assert OutboxEmail.objects.filter(to="secretary@example.org").count() == 1
    assert [m.to for m in mail.outbox] == [["secretary@example.org"]]
    assert case.reference in mail.outbox[0].subject
    # The same event told again queues nothing new, and a second sweep sends nothing.
    notify(recipients=[secretary], title="again", key=f"case-event:{case.events.get().pk}")
    assert OutboxEmail.objects.filter(to="secretary@example.org").count() == 1
    assert send_pending_emails() == 0
    assert len(mail.outbox) == 1


def test_no_email_leaves_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    from django.db import transaction

    secretary = f.user("secretary")
    secretary.email = "secretary@example.org"
    secretary.save()
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                f.submitted()
                raise RuntimeError("abort")
        except RuntimeError:
            pass
    assert mail.outbox == []
    assert not OutboxEmail.objects.exists()
