"""The refusal every write of volunteering raises: a code (`forbidden`, `conflict`, `invalid`)
and a message for people."""

from django.utils.translation import gettext as _

from grassroots.core.refusals import Refused


class VolunteerRefused(Refused):
    """A refusal of a volunteering service."""


def require(allowed: bool) -> None:
    """Refuse (forbidden) unless the actor may do this here."""
    if not allowed:
        raise VolunteerRefused("forbidden", _("You may not do this here."))
