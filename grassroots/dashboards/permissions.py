"""Who reads which dashboard: the readers and areas of the double-reporting coverage pages
(`offers.permissions`), and the city — every county at once — for someone who reads several."""

from django.http import Http404

from grassroots.areas.models import Area
from grassroots.offers.permissions import access_coverage_area, coverage_roots

CITY = "city"


def reads_city(user) -> bool:
    return len(coverage_roots(user)) > 1


def access_dashboard_area(user, asked: str | None) -> Area | None:
    """The county, street or community asked for (?area=) within the user's scope, else the
    top of it; `None` for the city (?area=city, and the default for someone who reads several
    counties). Anything else is a 404."""
    several = reads_city(user)
    if asked == CITY or (not asked and several):
        if not several:
            raise Http404
        return None
    return access_coverage_area(user, asked)
