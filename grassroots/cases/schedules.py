"""The pipeline's periodic jobs (queued by `manage.py run_scheduler`, see core.schedule)."""

from grassroots.cases.tasks import confirm_hours_after_silence, flag_overdue_cases
from grassroots.core.schedule import periodic

periodic("flag_overdue_cases", every=300)(flag_overdue_cases.enqueue)
periodic("confirm_hours_after_silence", every=3600)(confirm_hours_after_silence.enqueue)
