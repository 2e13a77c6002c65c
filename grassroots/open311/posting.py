"""Posting an Open311 service request: the api_key, the county it may post into, the service,
the place and the answers to the service's questions, then `submit_case` with no actor."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from grassroots.areas.models import Area
from grassroots.cases import services as case_services
from grassroots.cases.errors import CaseRefused
from grassroots.cases.models import Case, Category
from grassroots.open311 import locate
from grassroots.open311.attributes import InvalidAttribute, checked_attributes
from grassroots.open311.jurisdiction import Refused, jurisdiction_county
from grassroots.open311.models import ApiKey
from grassroots.open311.render import respond


def active_category(code: str) -> Category | None:
    return Category.objects.filter(code=code, active=True).first() if code else None


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
        assert lat is not None and lng is not None  # both given, or neither (refused above)
        return locate.by_point(county, lat, lng)
    except locate.NotPlaced:
        raise Refused(
            400,
            _(
                "The location is not a compound of this county: give the compound's name in "
                "address_string, or its address_id."
            ),
        ) from None


def _key_may_post(key: ApiKey, area: Area) -> None:
    """A key posts only into its own area. 403, not 400: the specification answers 403 for a
    missing or wrong api_key, and a key issued for another county is the wrong key for this
    jurisdiction (the same request with the right key would be taken)."""
    if not key.covers(area):
        message = _("This api_key is for %(own)s; it cannot post into %(county)s.")
        raise Refused(403, message % {"own": key.area.name, "county": area.name})


def _service(request) -> Category:
    """The service asked for: missing is a bad request (400), unknown is not found (404), as the
    specification's table for POST Service Request says."""
    code = request.POST.get("service_code", "").strip()
    if not code:
        raise Refused(400, _("service_code is required: take one from services.json."))
    category = active_category(code)
    if category is None:
        raise Refused(404, _("Unknown service_code: %(code)s") % {"code": code[:40]})
    return category


def create_request(request, fmt: str):
    """POST requests: the key first (403), then the jurisdiction it may post into (a county key
    names its county when jurisdiction_id is left out), the service, the place, the answers."""
    key = ApiKey.valid(request.POST.get("api_key") or request.GET.get("api_key"))
    if key is None:
        raise Refused(403, _("A valid api_key is required to post a service request."))
    own = key.area if key.area.level == Area.Level.COUNTY else None
    county = jurisdiction_county(request, default=own)
    _key_may_post(key, county)
    category = _service(request)
    # The place is looked for in the jurisdiction only: a location in another county is not
    # one of this county's compounds (400, whatever the key), so nothing lands outside it.
    area = _place(request, county)
    _key_may_post(key, area)
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
