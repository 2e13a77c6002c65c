"""The refusal every Open311 endpoint answers in the specification's error shape, and the
jurisdiction a call is about.

The specification's status codes: 404 for what does not exist (a jurisdiction_id, a
service_code, a service_request_id), 403 for a missing or wrong api_key, and 400 for every
other request that cannot be fulfilled (a missing parameter, a bad value)."""

from django.utils.translation import gettext as _

from grassroots.areas.models import Area


class Refused(Exception):
    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status, self.description = status, description


def jurisdiction_county(request, *, default: Area | None = None) -> Area:
    """The county whose statistical code is `jurisdiction_id`; without one, `default` (a county
    key's own county), else the only county: with several, a caller must name one (400)."""
    given = request.GET.get("jurisdiction_id") or request.POST.get("jurisdiction_id")
    counties = Area.objects.filter(level=Area.Level.COUNTY)
    if given:
        county = counties.filter(code=given).first()
        if county is None:
            raise Refused(404, _("Unknown jurisdiction_id: %(id)s") % {"id": given[:40]})
        return county
    if default is not None:
        return default
    found = list(counties[:2])
    if len(found) != 1:
        raise Refused(400, _("jurisdiction_id is required: give the county's statistical code."))
    return found[0]
