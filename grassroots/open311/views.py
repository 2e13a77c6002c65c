"""Open311 GeoReport v2 at /open311/v2/, as the specification describes it.

Reads are public (the specification's choice; descriptions and notes are published with phone,
ID and door numbers hidden, the address as the compound's name and id, requesters never).
Posting a request needs an `api_key`. Requests are cases of kind problem: the ids are the case
references people quote on the phone (e.g. 2026-000123).
"""

from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db.models import Exists, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Substr
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from grassroots.areas.models import Area
from grassroots.areas.queries import under
from grassroots.cases import services as case_services
from grassroots.cases.errors import CaseRefused
from grassroots.cases.models import Assignment, Case, Category, Event
from grassroots.cases.workflow import OPEN311_CLOSED
from grassroots.core.masking import public_text
from grassroots.open311 import locate
from grassroots.open311.attributes import InvalidAttribute, checked_attributes
from grassroots.open311.models import ApiKey, ServiceAttribute
from grassroots.open311.render import errors, respond

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-29T00:00:00+08:00"  # when this endpoint's behaviour last changed
MAX_SPAN = timedelta(days=90)
MAX_RESULTS = 1000
# Whose notes a caller may read back as `status_notes`: what the community or taker answered.
PUBLIC_NOTES = ("answer", "reject", "complete", "verify_fail", "reopen", "merge", "withdraw")


class Refused(Exception):
    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status, self.description = status, description


def _county(request) -> Area:
    """The jurisdiction: the county whose statistical code is `jurisdiction_id`, or the only one.

    With several counties on one platform a caller must name one (400 otherwise)."""
    given = request.GET.get("jurisdiction_id") or request.POST.get("jurisdiction_id")
    counties = Area.objects.filter(level=Area.Level.COUNTY)
    if given:
        county = counties.filter(code=given).first()
        if county is None:
            raise Refused(404, _("Unknown jurisdiction_id: %(id)s") % {"id": given[:40]})
        return county
    found = list(counties[:2])
    if len(found) != 1:
        raise Refused(400, _("jurisdiction_id is required: give the county's statistical code."))
    return found[0]


def _endpoint(view):
    """Public, CSRF-free (callers are systems, not browsers), and refusals in the spec's shape."""

    def wrapped(request, fmt: str, **kwargs):
        sent = [*request.GET.lists(), *request.POST.lists()]
        if any("\x00" in v for _name, values in sent for v in values):
            return errors(fmt, 400, _("Parameters must not contain NUL characters."))
        try:
            return view(request, fmt, **kwargs)
        except Refused as exc:
            return errors(fmt, exc.status, exc.description)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return login_not_required(csrf_exempt(wrapped))


@_endpoint
@require_GET
def discovery(request, fmt: str):
    root = request.build_absolute_uri("/open311/v2/")
    body = {
        "changeset": CHANGESET,
        "contact": getattr(settings, "OPEN311_CONTACT", ""),
        "key_service": _("Ask the county organisation department for an api_key."),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": root,
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
        # Beyond the specification: paging through GET requests.
        "extensions": [
            {
                "name": "page",
                "description": _("GET requests: page number, from 1 (default 1)."),
            },
            {
                "name": "page_size",
                "description": _("GET requests: results per page, 1 to 1000 (default 1000)."),
            },
        ],
    }
    return respond(fmt, "discovery", body)


@_endpoint
@require_GET
def services(request, fmt: str):
    _county(request)
    asks = ServiceAttribute.objects.filter(category=OuterRef("pk"), variable=True)
    categories = Category.objects.filter(active=True).annotate(asks=Exists(asks))
    body = [
        {
            "service_code": c.code,
            "service_name": c.name,
            "description": c.description,
            "metadata": c.asks,
            "type": "realtime",
            "keywords": "",
            "group": _("Resident demands"),
        }
        for c in categories
    ]
    return respond(fmt, "services", body)


def _category(code: str) -> Category | None:
    return Category.objects.filter(code=code, active=True).first() if code else None


@_endpoint
@require_GET
def service_definition(request, fmt: str, code: str):
    _county(request)
    category = _category(code)
    if category is None:
        raise Refused(404, _("Unknown service_code: %(code)s") % {"code": code[:40]})
    attributes = [
        {
            "variable": a.variable,
            "code": a.code,
            "datatype": a.datatype,
            "required": a.required,
            "datatype_description": a.datatype_description,
            "order": a.order,
            "description": a.description,
            "values": [{"key": v["key"], "name": v["name"]} for v in a.values],
        }
        for a in category.service_attributes.all()
    ]
    body = {"service_code": category.code, "attributes": attributes}
    return respond(fmt, "service_definition", body)


