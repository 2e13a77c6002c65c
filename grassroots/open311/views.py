"""Open311 GeoReport v2 at /open311/v2/: discovery and the service list (problem categories)."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from grassroots.areas.models import Area
from grassroots.cases.models import Category
from grassroots.open311.render import errors, respond

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-29T00:00:00+08:00"  # when this endpoint's behaviour last changed


def _jurisdiction_error(request, fmt: str):
    """`jurisdiction_id` is optional; when given it must be the county's statistical code."""
    given = request.GET.get("jurisdiction_id") or request.POST.get("jurisdiction_id")
    if given and not Area.objects.filter(level=Area.Level.COUNTY, code=given).exists():
        return errors(fmt, 404, _("Unknown jurisdiction_id: %(id)s") % {"id": given})
    return None


@login_not_required
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
    }
    return respond(fmt, "discovery", body)


@login_not_required
@require_GET
def services(request, fmt: str):
    refused = _jurisdiction_error(request, fmt)
    if refused:
        return refused
    body = [
        {
            "service_code": c.code,
            "service_name": c.name,
            "description": c.description,
            "metadata": False,
            "type": "realtime",
            "keywords": "",
            "group": _("Resident demands"),
        }
        for c in Category.objects.filter(active=True)
    ]
    return respond(fmt, "services", body)
