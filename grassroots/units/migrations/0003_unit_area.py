"""A unit belongs to a county or to the city (`area`, was `county`); its name and code are
unique within that area, so every county can have its own 县人民法院."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("areas", "0003_city_root"), ("units", "0002_pairing")]

    operations = [
        migrations.RenameField(model_name="unit", old_name="county", new_name="area"),
        migrations.AlterField(
            model_name="unit",
            name="area",
            field=models.ForeignKey(
                help_text="The county the unit belongs to, or the city for a city bureau.",
                limit_choices_to={"level__in": ["city", "county"]},
                on_delete=django.db.models.deletion.PROTECT,
                related_name="units",
                to="areas.area",
                verbose_name="county or city",
            ),
        ),
        migrations.AlterField(
            model_name="unit", name="name", field=models.CharField(max_length=100, verbose_name="name")
        ),
        migrations.AlterField(
            model_name="unit", name="code", field=models.CharField(max_length=40, verbose_name="code")
        ),
        migrations.AlterField(
            model_name="unit",
            name="kind",
            field=models.CharField(
                choices=[
                    ("county_department", "County department or unit"),
                    ("city_department", "City department or unit"),
                    ("stationed", "Unit stationed in the community"),
                    ("enterprise", "Enterprise"),
                    ("social", "Social organisation"),
                ],
                default="county_department",
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.AddConstraint(
            model_name="unit",
            constraint=models.UniqueConstraint(fields=("area", "name"), name="unit_name_in_area"),
        ),
        migrations.AddConstraint(
            model_name="unit",
            constraint=models.UniqueConstraint(fields=("area", "code"), name="unit_code_in_area"),
        ),
    ]
