from django.db import migrations

from grassroots.governance.criteria import ensure_criteria_sets


def add(apps, schema_editor):
    ensure_criteria_sets(
        apps.get_model("governance", "CriteriaSet"), apps.get_model("governance", "Criterion")
    )


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
