"""Open311 GeoReport v2 at /open311/v2/, as the specification describes it.

Reads are public (the specification's choice; descriptions are published with mobile and ID
numbers masked, requesters never). Posting a request needs an `api_key` valid for the county.
Requests are cases of kind problem: the ids are the case references people quote on the phone
(e.g. 2026-000123). Reading is in `reading.py`, posting in `posting.py`.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from grassroots.cases.models import Category
from grassroots.open311.jurisdiction import Refused, jurisdiction_county
from grassroots.open311.models import ServiceAttribute
from grassroots.open311.posting import active_category, create_request
from grassroots.open311.reading import (
    RequestWriter,
    list_requests,
    pk_of,
    reference_of,
    requests_of,
)
from grassroots.open311.render import errors, respond

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-12-05T00:00:00+08:00"  # when this endpoint's behaviour last changed


def _endpoint(*methods: str):
    """Public, CSRF-free (callers are systems, not browsers), answering `methods` only, and
    every refusal in the specification's shape. Another method is a request the URL cannot
    fulfil: 400 by the specification's table (which knows no 405), with the Allow header."""

    def decorate(view):
        def wrapped(request, fmt: str, **kwargs):
            if request.method not in methods:
                message = _("This URL answers %(methods)s only.") % {"methods": ", ".join(methods)}
                response = errors(fmt, 400, message)
                response["Allow"] = ", ".join(methods)
                return response
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

    return decorate


@_endpoint("GET")
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


@_endpoint("GET")
def services(request, fmt: str):
    jurisdiction_county(request)
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


@_endpoint("GET")
def service_definition(request, fmt: str, code: str):
    jurisdiction_county(request)
    category = active_category(code)
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


@_endpoint("GET", "POST")
def requests(request, fmt: str):
    if request.method == "POST":
        return create_request(request, fmt)
    return list_requests(request, fmt, jurisdiction_county(request))


@_endpoint("GET")
def request_detail(request, fmt: str, reference: str):
    county = jurisdiction_county(request)
    pk = pk_of(reference)
    row = requests_of(county).filter(pk=pk).first() if pk else None
    if row is None or reference_of(row) != reference.strip():
        raise Refused(404, _("No service request %(id)s.") % {"id": reference[:40]})
    return respond(fmt, "service_requests", [RequestWriter()(row)])


@login_not_required
@csrf_exempt
def not_found(request, rest: str):
    """Anything else under /open311/v2/ (an unknown resource or format), in the error shape."""
    fmt = "xml" if rest.endswith(".xml") else "json"
    return errors(fmt, 404, _("No such Open311 resource: %(path)s") % {"path": rest[:80]})
