"""Who reads which dashboard: the readers of an area's overview (`areas.permissions`, the same
as the double-reporting coverage pages), each over the areas of their roles — the city for the
city's roles, a county, a street, a community; someone holding several areas reads them summed
(never the area above them)."""

from grassroots.areas.models import Area
from grassroots.areas.permissions import access_overview, overview_roots
from grassroots.areas.places import Places

CITY = "city"  # ?area=city: the city's own dashboard, for those who hold the city


def access_dashboard_area(user, asked: str | None) -> Area | Places:
    """The area asked for (?area=12, or several: ?area=12,15) within the user's areas, else
    all of them (the city for the city's roles). ?area=city names the city for its readers.
    Anything else is a 404."""
    if asked == CITY:
        city = next((r for r in overview_roots(user) if r.level == Area.Level.CITY), None)
        asked = str(city.pk) if city else "0"
    return access_overview(user, asked)
