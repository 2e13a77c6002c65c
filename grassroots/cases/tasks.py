from django.tasks import task

from grassroots.cases.services import mark_overdue


@task
def flag_overdue_cases() -> int:
    """Scheduled every few minutes: set the overdue flag on cases past their deadlines."""
    return mark_overdue()
