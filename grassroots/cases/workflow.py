"""The case state machine: states, who may move a case where, and which states count as open.

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


S = Status
# action → (states it starts from, state it ends in); None keeps the state.
TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    "triage": (frozenset({S.SUBMITTED}), S.ACCEPTED),
    "reject": (frozenset({S.SUBMITTED, S.ACCEPTED}), S.REJECTED),
    "answer": (frozenset({S.SUBMITTED, S.ACCEPTED}), S.ANSWERED),
    "merge": (frozenset({S.SUBMITTED, S.ACCEPTED}), S.MERGED),
    "dispatch": (frozenset({S.ACCEPTED}), S.DISPATCHED),
    "publish": (frozenset({S.ACCEPTED}), S.PUBLISHED),
    "claim": (frozenset({S.PUBLISHED}), S.IN_PROGRESS),
    "accept": (frozenset({S.DISPATCHED}), S.IN_PROGRESS),
    "object": (frozenset({S.DISPATCHED}), S.ACCEPTED),
    "request_extension": (frozenset({S.IN_PROGRESS}), None),
    "decide_extension": (frozenset({S.IN_PROGRESS}), None),
    "escalate": (frozenset({S.IN_PROGRESS}), None),
    "report_in": (frozenset({S.IN_PROGRESS}), None),
    "complete": (frozenset({S.IN_PROGRESS}), S.HANDLED),
    "verify_ok": (frozenset({S.HANDLED}), S.REVISITING),
    "verify_fail": (frozenset({S.HANDLED}), S.IN_PROGRESS),
    "rate": (frozenset({S.REVISITING}), S.CLOSED),
    "reopen": (frozenset({S.CLOSED}), S.DISPATCHED),
    "supervise": (frozenset({S.DISPATCHED, S.PUBLISHED, S.IN_PROGRESS, S.ACCEPTED}), None),
    "withdraw": (
        frozenset({S.SUBMITTED, S.ACCEPTED, S.DISPATCHED, S.PUBLISHED, S.IN_PROGRESS}),
        S.WITHDRAWN,
    ),
}

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
    sources, _target = TRANSITIONS[action]
    return status in sources


def target(action: str, status: str) -> str:
    """The state a case in `status` ends in after `action`."""
    return TRANSITIONS[action][1] or status


# How each action reads on a case's timeline.
ACTION_LABELS = {
    "submit": _("Reported"),
    "triage": _("Accepted for handling"),
    "reject": _("Rejected"),
    "answer": _("Answered"),
    "merge": _("Merged"),
    "dispatch": _("Dispatched (吹哨派单)"),
    "publish": _("Published for claiming"),
    "claim": _("Claimed (接单)"),
    "accept": _("Signed for (签收)"),
    "object": _("Objected to the dispatch"),
    "request_extension": _("Asked for more time"),
    "decide_extension": _("Extension decided"),
    "escalate": _("Whistle blown (吹哨)"),
    "report_in": _("Reported in (报到)"),
    "complete": _("Reported handled"),
    "verify_ok": _("Verified on site"),
    "verify_fail": _("Verification failed"),
    "rate": _("Rated (回访)"),
    "reopen": _("Reopened (重办)"),
    "supervise": _("Supervised (督办)"),
    "withdraw": _("Withdrawn"),
}
