from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from grassroots.areas.models import Area
from grassroots.core.audit import record_audit
from grassroots.open311.models import ApiKey


class Command(BaseCommand):
    help = (
        "Issue an Open311 api_key for a system posting into one county (or the whole city) and "
        "print it (it is shown only this once)."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="who will use the key, e.g. 12345热线")
        where = parser.add_mutually_exclusive_group()
        where.add_argument(
            "--county",
            metavar="CODE",
            help="statistical code of the county the key posts into (the city's code makes a "
            "city-wide key); may be left out when the deployment has exactly one county",
        )
        where.add_argument("--city", action="store_true", help="a city-wide key")

    def handle(self, *args, name, county, city, **options):
        area = _area(code=county, city=city)
        key, raw = ApiKey.issue(name, area)
        record_audit(actor=None, action="change", target=key, detail={"issued_for": area.name})
        self.stdout.write(raw)


def _area(*, code: str | None, city: bool) -> Area:
    """The county (or city) a new key posts into."""
    if city:
        found = Area.objects.filter(level=Area.Level.CITY).order_by("path").first()
        if found is None:
            raise CommandError(_("There is no city in the area tree yet: load the areas first."))
        return found
    if code:
        levels = [Area.Level.COUNTY, Area.Level.CITY]
        found = Area.objects.filter(code=code, level__in=levels).first()
        if found is None:
            raise CommandError(
                _("No county or city has the statistical code %(code)s.") % {"code": code}
            )
        return found
    counties = list(Area.objects.filter(level=Area.Level.COUNTY)[:2])
    if not counties:
        raise CommandError(_("There is no county in the area tree yet: load the areas first."))
    if len(counties) > 1:
        raise CommandError(
            _(
                "The deployment has several counties: name the one the key posts into with "
                "--county CODE (its statistical code), or give --city for a city-wide key."
            )
        )
    return counties[0]
