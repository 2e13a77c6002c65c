"""The county of each certificate issued before: the county above its holder's home (the home's
path cut after the county's step). Their numbers were unique city-wide, so they stay unique per
county, and each county's sequence continues after its highest."""

from django.db import migrations


def county_path(path: str, depth: int) -> str:
    """The path cut at the county's depth (2: under the city); a city's own path stays whole."""
    step = len(path) // depth
    return path[: 2 * step]


def fill_certificate_counties(apps, schema_editor):
    Certificate = apps.get_model("volunteering", "Certificate")
    Area = apps.get_model("areas", "Area")
    homes = Certificate.objects.filter(county=None).values_list(
        "pk", "volunteer__person__home_area__path", "volunteer__person__home_area__depth"
    )
    by_county: dict[str, list[int]] = {}
    for pk, path, depth in list(homes):
        by_county.setdefault(county_path(path, depth), []).append(pk)
    for path, pks in by_county.items():
        Certificate.objects.filter(pk__in=pks).update(county=Area.objects.get(path=path))


class Migration(migrations.Migration):
    dependencies = [
        ("areas", "0003_city_root"),
        ("people", "0001_initial"),
        ("volunteering", "0005_certificate_county"),
    ]

    operations = [migrations.RunPython(fill_certificate_counties, migrations.RunPython.noop)]
