"""The one refusal the case services raise; interfaces map its code to a message or a status."""

from django.utils.translation import gettext_lazy as _


class CaseRefused(Exception):
    """A refusal: `forbidden` (not yours), `conflict` (state moved on) or `invalid` (input)."""

    STATUS = {"forbidden": 403, "conflict": 409, "invalid": 400}

    def __init__(self, code: str, message, fields: dict | None = None):
        super().__init__(str(message))
        self.code, self.message, self.fields = code, message, fields or {}

    @property
    def http_status(self) -> int:
        return self.STATUS[self.code]


FORBIDDEN = _("You may not do this on this case.")
MOVED_ON = _("Someone else acted on this case first; it is now “%(status)s”. Reload the page.")
NOT_NOW = _("This cannot be done while the case is “%(status)s”.")
