"""The ledgers (台账) of volunteering: the lines of hours and the activity dates of an area in
a year, and the volunteers living in an area (names masked), registered with the background
writer (`core.exports`). Each function checks what the reader may see again, since the worker
may run it later."""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.areas.permissions import access_places, scope_roots
from grassroots.areas.places import Place, Places
from grassroots.core import exports
from grassroots.core.masking import mask_name
from grassroots.volunteering import selectors
from grassroots.volunteering.permissions import (
    VOLUNTEER_LIST_ROLES,
    can_list_volunteers,
    volunteers_area,
)


def _int(value) -> int | None:
    value = str(value or "")
    return int(value) if value.isdigit() and len(value) < 12 else None


def _area_and_year(user, params: dict) -> tuple[Place, int]:
    """The county, street or community asked for, if the user reads its coverage (else 404),
    and the year asked for (default this one)."""
    places = access_places(user, params.get("area"), roles=VOLUNTEER_LIST_ROLES)
    return places.single or places, _int(params.get("year")) or timezone.localdate().year


@exports.ledger("volunteer_hours")
def hours_ledger(user, params: dict) -> exports.Ledger:
    """Every line of hours served in an area in a year, in date order."""
    area, year = _area_and_year(user, params)
    found = selectors.hours_ledger_rows(area, year)
    headers = [
        _("Date"),
        _("Volunteer"),
        _("Activity or service order"),
        _("Community"),
        _("Hours"),
    ]
    rows = (
        [served_on, name, activity or order or "", community or "", float(hours)]
        for served_on, name, activity, order, community, hours in found.iterator(
            chunk_size=exports.CHUNK
        )
    )
    title = _("Volunteer hours %(year)d") % {"year": year}
    return exports.Ledger(title, headers, found.count(), rows, area)


@exports.ledger("volunteer_activities")
def activities_ledger(user, params: dict) -> exports.Ledger:
    """An area's activity dates in a year: team, place, sign-ups, attendance, residents served
    and hours."""
    area, year = _area_and_year(user, params)
    found = selectors.activity_ledger_rows(area, year)
    headers = [
        _("Date"),
        _("Activity"),
        _("Team"),
        _("Community"),
        _("Place"),
        _("Status"),
        _("Signed up"),
        _("Attended"),
        _("Residents served"),
        _("Hours"),
    ]
    rows = (
        [
            timezone.localdate(o.starts_at),
            o.activity.title,
            o.activity.team.name if o.activity.team else "",
            o.activity.community.name,
            o.activity.place,
            o.get_status_display(),
            o.signed_up,
            o.attended,
            o.served_count,
            float(o.hours or 0),
        ]
        for o in found.iterator(chunk_size=exports.CHUNK)
    )
    title = _("Volunteer activities %(year)d") % {"year": year}
    return exports.Ledger(title, headers, found.count(), rows, area)


@exports.ledger("volunteers")
def volunteers_ledger(user, params: dict) -> exports.Ledger:
    """The volunteers living in an area (?area=, else everywhere the user lists), names masked."""
    if not can_list_volunteers(user):
        raise Http404
    area = volunteers_area(user, params.get("area"))
    found = selectors.volunteers_visible_to(user, area)
    headers = [_("Name"), _("Skills"), _("Availability"), _("Teams"), _("Joined on")]
    rows = (
        [mask_name(v.person.name), v.skills, v.availability, v.teams, v.joined_on]
        for v in found.iterator(chunk_size=exports.CHUNK)
    )
    target = area or Places.of(*scope_roots(user, VOLUNTEER_LIST_ROLES))
    return exports.Ledger(str(_("Volunteers")), headers, found.count(), rows, target)
