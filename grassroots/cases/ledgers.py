"""The case ledger (台账): its columns, its rows from the filtered list, and its registration
with the background writer for large ledgers (`core.exports`)."""

import re

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from grassroots.accounts.models import ADMIN_ROLES, AUDIT_ROLES, Role
from grassroots.areas.models import Area
from grassroots.areas.permissions import access_places, scope_roots
from grassroots.areas.places import Places
from grassroots.cases.models import Case
from grassroots.cases.selectors import CaseFilter, case_list
from grassroots.cases.workflow import Status
from grassroots.core import exports
from grassroots.core.masking import mask_name

LIST_ROLES = (
    *ADMIN_ROLES,
    *AUDIT_ROLES,
    Role.COMMUNITY_SECRETARY,
    Role.COMMUNITY_STAFF,
    Role.GRID_WORKER,
)


def filter_from(user, get) -> tuple[CaseFilter, Area | Places | None]:
    """The filter asked for; anything malformed is left out rather than refused, but an area
    (`?area=12`, or several: `12,15`) outside the reader's is a 404."""
    area = None
    if get.get("area"):
        places = access_places(user, get["area"], roles=LIST_ROLES, levels=None)
        area = places.single or places
    month = get.get("month", "")
    year = get.get("year", "")
    category = get.get("category", "")
    flt = CaseFilter(
        area_paths=area.paths if area else (),
        kind=get.get("kind", "") if get.get("kind") in Case.Kind.values else "",
        group=get.get("group", "") if get.get("group") in ("open", "finished") else "",
        status=get.get("status", "") if get.get("status") in Status.values else "",
        category=int(category) if category.isdigit() and len(category) < 9 else None,
        channel=get.get("channel", "") if get.get("channel") in Case.Channel.values else "",
        month=month if re.fullmatch(r"20\d\d-(0[1-9]|1[0-2])", month) else "",
        year=int(year) if re.fullmatch(r"20\d\d", year) else None,
        overdue=get.get("overdue") == "1",
    )
    return flt, area


HEADERS = [
    _lazy("Reference"),
    _lazy("Kind"),
    _lazy("Category"),
    _lazy("Title"),
    _lazy("Area"),
    _lazy("Channel"),
    _lazy("Status"),
    _lazy("Submitted"),
    _lazy("Requester"),
    _lazy("Overdue"),
]


def lines(rows):
    for c in rows.iterator(chunk_size=2000):
        yield [
            c.reference,
            c.get_kind_display(),
            c.category.name,
            c.title,
            c.area.name,
            c.get_channel_display(),
            c.get_status_display(),
            timezone.localtime(c.created_at).replace(tzinfo=None),
            "" if c.hide_requester else mask_name(c.requester_name),
            _("Yes") if c.overdue else "",
        ]


def readers_areas(user) -> Places:
    """What a ledger without ?area= covers: everything the reader lists."""
    return Places.of(*scope_roots(user, LIST_ROLES, levels=None))


@exports.ledger("cases")
def cases_ledger(user, params: dict) -> exports.Ledger:
    """The case ledger for the background writer: the same filters, read from `params`."""
    flt, area = filter_from(user, params)
    rows = case_list(user, LIST_ROLES, flt)
    return exports.Ledger(
        str(_("Demands")),
        [str(h) for h in HEADERS],
        rows.count(),
        lines(rows),
        area or readers_areas(user),
    )
