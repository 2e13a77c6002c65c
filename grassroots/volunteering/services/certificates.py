"""Certificates: numbered per county of the holder's home over a period's confirmed hours."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.areas.models import Area
from grassroots.core.audit import record_audit
from grassroots.core.numbering import issue_numbered
from grassroots.volunteering import permissions
from grassroots.volunteering.errors import VolunteerRefused, require
from grassroots.volunteering.models import Certificate, Volunteer
from grassroots.volunteering.services.hours import total_hours


def _home_places(volunteer: Volunteer) -> dict[str, Area]:
    """The areas above (and at) the volunteer's home, by level."""
    path = volunteer.person.home_area.path
    prefixes = [path[:n] for n in range(Area.steplen, len(path) + 1, Area.steplen)]
    return {a.level: a for a in Area.objects.filter(path__in=prefixes)}


def _issuer(above: dict[str, Area]) -> str:
    """Who issues: the party-mass service centre of the community the volunteer lives in."""
    county = above[Area.Level.COUNTY].name if Area.Level.COUNTY in above else ""
    if Area.Level.COMMUNITY in above:
        return f"{county}{above[Area.Level.COMMUNITY].name}党群服务中心"
    return f"{county}志愿服务中心"


@transaction.atomic
def issue_certificate(*, actor, volunteer: Volunteer, start: dt.date, end: dt.date) -> Certificate:
    """Number (per county of the volunteer's home and year) and record a certificate of the
    confirmed hours served in [start, end]; the unique (county, number) settles a race."""
    require(volunteer.person.user_id == actor.pk or permissions.can_certify(actor, volunteer))
    if end < start:
        raise VolunteerRefused("invalid", _("The period ends before it starts."))
    hours, times = total_hours(volunteer.person_id, start, end)
    if not hours:
        raise VolunteerRefused("invalid", _("No confirmed hours in this period yet."))
    above = _home_places(volunteer)
    county = above.get(Area.Level.COUNTY) or above[Area.Level.CITY]
    head = f"ZY{timezone.localdate().year}"
    numbers = Certificate.objects.filter(county=county, number__startswith=head)

    def last() -> int | None:
        number = numbers.order_by("-number").values_list("number", flat=True).first()
        return int(number.removeprefix(head)) if number else None

    certificate = issue_numbered(
        last=last,
        create=lambda serial: Certificate.objects.create(
            number=f"{head}{serial:06d}",
            county=county,
            volunteer=volunteer,
            holder_name=volunteer.person.name,
            issuer=_issuer(above),
            period_start=start,
            period_end=end,
            hours=hours,
            services=times,
        ),
    )
    if certificate is None:
        raise VolunteerRefused("conflict", _("Could not number the certificate; try again."))
    record_audit(actor=actor, action="change", target=certificate, detail={"action": "issue"})
    return certificate
