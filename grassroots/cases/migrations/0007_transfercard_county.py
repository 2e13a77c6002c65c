"""Transfer cards are numbered per county: each card names its county (filled in by 0008 for
the cards numbered city-wide before) and keeps the county's short name it was printed with."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("areas", "0003_city_root"),
        ("cases", "0006_case_cases_case_updated_cd653a_idx_and_more"),
    ]

    operations = [
        # Undoing this step restores the city-wide constraint, which fails once two counties
        # hold the same serial of a year: that is the point past which numbers cannot go back.
        migrations.RemoveConstraint(model_name="transfercard", name="transfer_card_number"),
        migrations.AddField(
            model_name="transfercard",
            name="county",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="areas.area",
                verbose_name="county",
            ),
        ),
        migrations.AddField(
            model_name="transfercard",
            name="prefix",
            field=models.CharField(
                blank=True, default="", max_length=20, verbose_name="number prefix"
            ),
            preserve_default=False,
        ),
    ]
