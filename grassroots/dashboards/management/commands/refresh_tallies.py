"""Keep the dashboards' pre-counted case figures fresh: `refresh_tallies --every 30` runs as a
worker next to the web server (`make run` starts it); without `--every` it counts once."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from grassroots.dashboards.tallies import refresh


class Command(BaseCommand):
    help = "Recount the dashboards' case figures (once, or every --every seconds)."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=0, help="seconds between counts")

    def handle(self, *args, every, **options):
        if every < 0:
            raise CommandError("--every cannot be negative.")
        while True:
            close_old_connections()
            try:
                state = refresh()
                kind = "full" if state.full_at == state.refreshed_at else "changed communities"
                self.stdout.write(f"tallies counted ({kind}) in {state.took_ms} ms")
            except Exception as error:  # a failed count leaves the last one; the next tries again
                if not every:
                    raise
                self.stderr.write(f"tallies not counted: {error!r}")
            if not every:
                return
            self.stdout.flush()
            time.sleep(every)
