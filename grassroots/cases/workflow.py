"""The case state machine: its states, its actions, the one table of moves between them, and
which states count as open. Who may take an action is `permissions.WHO`.

Pure data and functions: no database access here.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")  # waiting for the community to triage
    ACCEPTED = "accepted", _("Accepted")  # triaged, waiting to be dispatched or published
    DISPATCHED = "dispatched", _("Dispatched")  # sent to a taker who has not accepted yet
    PUBLISHED = "published", _("Published for claiming")  # on the board for a provider to claim
    IN_PROGRESS = "in_progress", _("In progress")  # a taker is working on it
    HANDLED = "handled", _("Handled")  # the taker reports it done; waits for on-site verification
    REVISITING = "revisiting", _("Revisiting")  # verified; waits for the requester's rating
    CLOSED = "closed", _("Closed")  # rated and finished
    ANSWERED = "answered", _("Answered")  # answered directly, no taker needed
    REJECTED = "rejected", _("Rejected")  # not a matter for the platform, with a reason
    MERGED = "merged", _("Merged")  # a duplicate of another case
    WITHDRAWN = "withdrawn", _("Withdrawn")  # the requester or the community took it back


class Action(models.TextChoices):
    """Every step a case's timeline records; the value is what URLs, forms, API payloads, events
    and audit rows carry, the label how the step reads on the timeline."""

    SUBMIT = "submit", _("Reported")
    TRIAGE = "triage", _("Accepted for handling")
    REJECT = "reject", _("Rejected")
    ANSWER = "answer", _("Answered")
    MERGE = "merge", _("Merged")
    DISPATCH = "dispatch", _("Dispatched (吹哨派单)")
    PUBLISH = "publish", _("Published for claiming")
    CLAIM = "claim", _("Claimed (接单)")
    ACCEPT = "accept", _("Signed for (签收)")
    OBJECT = "object", _("Objected to the dispatch")
    REQUEST_EXTENSION = "request_extension", _("Asked for more time")
    DECIDE_EXTENSION = "decide_extension", _("Extension decided")
    ESCALATE = "escalate", _("Whistle blown (吹哨)")
    REPORT_IN = "report_in", _("Reported in (报到)")
    COMPLETE = "complete", _("Reported handled")
    VERIFY_OK = "verify_ok", _("Verified on site")
    VERIFY_FAIL = "verify_fail", _("Verification failed")
    RATE = "rate", _("Rated (回访)")
    REOPEN = "reopen", _("Reopened (重办)")
    SUPERVISE = "supervise", _("Supervised (督办)")
    WITHDRAW = "withdraw", _("Withdrawn")


S, A = Status, Action
# The one table of moves: action → (states it starts from, state it ends in); None keeps the
# state. Submitting starts from no state: a case comes into being submitted (services.submit_case).
MOVES: dict[Action, tuple[frozenset[Status], Status | None]] = {
    A.SUBMIT: (frozenset(), S.SUBMITTED),
    A.TRIAGE: (frozenset({S.SUBMITTED}), S.ACCEPTED),
    A.REJECT: (frozenset({S.SUBMITTED, S.ACCEPTED}), S.REJECTED),
    A.ANSWER: (frozenset({S.SUBMITTED, S.ACCEPTED}), S.ANSWERED),
    A.MERGE: (frozenset({S.SUBMITTED, S.ACCEPTED}), S.MERGED),
    A.DISPATCH: (frozenset({S.ACCEPTED}), S.DISPATCHED),
    A.PUBLISH: (frozenset({S.ACCEPTED}), S.PUBLISHED),
    A.CLAIM: (frozenset({S.PUBLISHED}), S.IN_PROGRESS),
    A.ACCEPT: (frozenset({S.DISPATCHED}), S.IN_PROGRESS),
    A.OBJECT: (frozenset({S.DISPATCHED}), S.ACCEPTED),
    A.REQUEST_EXTENSION: (frozenset({S.IN_PROGRESS}), None),
    A.DECIDE_EXTENSION: (frozenset({S.IN_PROGRESS}), None),
    A.ESCALATE: (frozenset({S.IN_PROGRESS}), None),
    A.REPORT_IN: (frozenset({S.IN_PROGRESS}), None),
    A.COMPLETE: (frozenset({S.IN_PROGRESS}), S.HANDLED),
    A.VERIFY_OK: (frozenset({S.HANDLED}), S.REVISITING),
    A.VERIFY_FAIL: (frozenset({S.HANDLED}), S.IN_PROGRESS),
    A.RATE: (frozenset({S.REVISITING}), S.CLOSED),
    A.REOPEN: (frozenset({S.CLOSED}), S.DISPATCHED),
    A.SUPERVISE: (frozenset({S.DISPATCHED, S.PUBLISHED, S.IN_PROGRESS, S.ACCEPTED}), None),
    # Not from handled or revisiting: once the taker reports it done, only the rating ends it.
    A.WITHDRAW: (
        frozenset({S.SUBMITTED, S.ACCEPTED, S.DISPATCHED, S.PUBLISHED, S.IN_PROGRESS}),
        S.WITHDRAWN,
    ),
}

# The actions taken on a case that exists (all but submitting): one form or operation each.
ON_A_CASE = tuple(a for a, (sources, _to) in MOVES.items() if sources)

# Groups every query uses (as FixMyStreet does): what counts as open, finished, and so on.
OPEN = frozenset(
    {S.SUBMITTED, S.ACCEPTED, S.DISPATCHED, S.PUBLISHED, S.IN_PROGRESS, S.HANDLED, S.REVISITING}
)
FINISHED = frozenset({S.CLOSED, S.ANSWERED, S.REJECTED, S.MERGED, S.WITHDRAWN})
WITH_TAKER = frozenset({S.DISPATCHED, S.IN_PROGRESS, S.HANDLED, S.REVISITING, S.CLOSED})
# Open311 calls everything open except these.
OPEN311_CLOSED = frozenset({S.CLOSED, S.REJECTED, S.WITHDRAWN, S.MERGED, S.ANSWERED})


def allowed(action: str, status: str) -> bool:
    """Whether `action` may be taken on a case in `status`."""
    sources, _target = MOVES[Action(action)]
    return status in sources


def target(action: str, status: str) -> str:
    """The state a case in `status` ends in after `action`."""
    return MOVES[Action(action)][1] or status
