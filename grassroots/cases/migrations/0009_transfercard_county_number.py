"""Every card now has its county: the county is required and the number unique per county
(the city-wide constraint went in 0007, so this one can be undone and done again)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("areas", "0003_city_root"), ("cases", "0008_fill_transfercard_county")]

    operations = [
        migrations.AlterField(
            model_name="transfercard",
            name="county",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="areas.area",
                verbose_name="county",
            ),
        ),
        migrations.AddConstraint(
            model_name="transfercard",
            constraint=models.UniqueConstraint(
                fields=("county", "year", "serial"), name="transfer_card_county_number"
            ),
        ),
    ]
