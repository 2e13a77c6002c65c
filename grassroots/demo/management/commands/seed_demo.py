from django.core.management.base import BaseCommand

from grassroots.demo.seed import seed_demo


class Command(BaseCommand):
    help = (
        "Load the demo county (夏县). Deterministic and idempotent: a second run changes nothing."
    )

    def handle(self, *args, **options):
        figures = seed_demo()
        self.stdout.write(
            "Demo county ready: {compounds} compounds, {units} units, {members} in-service party "
            "members, {residents} residents.".format(**figures)
        )
