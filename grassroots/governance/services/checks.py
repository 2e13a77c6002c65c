"""The checks the governance writes share: the actor's right, the compound, the file sizes."""

from django.utils.translation import gettext as _

from grassroots.areas.models import Area
from grassroots.governance.errors import GovernanceRefused

MAX_FILE_BYTES = 10 * 1024 * 1024


def forbid(allowed: bool) -> None:
    """Refuse unless the actor may (the permission asked by the caller)."""
    if not allowed:
        raise GovernanceRefused("forbidden", _("You may not do this here."))


def require_compound(area: Area) -> None:
    """Refuse an area that is not a compound."""
    if area.level != Area.Level.COMPOUND:
        raise GovernanceRefused("invalid", _("Choose a compound."), {"compound": []})


def check_files(files) -> None:
    """Refuse a file larger than 10 MB, naming it."""
    for f in files:
        if f.size > MAX_FILE_BYTES:
            raise GovernanceRefused(
                "invalid", _("%(name)s is larger than 10 MB.") % {"name": f.name}, {"files": []}
            )
