from django.core.management.base import BaseCommand

from grassroots.cases.tasks import confirm_hours_after_silence, flag_overdue_cases


class Command(BaseCommand):
    help = (
        "Queue the periodic tasks: flag overdue cases, confirm service-order hours after the "
        "silence period (run every few minutes; `make run` does)."
    )

    def handle(self, *args, **options):
        for periodic in (flag_overdue_cases, confirm_hours_after_silence):
            result = periodic.enqueue()
            self.stdout.write(f"queued {result.id}")
