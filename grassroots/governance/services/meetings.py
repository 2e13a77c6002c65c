"""Deliberation (议事): a compound's meetings with who attended, the decisions and their votes,
and a passed decision's follow-up demand, which goes through the pipeline like any other."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from grassroots.areas.models import Area
from grassroots.cases import services as case_services
from grassroots.cases.models import Case, Category
from grassroots.core.audit import record_audit
from grassroots.governance import permissions
from grassroots.governance.errors import GovernanceRefused
from grassroots.governance.models import Decision, Meeting
from grassroots.governance.services.checks import forbid, require_compound


@transaction.atomic
def record_meeting(
    *,
    actor,
    compound: Area,
    title: str,
    held_at: dt.datetime,
    agenda: str,
    quorum: int,
    attendees=(),
    place: str = "",
    minutes: str = "",
    body=None,
) -> Meeting:
    require_compound(compound)
    forbid(permissions.can_keep(actor, compound))
    if not (title or "").strip() or not (agenda or "").strip():
        raise GovernanceRefused("invalid", _("Give the meeting a title and an agenda."))
    if quorum < 1:
        raise GovernanceRefused("invalid", _("The quorum is at least 1."), {"quorum": []})
    attendees = list(attendees)
    strangers = [p for p in attendees if not compound.holds(p.home_area)]
    if strangers:
        raise GovernanceRefused("invalid", _("Attendees are residents of the compound."))
    meeting = Meeting.objects.create(
        compound=compound,
        body=body,
        title=title.strip()[:100],
        held_at=held_at,
        place=place[:100],
        agenda=agenda.strip(),
        minutes=minutes.strip(),
        quorum=quorum,
        created_by=actor,
    )
    meeting.attendees.set(attendees)
    record_audit(actor=actor, action="create", target=meeting, detail={"attendees": len(attendees)})
    return meeting


def vote_passes(meeting: Meeting, votes_for: int, votes_against: int, votes_abstain: int) -> bool:
    """A decision passes when the meeting had its quorum and more than half of those who
    voted (for, against or abstaining) were for it."""
    cast = votes_for + votes_against + votes_abstain
    return meeting.attendees.count() >= meeting.quorum and cast > 0 and 2 * votes_for > cast


@transaction.atomic
def record_decision(
    *, actor, meeting: Meeting, text: str, votes_for: int, votes_against: int, votes_abstain: int
) -> Decision:
    forbid(permissions.can_keep(actor, meeting.compound))
    text = (text or "").strip()[:300]
    if not text:
        raise GovernanceRefused("invalid", _("Write down what was decided."), {"text": []})
    counts = (votes_for, votes_against, votes_abstain)
    if min(counts) < 0:
        raise GovernanceRefused("invalid", _("Votes cannot be negative."))
    if sum(counts) > meeting.attendees.count():
        raise GovernanceRefused(
            "invalid",
            _("%(cast)d votes from %(present)d attendees: recount.")
            % {"cast": sum(counts), "present": meeting.attendees.count()},
        )
    decision = Decision.objects.create(
        meeting=meeting,
        text=text,
        votes_for=votes_for,
        votes_against=votes_against,
        votes_abstain=votes_abstain,
        passed=vote_passes(meeting, *counts),
    )
    record_audit(
        actor=actor,
        action="create",
        target=decision,
        detail={"for": votes_for, "against": votes_against, "abstain": votes_abstain},
    )
    return decision


@transaction.atomic
def raise_follow_up(*, actor, decision: Decision, category: Category, description: str) -> Case:
    """A passed decision becomes a demand in the pipeline, recorded by the community."""
    meeting = decision.meeting
    forbid(permissions.can_keep(actor, meeting.compound))
    if not decision.passed:
        raise GovernanceRefused("invalid", _("Only a passed decision is followed up."))
    case = case_services.submit_case(
        actor=actor,
        kind=Case.Kind.NEED,
        category=category,
        title=decision.text[:60],
        description=description or decision.text,
        area=meeting.compound,
        channel=Case.Channel.DELIBERATION,
        requester_name=meeting.body.name if meeting.body else meeting.title[:50],
        event_data={"meeting": meeting.pk, "decision": decision.pk},
        on_behalf=True,
    )
    decision.cases.add(case)
    return case
