"""The refusal the case services raise, and the messages they share."""

from django.utils.translation import gettext_lazy as _

from grassroots.core.refusals import Refused


class CaseRefused(Refused):
    """A refusal of a case service: `forbidden`, `conflict` (state moved on) or `invalid`."""


FORBIDDEN = _("You may not do this on this case.")
MOVED_ON = _("Someone else acted on this case first; it is now “%(status)s”. Reload the page.")
NOT_NOW = _("This cannot be done while the case is “%(status)s”.")
