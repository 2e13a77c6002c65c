"""Rotating codes that prove someone stands in front of a screen now: an activity's check-in
screen, a station's duty screen. A code is `<window>-<digest>`: the number of the time window
it was issued in and an HMAC of the object's own secret, the object and that window. A code is
accepted for `valid` seconds after its window starts, so a photo of the screen soon stops
working, and a code of one object never opens another."""

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone


def new_secret() -> str:
    """A fresh per-object secret (a model field's default)."""
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class RotatingCode:
    rotate: int  # seconds: a new code every `rotate` seconds
    valid: int  # seconds: a code is accepted this long after its window starts

    def _digest(self, secret: str, subject: object, window: int) -> str:
        key = f"{settings.SECRET_KEY}:{secret}".encode()
        return hmac.new(key, f"{subject}:{window}".encode(), hashlib.sha256).hexdigest()[:12]

    def current(self, *, secret: str, subject: object, now: dt.datetime | None = None) -> str:
        """The code to show now for the object (`subject` names it, e.g. its primary key)."""
        window = int((now or timezone.now()).timestamp()) // self.rotate
        return f"{window}-{self._digest(secret, subject, window)}"

    def issued_at(self, code: str) -> dt.datetime | None:
        """When the code's window began (None for something that is not a code)."""
        window, _sep, _digest = (code or "").partition("-")
        if not window.isdigit() or len(window) > 12:
            return None
        return dt.datetime.fromtimestamp(int(window) * self.rotate, tz=dt.UTC)

    def accepts(
        self, *, secret: str, subject: object, code: str, now: dt.datetime | None = None
    ) -> bool:
        """The code is the object's and was issued less than `valid` seconds ago."""
        issued = self.issued_at(code)
        if issued is None:
            return False
        window = int(issued.timestamp()) // self.rotate
        digest = code.partition("-")[2]
        if not hmac.compare_digest(digest, self._digest(secret, subject, window)):
            return False
        return 0 <= (now or timezone.now()).timestamp() - issued.timestamp() < self.valid
