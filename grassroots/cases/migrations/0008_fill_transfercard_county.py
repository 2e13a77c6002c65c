"""The county of each card numbered before: the county above the card's community (its path
cut after the county's step). The cards keep an empty prefix: they were printed without one,
and their city-wide serials never repeat within a county, so the county's sequence simply
continues after its highest."""

from django.db import migrations


def county_path(path: str, depth: int) -> str:
    """The path cut at the county's depth (2: under the city); a city's own path stays whole."""
    step = len(path) // depth
    return path[: 2 * step]


def fill_card_counties(apps, schema_editor):
    TransferCard = apps.get_model("cases", "TransferCard")
    Area = apps.get_model("areas", "Area")
    communities = (
        TransferCard.objects.filter(county=None)
        .values_list("community_id", "community__path", "community__depth")
        .distinct()
    )
    for community_id, path, depth in list(communities):
        county = Area.objects.get(path=county_path(path, depth))
        TransferCard.objects.filter(county=None, community_id=community_id).update(county=county)


class Migration(migrations.Migration):
    dependencies = [("areas", "0003_city_root"), ("cases", "0007_transfercard_county")]

    operations = [migrations.RunPython(fill_card_counties, migrations.RunPython.noop)]
