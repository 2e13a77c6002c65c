from django.tasks import task

from grassroots.cases.services import confirm_silent_hours, mark_overdue


@task
def flag_overdue_cases() -> int:
    """Scheduled every few minutes: set the overdue flag on cases past their deadlines."""
    return mark_overdue()


@task
def confirm_hours_after_silence() -> int:
    """Scheduled with the overdue flags: service-order hours whose resident stayed silent for
    the silence period (`HOURS_SILENCE_DAYS`) after completion now count."""
    return confirm_silent_hours()
