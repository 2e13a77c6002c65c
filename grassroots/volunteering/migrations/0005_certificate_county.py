"""Certificates are numbered per county of the holder's home: each names its county (filled in
by 0006 for the certificates numbered city-wide before)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("areas", "0003_city_root"),
        ("volunteering", "0004_starter_categories"),
    ]

    operations = [
        # Undoing this step makes numbers unique across the city again, which fails once two
        # counties hold the same number: that is the point past which numbers cannot go back.
        migrations.AlterField(
            model_name="certificate",
            name="number",
            field=models.CharField(max_length=20, verbose_name="number"),
        ),
        migrations.AddField(
            model_name="certificate",
            name="county",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="areas.area",
                verbose_name="county",
            ),
        ),
    ]
