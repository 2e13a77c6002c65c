from django.db import migrations

from grassroots.volunteering.categories import ensure_starter_categories


def add(apps, schema_editor):
    ensure_starter_categories(apps.get_model("volunteering", "TeamCategory"))


class Migration(migrations.Migration):
    dependencies = [("volunteering", "0003_activities")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
