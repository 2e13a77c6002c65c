"""The tallies are keyed by area paths, which moved one step down when the city became the
tree's root: drop them, so the worker counts everything afresh (the dashboards count directly
meanwhile)."""

from django.db import migrations


def drop_tallies(apps, schema_editor):
    for name in ("CaseTally", "RateTally", "TallyState"):
        apps.get_model("dashboards", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("areas", "0003_city_root"), ("dashboards", "0001_initial")]

    operations = [migrations.RunPython(drop_tallies, migrations.RunPython.noop)]
