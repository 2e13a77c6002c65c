"""Every certificate now has its county: the county is required and the number unique per
county (the city-wide uniqueness went in 0005, so this step can be undone and done again)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("areas", "0003_city_root"),
        ("volunteering", "0006_fill_certificate_county"),
    ]

    operations = [
        migrations.AlterField(
            model_name="certificate",
            name="county",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="areas.area",
                verbose_name="county",
            ),
        ),
        migrations.AddConstraint(
            model_name="certificate",
            constraint=models.UniqueConstraint(
                fields=("county", "number"), name="certificate_county_number"
            ),
        ),
    ]
