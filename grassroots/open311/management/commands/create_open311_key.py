from django.core.management.base import BaseCommand

from grassroots.open311.models import ApiKey


class Command(BaseCommand):
    help = "Issue an Open311 api_key for a city system and print it (it is shown only this once)."

    def add_arguments(self, parser):
        parser.add_argument("name", help="who will use the key, e.g. 12345热线")

    def handle(self, *args, name, **options):
        _key, raw = ApiKey.issue(name)
        self.stdout.write(raw)
