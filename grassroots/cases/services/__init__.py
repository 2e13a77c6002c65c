"""Every write on a case: one function per transition, each leaving an event and an audit line,
by stage — `intake` (submit, triage), `routing` (finding a taker), `handling` (while in hand),
`closing` (rating, reopening, withdrawal, supervision, overdue flags, silent hours); `moving`
holds how each of them moves a case. Notifications are written in the same transaction;
e-mails leave after commit. Callers import the services from here."""

from grassroots.cases.services.closing import (
    confirm_silent_hours,
    mark_overdue,
    rate_case,
    reopen_case,
    supervise_case,
    withdraw_case,
)
from grassroots.cases.services.handling import (
    complete_by_project,
    complete_case,
    decide_extension,
    escalate_case,
    report_in,
    request_extension,
    verify_case,
)
from grassroots.cases.services.intake import (
    answer_case,
    merge_case,
    reject_case,
    submit_case,
    triage_case,
)
from grassroots.cases.services.routing import (
    accept_case,
    claim_case,
    dispatch_case,
    object_case,
    publish_case,
    publish_service_order,
)
from grassroots.cases.services.takers import Taker, claimant_for

__all__ = [
    "Taker",
    "accept_case",
    "answer_case",
    "claim_case",
    "claimant_for",
    "complete_by_project",
    "complete_case",
    "confirm_silent_hours",
    "decide_extension",
    "dispatch_case",
    "escalate_case",
    "mark_overdue",
    "merge_case",
    "object_case",
    "publish_case",
    "publish_service_order",
    "rate_case",
    "reject_case",
    "reopen_case",
    "report_in",
    "request_extension",
    "submit_case",
    "supervise_case",
    "triage_case",
    "verify_case",
    "withdraw_case",
]
