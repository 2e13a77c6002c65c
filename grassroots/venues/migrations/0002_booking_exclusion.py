"""On PostgreSQL, two active bookings of one room can never overlap: an exclusion constraint
over (room, [starts, ends)) with btree_gist. SQLite has no such constraint; there the booking
service's single conditional INSERT is the guard (SQLite runs one writer at a time)."""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    "ALTER TABLE venues_booking ADD CONSTRAINT booking_no_overlap EXCLUDE USING gist "
    "(room_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) WHERE (status = 'active')",
]
DROP = ["ALTER TABLE venues_booking DROP CONSTRAINT IF EXISTS booking_no_overlap"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("venues", "0001_initial")]
    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
