from django.core.management.base import BaseCommand

from grassroots.cases.tasks import flag_overdue_cases


class Command(BaseCommand):
    help = "Queue the task that flags overdue cases (run every few minutes; `make run` does)."

    def handle(self, *args, **options):
        result = flag_overdue_cases.enqueue()
        self.stdout.write(f"queued {result.id}")
