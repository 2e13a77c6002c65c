"""The one shape of a refusal every domain service raises.

A service says no with a code that interfaces map to a message or a status: `forbidden` (not
yours), `conflict` (the state moved on), `invalid` (the input), `not_found` (nothing there). Each
app names its own subclass so a page can catch what its services raise, but the behaviour lives
here once.
"""

from typing import Any


class Refused(Exception):
    """A domain refusal with a stable code, a message for people and per-field messages."""

    STATUS = {"forbidden": 403, "conflict": 409, "invalid": 400, "not_found": 404}

    def __init__(self, code: str, message: Any, fields: dict[str, Any] | None = None):
        super().__init__(str(message))
        self.code, self.message, self.fields = code, message, fields or {}

    @property
    def http_status(self) -> int:
        return self.STATUS.get(self.code, 400)
