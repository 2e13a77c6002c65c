"""Sending a text message, through the backend the settings name.

`GRASSROOTS_SMS_BACKEND` is a dotted path to a class whose instances have `send(mobile, text)`.
The default, `OutboxBackend`, sends nothing: it keeps the message in `SmsOutbox` and logs it, so
a development server and the tests read codes from the table. A real provider's class lives in
the deployment's package and raises on failure; nothing here talks to the network.
"""

import logging
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from grassroots.accounts.models import SmsOutbox

logger = logging.getLogger(__name__)


class SmsBackend(Protocol):
    def send(self, mobile: str, text: str) -> None: ...


class OutboxBackend:
    """Keep the message in the outbox table and log it instead of sending it."""

    def send(self, mobile: str, text: str) -> None:
        SmsOutbox.objects.create(mobile=mobile, text=text)
        logger.info("SMS to %s: %s", mobile, text)


def backend() -> SmsBackend:
    """An instance of the configured backend class."""
    return import_string(settings.GRASSROOTS_SMS_BACKEND)()


def send_sms(mobile: str, text: str) -> None:
    """Send one text message to one mobile through the configured backend."""
    backend().send(mobile, text)
