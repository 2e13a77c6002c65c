"""Build a prefecture city around the demo county, for the dashboards' benchmark:
`generate_city` (13 counties, 2,000,000 cases over 3 years, 100,000 party members, 10,000
volunteers with their activity). Run it after `seed_demo`; running it again adds only what is
missing."""

import time

from django.core.management.base import BaseCommand, CommandError

from grassroots.demo.city import generate_city


class Command(BaseCommand):
    help = "Build a 13-county city of synthetic load around the demo county (for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=2_000_000)
        parser.add_argument("--members", type=int, default=100_000)
        parser.add_argument("--volunteers", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, cases, members, volunteers, seed, **options):
        if min(cases, members, volunteers) < 0:
            raise CommandError("--cases, --members and --volunteers cannot be negative.")
        began = time.monotonic()

        def say(line: str) -> None:
            self.stdout.write(f"[{time.monotonic() - began:6.0f} s] {line}")
            self.stdout.flush()

        try:
            generate_city(cases=cases, members=members, volunteers=volunteers, seed=seed, say=say)
        except ValueError as error:
            raise CommandError(str(error)) from error
