"""A demand comes in: submitted, then triaged — accepted, rejected, answered or merged."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area
from grassroots.cases import selectors
from grassroots.cases.errors import FORBIDDEN, CaseRefused
from grassroots.cases.models import DESCRIPTION_MAX, Case, Category, Event
from grassroots.cases.services.moving import attach, move, requester_users, required, tell
from grassroots.cases.workflow import Action, Status
from grassroots.core.audit import record_audit
from grassroots.volunteering.services import void_order_hours


@transaction.atomic
def submit_case(
    *,
    actor,
    kind: str,
    category: Category,
    title: str,
    description: str,
    area: Area,
    channel: str = Case.Channel.RESIDENT,
    photos=(),
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    address: str = "",
    requester_name: str = "",
    requester_phone: str = "",
    hide_requester: bool = False,
    event_data: dict | None = None,
    on_behalf: bool | None = None,
) -> Case:
    """Record a new demand from a resident, or on a resident's behalf by a grid worker or desk.

    Through Open311 the actor is None: a city system holding an api key (named in `event_data`)
    may place a demand anywhere in the county. A resident writing on the wish wall or answering
    a questionnaire speaks for themselves (`on_behalf=False`); every other channel but the
    resident's own is someone recording for a resident.
    """
    description = _description(description)
    if area.level not in (Area.Level.COMPOUND, Area.Level.BUILDING):
        raise CaseRefused("invalid", _("Choose a compound or a building."), {"area": []})
    on_behalf = _on_behalf(actor, area, channel, on_behalf)
    case = Case.objects.create(
        kind=kind,
        channel=channel,
        category=category,
        title=(title or "").strip()[:60] or description[:30],
        description=description,
        area=area,
        latitude=latitude,
        longitude=longitude,
        address=address[:200],
        hide_requester=hide_requester,
        urgent=category.urgent,
        **_requester_fields(actor, on_behalf, requester_name, requester_phone),
    )
    if photos:
        attach(case, photos, "report", actor)
    event = _record_submission(case, actor, event_data or {})
    tell(selectors.staff_for(case), case, event, _("New demand to triage"))
    return case


def _description(text: str) -> str:
    text = required(text, "description", _("Describe the matter."))
    if len(text) > DESCRIPTION_MAX:
        message = _("The description is %(length)d characters long; at most %(max)d are allowed.")
        message %= {"length": len(text), "max": DESCRIPTION_MAX}
        raise CaseRefused("invalid", message, {"description": [message]})
    return text


def _on_behalf(actor, area: Area, channel: str, on_behalf: bool | None) -> bool:
    """Whether the actor records the demand for someone else, once they may: a city system
    (no actor) through Open311 anywhere, a person for a resident only in their own area."""
    if on_behalf is None:
        on_behalf = channel != Case.Channel.RESIDENT
    system = channel == Case.Channel.OPEN311
    if system and actor is not None:
        raise CaseRefused("forbidden", FORBIDDEN)
    if on_behalf and not (system or scope_of(actor).covers(area)):
        raise CaseRefused("forbidden", _("You can record demands only for your own area."))
    return on_behalf


def _requester_fields(actor, on_behalf: bool, name: str, phone: str) -> dict:
    """Who asked: the resident named by whoever records for them, or the actor themselves."""
    if on_behalf:
        return {
            "requester": None,
            "requester_name": name,
            "requester_phone": phone,
            "recorded_by": actor,
        }
    return {
        "requester": actor,
        "requester_name": actor.get_full_name(),
        "requester_phone": actor.mobile or "",
        "recorded_by": None,
    }


def _record_submission(case: Case, actor, data: dict) -> Event:
    event = Event.objects.create(
        case=case, actor=actor, action=Action.SUBMIT, to_status=case.status, data=data
    )
    detail = {"action": Action.SUBMIT.value, **data}
    record_audit(actor=actor, action="change", target=case, detail=detail)
    return event


@transaction.atomic
def triage_case(
    *,
    actor,
    case: Case,
    urgent: bool | None = None,
    complex: bool | None = None,
    category: Category | None = None,
    note: str = "",
) -> Case:
    """Accept a demand as the platform's business, optionally correcting category and urgency."""
    fields: dict[str, object] = {}
    if urgent is not None:
        fields["urgent"] = urgent
    if complex is not None:
        fields["complex"] = complex
    if category is not None:
        fields["category"] = category
    move(case, actor=actor, action=Action.TRIAGE, note=note, **fields)
    return case


@transaction.atomic
def reject_case(*, actor, case: Case, reason: str) -> Case:
    """Turn a demand away, telling the requester why."""
    reason = required(reason, "reason", _("Give the reason for rejecting."))
    event = move(case, actor=actor, action=Action.REJECT, note=reason, closed_at=timezone.now())
    void_order_hours(actor=actor, case_id=case.pk)  # a reopened order turned away: never served
    tell(requester_users(case), case, event, _("Your demand was not accepted"))
    return case


@transaction.atomic
def answer_case(*, actor, case: Case, answer: str) -> Case:
    """Answer a question directly: no taker needed."""
    answer = required(answer, "answer", _("Write the answer."))
    event = move(case, actor=actor, action=Action.ANSWER, note=answer, closed_at=timezone.now())
    tell(requester_users(case), case, event, _("Your demand was answered"))
    return case


@transaction.atomic
def merge_case(*, actor, case: Case, into: Case, note: str = "") -> Case:
    """Close a duplicate into the case it repeats."""
    if into.pk == case.pk or into.status == Status.MERGED:
        raise CaseRefused("invalid", _("Choose another case that is not itself merged."))
    if not scope_of(actor).covers(into.area):
        raise CaseRefused("forbidden", FORBIDDEN)
    event = move(
        case,
        actor=actor,
        action=Action.MERGE,
        note=note,
        duplicate_of=into,
        closed_at=timezone.now(),
        data={"into": into.pk},
    )
    tell(requester_users(case), case, event, _("Your demand was merged with an earlier one"))
    return case
