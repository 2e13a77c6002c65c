"""The tree's root becomes the city: a city level above the counties, and an existing tree of
county roots is moved under one city root (every path gains the root's step, every depth one).

The city's name is not known here; it is taken from a county's statistical code where one is
known (the city's code is the county's first four digits), and can be renamed in the back office
(the demo loader names 运城市)."""

from django.db import migrations, models
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr

STEP = "0001"


def city_above_counties(apps, schema_editor):
    Area = apps.get_model("areas", "Area")
    roots = Area.objects.filter(depth=1)
    if not roots.exists() or roots.filter(level="city").exists():
        return
    count = roots.count()
    code = roots.exclude(code=None).order_by("path").values_list("code", flat=True).first()
    # Two steps, so that no row's new path can meet another row's old one mid-update.
    Area.objects.update(path=Concat(Value("~"), F("path")), depth=F("depth") + 1)
    Area.objects.update(path=Concat(Value(STEP), Substr("path", 2)))
    city_code = f"{code[:4]}00000000" if code else None
    if city_code and Area.objects.filter(code=city_code).exists():
        city_code = None
    Area.objects.create(
        path=STEP, depth=1, numchild=count, name="本市", level="city", code=city_code
    )


def counties_back_to_roots(apps, schema_editor):
    Area = apps.get_model("areas", "Area")
    Area.objects.filter(depth=1, level="city").delete()
    Area.objects.update(path=Substr("path", len(STEP) + 1), depth=F("depth") - 1)


class Migration(migrations.Migration):
    dependencies = [("areas", "0002_area_location")]

    operations = [
        migrations.AlterField(
            model_name="area",
            name="level",
            field=models.CharField(
                choices=[
                    ("city", "City"),
                    ("county", "County"),
                    ("street", "Street / town"),
                    ("community", "Community / village"),
                    ("compound", "Compound"),
                    ("building", "Building / lane"),
                ],
                db_index=True,
                max_length=10,
                verbose_name="level",
            ),
        ),
        migrations.RunPython(city_above_counties, counties_back_to_roots),
    ]
