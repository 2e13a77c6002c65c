"""Reading Open311 service requests: problems (诉求) of a county as the specification's
entries, with phone, ID and door numbers hidden, the address as the compound's name and id, the
point rounded to about a hundred metres, requesters never shown; one query per page."""

from datetime import timedelta

from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Substr
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from grassroots.areas.models import Area
from grassroots.areas.queries import under
from grassroots.cases.models import Assignment, Case, Event
from grassroots.cases.workflow import OPEN311_CLOSED
from grassroots.core.masking import public_text
from grassroots.open311.jurisdiction import Refused
from grassroots.open311.render import respond

MAX_SPAN = timedelta(days=90)
MAX_RESULTS = 1000
# Whose notes a caller may read back as `status_notes`: what the community or taker answered.
PUBLIC_NOTES = ("answer", "reject", "complete", "verify_fail", "reopen", "merge", "withdraw")


FIELDS = (
    "pk",
    "status",
    "description",
    "latitude",
    "longitude",
    "created_at",
    "updated_at",
    "handle_due_at",
    "category__code",
    "category__name",
)
# A published point is rounded to about a hundred metres: a phone's position at home is as
# precise as a door number.
PUBLIC_DECIMALS = 3


def requests_of(county: Area):
    """Problems in the county as plain rows: what a request shows, computed in one query."""
    lead = Assignment.objects.filter(case=OuterRef("pk"), role=Assignment.Role.LEAD)
    agency = lead.order_by("-created_at").annotate(
        who=Coalesce(F("unit__name"), F("team__name"), Value(str(_("Community party member"))))
    )
    notes = Event.objects.filter(case=OuterRef("pk"), action__in=PUBLIC_NOTES).exclude(note="")
    compound_length = Area.depth_of(Area.Level.COMPOUND) * Area.steplen
    compound = Area.objects.filter(path=Substr(OuterRef("area__path"), 1, compound_length))
    return (
        Case.objects.filter(under(county), kind=Case.Kind.PROBLEM)
        .annotate(
            agency=Subquery(agency.values("who")[:1]),
            public_note=Subquery(notes.order_by("-at", "-id").values("note")[:1]),
            compound_name=Subquery(compound.values("name")[:1]),
            compound_id=Subquery(compound.values("pk")[:1]),
        )
        .values(*FIELDS, "agency", "public_note", "compound_name", "compound_id")
    )


def reference_of(row: dict, tz=None) -> str:
    """The case reference (see Case.reference) from a row."""
    return f"{timezone.localtime(row['created_at'], tz):%Y}-{row['pk']:06d}"


class RequestWriter:
    """Turns rows into the specification's service_request entries; labels looked up once."""

    def __init__(self):
        self.labels = {value: str(label) for value, label in Case._meta.get_field("status").choices}
        self.tz = timezone.get_current_timezone()

    def when(self, moment) -> str | None:
        return moment.astimezone(self.tz).isoformat(timespec="seconds") if moment else None

    def __call__(self, row: dict) -> dict:
        closed = row["status"] in OPEN311_CLOSED
        lat, lng = row["latitude"], row["longitude"]
        return {
            "service_request_id": reference_of(row, self.tz),
            "status": "closed" if closed else "open",
            "status_notes": public_text(row["public_note"]) or self.labels[row["status"]],
            "service_name": row["category__name"],
            "service_code": row["category__code"],
            "description": public_text(row["description"]),
            "agency_responsible": row["agency"] or "",
            "service_notice": "",
            "requested_datetime": self.when(row["created_at"]),
            "updated_datetime": self.when(row["updated_at"]),
            "expected_datetime": None if closed else self.when(row["handle_due_at"]),
            # The compound, never the building or door the caller typed or picked.
            "address": row["compound_name"] or "",
            "address_id": str(row["compound_id"] or ""),
            "zipcode": "",
            "lat": round(float(lat), PUBLIC_DECIMALS) if lat is not None else None,
            "long": round(float(lng), PUBLIC_DECIMALS) if lng is not None else None,
            "media_url": "",
        }


def pk_of(reference: str) -> int | None:
    """The case id in a reference "YYYY-NNNNNN", or None for anything else."""
    year, sep, number = reference.strip().partition("-")
    if not (sep and len(year) == 4 and year.isdigit() and number.isdigit() and len(number) < 12):
        return None
    return int(number)


def _moment(request, name: str):
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        moment = parse_datetime(raw)
    except ValueError:
        moment = None
    if moment is None:
        message = _("%(name)s must be a W3C datetime such as 2026-11-01T00:00:00+08:00.")
        raise Refused(400, message % {"name": name})
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _positive(request, name: str, default: int, most: int) -> int:
    raw = request.GET.get(name, "").strip() or str(default)
    if not raw.isdigit() or not 1 <= int(raw) <= most:
        message = _("%(name)s must be a whole number from 1 to %(most)d.")
        raise Refused(400, message % {"name": name, "most": most})
    return int(raw)


def list_requests(request, fmt: str, county: Area):
    found = requests_of(county)
    ids = [i for i in request.GET.get("service_request_id", "").split(",") if i.strip()]
    if ids:  # overrides every other parameter
        if len(ids) > MAX_RESULTS:
            raise Refused(400, _("Ask for at most 1000 service_request_id at once."))
        pks = [pk for pk in (pk_of(i) for i in ids) if pk is not None]
        wanted = {i.strip() for i in ids}
        rows = found.filter(pk__in=pks).order_by("-created_at", "-pk")
        write = RequestWriter()
        body = [write(row) for row in rows if reference_of(row) in wanted]
        return respond(fmt, "service_requests", body)
    start, end = _moment(request, "start_date"), _moment(request, "end_date")
    if start and not end:
        end = min(start + MAX_SPAN, timezone.now())
    end = end or timezone.now()
    start = start or end - MAX_SPAN
    if start > end:
        raise Refused(400, _("start_date must not be later than end_date."))
    if end - start > MAX_SPAN:
        raise Refused(400, _("start_date and end_date may span at most 90 days."))
    found = found.filter(created_at__gte=start, created_at__lte=end)
    codes = [c.strip() for c in request.GET.get("service_code", "").split(",") if c.strip()]
    if codes:
        found = found.filter(category__code__in=codes)
    statuses = {s.strip() for s in request.GET.get("status", "").split(",") if s.strip()}
    if statuses - {"open", "closed"}:
        raise Refused(400, _("status must be open, closed or both (comma separated)."))
    if statuses == {"open"}:
        found = found.exclude(status__in=OPEN311_CLOSED)
    elif statuses == {"closed"}:
        found = found.filter(status__in=OPEN311_CLOSED)
    page = _positive(request, "page", 1, 10**6)
    size = _positive(request, "page_size", MAX_RESULTS, MAX_RESULTS)
    rows = found.order_by("-created_at", "-pk")[(page - 1) * size : page * size]
    write = RequestWriter()
    return respond(fmt, "service_requests", [write(row) for row in rows])
