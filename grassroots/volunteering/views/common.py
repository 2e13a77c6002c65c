"""What the volunteering pages share: the page size, reading an id from a query, the
communities to choose from, and showing a refusal."""

from django.contrib import messages

from grassroots.areas.models import Area
from grassroots.volunteering.errors import VolunteerRefused

PAGE_SIZE = 20


def as_id(value) -> int | None:
    """An id from a query or a form (None for anything that is not a short number)."""
    value = str(value or "")
    return int(value) if value.isdigit() and len(value) < 12 else None


def communities(under: Area | None = None) -> list[Area]:
    """The communities to choose from: those of a county (all of the city without one)."""
    found = Area.objects.filter(level=Area.Level.COMMUNITY)
    if under is not None:
        found = found.filter(path__startswith=under.path)
    return list(found.order_by("path"))


def show_refused(request, refused: VolunteerRefused) -> None:
    messages.error(request, str(refused.message))