# --- Requests ---------------------------------------------------------------------------------


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


def _requests(county: Area):
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


def _reference(row: dict, tz=None) -> str:
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
            "service_request_id": _reference(row, self.tz),
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
            "lat": float(lat) if lat is not None else None,
            "long": float(lng) if lng is not None else None,
            "media_url": "",
        }


def _pk_of(reference: str) -> int | None:
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


def _list(request, fmt: str, county: Area):
    found = _requests(county)
    ids = [i for i in request.GET.get("service_request_id", "").split(",") if i.strip()]
    if ids:  # overrides every other parameter
        if len(ids) > MAX_RESULTS:
            raise Refused(400, _("Ask for at most 1000 service_request_id at once."))
        pks = [pk for pk in (_pk_of(i) for i in ids) if pk is not None]
        wanted = {i.strip() for i in ids}
        rows = found.filter(pk__in=pks).order_by("-created_at", "-pk")
        write = RequestWriter()
        body = [write(row) for row in rows if _reference(row) in wanted]
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


def _decimal(request, name: str) -> Decimal | None:
    raw = request.POST.get(name, "").strip()
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = None
    limit = 90 if name == "lat" else 180
    if value is None or not value.is_finite() or abs(value) > limit:
        message = _("%(name)s must be a number from -%(limit)d to %(limit)d.")
        raise Refused(400, message % {"name": name, "limit": limit})
    return value.quantize(Decimal("0.000001"))


def _place(request, county: Area) -> Area:
    lat, lng = _decimal(request, "lat"), _decimal(request, "long")
    address_id = request.POST.get("address_id", "").strip()
    address = request.POST.get("address_string", "").replace("\x00", "").strip()
    if (lat is None) != (lng is None):
        raise Refused(400, _("Give lat and long together."))
    if lat is None and not address_id and not address:
        raise Refused(400, _("A location is required: lat and long, address_string or address_id."))
    try:
        if address_id:
            return locate.by_address_id(county, address_id)
        if address:
            return locate.by_address_string(county, address)
        return locate.by_point(county, lat, lng)
    except locate.NotPlaced:
        raise Refused(
            400,
            _(
                "The location is not a compound of this county: give the compound's name in "
                "address_string, or its address_id."
            ),
        ) from None


def _create(request, fmt: str, county: Area):
    key = ApiKey.valid(request.POST.get("api_key") or request.GET.get("api_key"))
    if key is None:
        raise Refused(403, _("A valid api_key is required to post a service request."))
    code = request.POST.get("service_code", "").strip()
    category = _category(code)
    if category is None:
        raise Refused(400, _("Unknown or missing service_code: %(code)s") % {"code": code[:40]})
    area = _place(request, county)
    try:
        attributes = checked_attributes(category, request.POST)
    except InvalidAttribute as exc:
        raise Refused(400, str(exc)) from None
    name = " ".join(
        request.POST.get(f, "").strip() for f in ("last_name", "first_name") if request.POST.get(f)
    )
    try:
        case = case_services.submit_case(
            actor=None,
            kind=Case.Kind.PROBLEM,
            category=category,
            title="",
            description=request.POST.get("description", ""),
            area=area,
            channel=Case.Channel.OPEN311,
            latitude=_decimal(request, "lat"),
            longitude=_decimal(request, "long"),
            address=request.POST.get("address_string", "").replace("\x00", "").strip(),
            requester_name=name.replace("\x00", "")[:50],
            requester_phone=request.POST.get("phone", "").replace("\x00", "").strip()[:20],
            event_data={"source": key.name, "attributes": attributes},
        )
    except CaseRefused as exc:
        raise Refused(400, str(exc.message)) from None
    body = [{"service_request_id": case.reference, "service_notice": "", "account_id": None}]
    return respond(fmt, "service_requests", body)


@_endpoint
@require_http_methods(["GET", "POST"])
def requests(request, fmt: str):
    county = _county(request)
    if request.method == "POST":
        return _create(request, fmt, county)
    return _list(request, fmt, county)


@_endpoint
@require_GET
def request_detail(request, fmt: str, reference: str):
    county = _county(request)
    pk = _pk_of(reference)
    row = _requests(county).filter(pk=pk).first() if pk else None
    if row is None or _reference(row) != reference.strip():
        raise Refused(404, _("No service request %(id)s.") % {"id": reference[:40]})
    return respond(fmt, "service_requests", [RequestWriter()(row)])
