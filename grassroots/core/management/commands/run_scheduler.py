"""Queue the periodic jobs when they are due (`core.schedule`): as a service of its own
(`run_scheduler`, looking every ten seconds) or from a timer (`run_scheduler --once`)."""

import time

from django.core.management.base import BaseCommand

from grassroots.core import schedule


class Command(BaseCommand):
    help = "Queue the periodic jobs (overdue flags and the like) for the worker when they are due."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Queue what is due, then stop.")
        parser.add_argument("--every", type=int, default=10, help="Seconds between looks.")

    def handle(self, *args, once: bool = False, every: int = 10, **options):
        while True:
            for name in schedule.run_due():
                self.stdout.write(f"queued {name}")
            if once:
                return
            time.sleep(every)
