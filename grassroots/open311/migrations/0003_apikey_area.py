"""An Open311 key posts into one area: a county, or the city for a city-wide system.

Existing keys were city-wide in effect; they get the deployment's county when there is exactly
one (nothing changes for them), else the city (they keep reaching every county)."""

import django.db.models.deletion
from django.db import migrations, models


def scope_existing_keys(apps, schema_editor):
    ApiKey = apps.get_model("open311", "ApiKey")
    Area = apps.get_model("areas", "Area")
    keys = ApiKey.objects.filter(area=None)
    if not keys.exists():
        return
    counties = list(Area.objects.filter(level="county").order_by("path")[:2])
    area = counties[0] if len(counties) == 1 else None
    area = area or Area.objects.filter(level="city").order_by("path").first()
    if area is None:
        # No area tree at all: no compound exists, so these keys could never place a request.
        # They are removed (the column cannot stay empty) and are issued again once the tree
        # is loaded.
        keys.delete()
        return
    keys.update(area=area)


FIELD = {
    "help_text": "Where the key may post requests: a county, or the city for a city-wide key.",
    "limit_choices_to": {"level__in": ["city", "county"]},
    "on_delete": django.db.models.deletion.PROTECT,
    "related_name": "+",
    "to": "areas.area",
    "verbose_name": "county or city",
}


class Migration(migrations.Migration):
    dependencies = [("areas", "0003_city_root"), ("open311", "0002_service_attributes")]

    operations = [
        migrations.AddField(
            model_name="apikey", name="area", field=models.ForeignKey(null=True, **FIELD)
        ),
        migrations.RunPython(scope_existing_keys, migrations.RunPython.noop),
        migrations.AlterField(model_name="apikey", name="area", field=models.ForeignKey(**FIELD)),
    ]
