"""Service-order hours count once confirmed. Every line already in the ledger was counted, so it
stays counted: confirmed as of the moment it was recorded. New lines start pending."""

from django.db import migrations, models
from django.db.models import F


def confirm_existing(apps, schema_editor):
    ServiceRecord = apps.get_model("volunteering", "ServiceRecord")
    ServiceRecord.objects.update(status="confirmed", confirmed_at=F("created_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0009_transfercard_county_number"),
        ("people", "0001_initial"),
        ("volunteering", "0007_certificate_county_number"),
    ]

    operations = [
        migrations.AddField(
            model_name="servicerecord",
            name="confirmed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="confirmed"),
        ),
        migrations.AddField(
            model_name="servicerecord",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "Awaiting confirmation"),
                    ("confirmed", "Confirmed"),
                    ("void", "Void"),
                ],
                default="confirmed",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(confirm_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="servicerecord",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "Awaiting confirmation"),
                    ("confirmed", "Confirmed"),
                    ("void", "Void"),
                ],
                default="pending",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AddConstraint(
            model_name="servicerecord",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("confirmed_at__isnull", False), ("status", "confirmed")),
                    models.Q(
                        models.Q(("status", "confirmed"), _negated=True),
                        ("confirmed_at__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="service_record_confirmed_at",
            ),
        ),
    ]
