"""Every write on a case: one function per transition, each leaving an event and an audit line.

Each transition checks the actor (permissions.can), then moves the case with one conditional
UPDATE that names the state it was read in: of two people racing, exactly one wins and the other
gets CaseRefused("conflict"). Notifications are written in the same transaction; e-mails leave
after commit.
"""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.accounts.models import Role
from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area
from grassroots.cases import selectors
from grassroots.cases.deadlines import deadlines_from, extended
from grassroots.cases.errors import FORBIDDEN, MOVED_ON, NOT_NOW, CaseRefused
from grassroots.cases.models import (
    DESCRIPTION_MAX,
    Assignment,
    Case,
    Category,
    Event,
    Extension,
    Supervision,
    TransferCard,
)
from grassroots.cases.permissions import refusal, taker_q
from grassroots.cases.workflow import Action, Status, allowed, target
from grassroots.core.audit import record_audit
from grassroots.core.numbering import issue_numbered
from grassroots.notifications.services import notify
from grassroots.party.models import PartyMember
from grassroots.units.models import Unit
from grassroots.units.selectors import serves, serving_paths
from grassroots.volunteering.models import Team


def _status_label(status: str) -> str:
    return str(Status(status).label)


def _check(actor, action: str, case: Case) -> None:
    """Refuse as `permissions.refusal` does: the one answer the page and the API also give."""
    refused = refusal(actor, action, case)
    if refused is not None:
        raise refused


def _move(case: Case, *, actor, action: str, note: str = "", data=None, **fields) -> Event:
    """Apply `action` to `case` if nobody changed it since it was read; record the event."""
    _check(actor, action, case)
    to = target(action, case.status)
    changed = Case.objects.filter(pk=case.pk, status=case.status).update(
        status=to, updated_at=timezone.now(), **fields
    )
    if not changed:
        current = Case.objects.filter(pk=case.pk).values_list("status", flat=True).first()
        raise CaseRefused("conflict", MOVED_ON % {"status": _status_label(current or case.status)})
    event = Event.objects.create(
        case=case,
        actor=actor,
        action=action,
        from_status=case.status,
        to_status=to,
        note=note,
        data=data or {},
    )
    record_audit(actor=actor, action="change", target=case, detail={"action": action, "to": to})
    case.refresh_from_db()
    return event


def _system_move(case: Case, action: str, **fields) -> Event:
    """A move the platform makes by rule, not a person: the state table still applies."""
    if not allowed(action, case.status):
        raise CaseRefused("conflict", NOT_NOW % {"status": _status_label(case.status)})
    to = target(action, case.status)
    changed = Case.objects.filter(pk=case.pk, status=case.status).update(
        status=to, updated_at=timezone.now(), **fields
    )
    if not changed:
        raise CaseRefused("conflict", MOVED_ON % {"status": _status_label(case.status)})
    event = Event.objects.create(
        case=case, action=action, from_status=case.status, to_status=to, data={"auto": True}
    )
    record_audit(actor=None, action="change", target=case, detail={"action": action, "to": to})
    case.refresh_from_db()
    return event


def _tell(users, case: Case, event: Event, title: str) -> None:
    notify(
        recipients=list(users),
        title=f"{case.reference} {title}",
        body=f"{case.title}\n{event.note}".strip(),
        url=f"/cases/{case.pk}/",
        key=f"case-event:{event.pk}",
    )


def _requester_users(case: Case):
    return [u for u in (case.requester,) if u is not None]


def _attach(case: Case, photos, stage: str, actor) -> None:
    """Attach photos; a bad photo refuses the whole action (the transaction rolls back)."""
    from django.core.exceptions import ValidationError

    from grassroots.cases.photos import attach_photos

    try:
        attach_photos(case=case, files=photos, stage=stage, actor=actor)
    except ValidationError as exc:
        raise CaseRefused("invalid", exc.messages[0], {"photos": exc.messages}) from exc


def _required(text: str, field: str, message) -> str:
    text = (text or "").replace("\x00", "").strip()
    if not text:
        raise CaseRefused("invalid", message, {field: [str(message)]})
    return text


# --- Submission -------------------------------------------------------------------------------


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
    description = _required(description, "description", _("Describe the matter."))
    if len(description) > DESCRIPTION_MAX:
        message = _("The description is %(length)d characters long; at most %(max)d are allowed.")
        message %= {"length": len(description), "max": DESCRIPTION_MAX}
        raise CaseRefused("invalid", message, {"description": [message]})
    title = (title or "").strip()[:60] or description[:30]
    if area.level not in (Area.Level.COMPOUND, Area.Level.BUILDING):
        raise CaseRefused("invalid", _("Choose a compound or a building."), {"area": []})
    if on_behalf is None:
        on_behalf = channel != Case.Channel.RESIDENT
    system = channel == Case.Channel.OPEN311
    if system and actor is not None:
        raise CaseRefused("forbidden", FORBIDDEN)
    in_scope = system or scope_of(actor).covers(area)
    if on_behalf and not in_scope:
        raise CaseRefused("forbidden", _("You can record demands only for your own area."))
    case = Case.objects.create(
        kind=kind,
        channel=channel,
        category=category,
        title=title,
        description=description,
        area=area,
        latitude=latitude,
        longitude=longitude,
        address=address[:200],
        requester=None if on_behalf else actor,
        requester_name=requester_name if on_behalf else actor.get_full_name(),
        requester_phone=requester_phone if on_behalf else (actor.mobile or ""),
        recorded_by=actor if on_behalf else None,
        hide_requester=hide_requester,
        urgent=category.urgent,
    )
    if photos:
        _attach(case, photos, "report", actor)
    event = Event.objects.create(
        case=case, actor=actor, action=Action.SUBMIT, to_status=case.status, data=event_data or {}
    )
    record_audit(
        actor=actor,
        action="change",
        target=case,
        detail={"action": Action.SUBMIT.value, **(event_data or {})},
    )
    _tell(selectors.staff_for(case), case, event, _("New demand to triage"))
    return case


# --- Triage -----------------------------------------------------------------------------------


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
    fields = {}
    if urgent is not None:
        fields["urgent"] = urgent
    if complex is not None:
        fields["complex"] = complex
    if category is not None:
        fields["category"] = category
    _move(case, actor=actor, action=Action.TRIAGE, note=note, **fields)
    return case


@transaction.atomic
def reject_case(*, actor, case: Case, reason: str) -> Case:
    """Turn a demand away, telling the requester why."""
    reason = _required(reason, "reason", _("Give the reason for rejecting."))
    event = _move(case, actor=actor, action=Action.REJECT, note=reason, closed_at=timezone.now())
    _tell(_requester_users(case), case, event, _("Your demand was not accepted"))
    return case


@transaction.atomic
def answer_case(*, actor, case: Case, answer: str) -> Case:
    """Answer a question directly: no taker needed."""
    answer = _required(answer, "answer", _("Write the answer."))
    event = _move(case, actor=actor, action=Action.ANSWER, note=answer, closed_at=timezone.now())
    _tell(_requester_users(case), case, event, _("Your demand was answered"))
    return case


@transaction.atomic
def merge_case(*, actor, case: Case, into: Case, note: str = "") -> Case:
    """Close a duplicate into the case it repeats."""
    if into.pk == case.pk or into.status == Status.MERGED:
        raise CaseRefused("invalid", _("Choose another case that is not itself merged."))
    if not scope_of(actor).covers(into.area):
        raise CaseRefused("forbidden", FORBIDDEN)
    event = _move(
        case,
        actor=actor,
        action=Action.MERGE,
        note=note,
        duplicate_of=into,
        closed_at=timezone.now(),
        data={"into": into.pk},
    )
    _tell(_requester_users(case), case, event, _("Your demand was merged with an earlier one"))
    return case


# --- Finding a taker: 吹哨派单, publishing, 接单 ----------------------------------------------


Taker = Unit | Team | PartyMember


def _taker_fields(taker: Taker) -> dict:
    if isinstance(taker, Unit):
        return {"unit": taker}
    if isinstance(taker, Team):
        return {"team": taker}
    if isinstance(taker, PartyMember):
        return {"member": taker}
    raise CaseRefused("invalid", _("Choose a unit, a volunteer team or a party member."))


def _assign(case: Case, taker: Taker, role: str) -> Assignment:
    try:
        with transaction.atomic():
            return Assignment.objects.create(case=case, role=role, **_taker_fields(taker))
    except IntegrityError as exc:  # the one-active-lead constraint: someone else got there first
        raise CaseRefused("conflict", MOVED_ON % {"status": _status_label(case.status)}) from exc


@transaction.atomic
def dispatch_case(
    *, actor, case: Case, lead: Taker, co_handlers=(), note: str = "", complex: bool | None = None
) -> TransferCard | None:
    """吹哨派单: send the case to one lead taker (and co-handlers) with working-time deadlines.

    A dispatch to a unit paired with the case's compound or community issues a transfer card.
    """
    if any(type(c) is type(lead) and c.pk == lead.pk for c in co_handlers):
        raise CaseRefused("invalid", _("The lead cannot also be a co-handler."))
    _check(actor, Action.DISPATCH, case)
    for taker in (lead, *co_handlers):
        _check_serves(taker, case)
    now = timezone.now()
    if complex is not None:
        case.complex = complex
    sign_due, handle_due = deadlines_from(case, now)
    fields = {
        "sign_due_at": sign_due,
        "handle_due_at": handle_due,
        "dispatched_at": now,
        "overdue": False,
    }
    if complex is not None:
        fields["complex"] = complex
    event = _move(
        case, actor=actor, action=Action.DISPATCH, note=note, data={"lead": str(lead)}, **fields
    )
    case.assignments.filter(active=True).update(active=False)
    _assign(case, lead, Assignment.Role.LEAD)
    for co in co_handlers:
        _assign(case, co, Assignment.Role.CO)
    card = None
    if isinstance(lead, Unit) and any(u.pk == lead.pk for u in selectors.paired_units(case)):
        card = _issue_card(case, lead, actor)
    _tell(selectors.takers_users(case), case, event, _("A demand was dispatched to you"))
    return card


def _check_serves(taker: Taker, case: Case) -> None:
    """A case goes only to those who serve its place: a unit of its county or of the city, a
    team of its county, a party member living in its county."""
    if isinstance(taker, Unit):
        ok = serves(taker, case.area)
    elif isinstance(taker, Team):
        ok = case.area.county_path == taker.community.county_path
    else:
        home = taker.home_compound
        ok = home is not None and case.area.county_path == home.county_path
    if not ok:
        message = _("%(taker)s does not serve %(place)s: choose one of its county.") % {
            "taker": taker,
            "place": case.area,
        }
        raise CaseRefused("invalid", message, {"lead": [message]})


def _issue_card(case: Case, unit: Unit, actor) -> TransferCard:
    """Number the county's next transfer card of the year; the unique (county, year, serial)
    settles concurrent issues, and the loser takes the number after."""
    year = timezone.localdate().year
    above = {a.path: a for a in Area.objects.filter(path__in=selectors.ancestor_paths(case.area))}
    county = above[case.area.county_path]
    community = next((a for a in above.values() if a.level == Area.Level.COMMUNITY), case.area)
    cards = TransferCard.objects.filter(county=county, year=year)
    card = issue_numbered(
        last=lambda: cards.order_by("-serial").values_list("serial", flat=True).first(),
        create=lambda serial: TransferCard.objects.create(
            case=case,
            unit=unit,
            county=county,
            prefix=county.short_name,
            year=year,
            serial=serial,
            issued_by=actor,
            community=community,
            due_at=case.handle_due_at,
        ),
    )
    if card is None:
        raise CaseRefused("conflict", _("Could not number the transfer card; try again."))
    return card


@transaction.atomic
def publish_case(*, actor, case: Case, note: str = "") -> Case:
    """Put the case on the board for a unit, team or party member to claim (认领)."""
    sign_due, handle_due = deadlines_from(case, timezone.now())
    _move(
        case,
        actor=actor,
        action=Action.PUBLISH,
        note=note,
        sign_due_at=sign_due,
        handle_due_at=handle_due,
        overdue=False,
    )
    return case


@transaction.atomic
def publish_service_order(*, case: Case) -> Case:
    """A resident's order from the service menu (点单) needs no triage: the platform accepts it
    and puts it on the board for the compound's party members and units to take (接单)."""
    if case.kind != Case.Kind.SERVICE:
        raise CaseRefused("invalid", _("Only service orders go straight to the board."))
    _system_move(case, Action.TRIAGE)
    sign_due, handle_due = deadlines_from(case, timezone.now())
    event = _system_move(case, Action.PUBLISH, sign_due_at=sign_due, handle_due_at=handle_due)
    members = selectors.members_near(case)
    _tell(members, case, event, _("A resident ordered a service near you"))
    return case


def claimant_for(actor, case: Case | None = None) -> Taker:
    """Who takes a claimed case: the actor's unit (of those serving the case's place), else the
    team they lead, else their member."""
    scope = scope_of(actor)
    units = Unit.objects.filter(pk__in=scope.unit_ids(roles=[Role.UNIT_LIAISON]))
    if case is not None:
        units = units.filter(area__path__in=serving_paths(case.area))
    unit = units.order_by("pk").first()
    if unit is not None:
        return unit
    team = Team.objects.filter(leaders=actor).order_by("pk").first()
    if team is not None:
        return team
    member = PartyMember.objects.filter(person__user=actor).first()
    if member is not None:
        return member
    raise CaseRefused("forbidden", _("Only a unit, a volunteer team or a party member can claim."))


@transaction.atomic
def claim_case(*, actor, case: Case) -> Case:
    """接单: take a published case; of several claimants racing, exactly one wins."""
    taker = claimant_for(actor, case)
    now = timezone.now()
    event = _move(case, actor=actor, action=Action.CLAIM, data={"taker": str(taker)}, signed_at=now)
    _assign(case, taker, Assignment.Role.LEAD)
    _tell(selectors.staff_for(case), case, event, _("A published demand was claimed"))
    return case


@transaction.atomic
def accept_case(*, actor, case: Case) -> Case:
    """The lead taker signs for a dispatched case (签收)."""
    event = _move(case, actor=actor, action=Action.ACCEPT, signed_at=timezone.now())
    _tell(selectors.staff_for(case), case, event, _("A dispatched demand was accepted"))
    return case


@transaction.atomic
def object_case(*, actor, case: Case, reason: str) -> Case:
    """The taker objects to a dispatch: the case goes back to the community to route again."""
    reason = _required(reason, "reason", _("Say why the case is not yours to handle."))
    event = _move(
        case,
        actor=actor,
        action=Action.OBJECT,
        note=reason,
        sign_due_at=None,
        handle_due_at=None,
        overdue=False,
    )
    case.assignments.filter(active=True).update(active=False)
    _tell(selectors.staff_for(case), case, event, _("A taker objected to a dispatch"))
    return case


# --- While in progress ------------------------------------------------------------------------


@transaction.atomic
def request_extension(*, actor, case: Case, days: int, reason: str) -> Extension:
    """The taker asks for more working days; the community decides."""
    reason = _required(reason, "reason", _("Say why more time is needed."))
    if not 1 <= int(days) <= 30:
        raise CaseRefused("invalid", _("Ask for 1 to 30 working days."), {"days": []})
    event = _move(
        case, actor=actor, action=Action.REQUEST_EXTENSION, note=reason, data={"days": days}
    )
    try:
        with transaction.atomic():
            ext = Extension.objects.create(case=case, days=days, reason=reason, requested_by=actor)
    except IntegrityError as exc:
        raise CaseRefused("conflict", _("An extension request is already waiting.")) from exc
    _tell(selectors.staff_for(case), case, event, _("A taker asks for more time"))
    return ext


@transaction.atomic
def decide_extension(*, actor, extension: Extension, approve: bool, note: str = "") -> Extension:
    """Approve (moving the handling deadline) or refuse a pending extension request."""
    case = extension.case
    decided = Extension.objects.filter(pk=extension.pk, decision=Extension.Decision.PENDING).update(
        decision=Extension.Decision.APPROVED if approve else Extension.Decision.REFUSED,
        decided_by=actor,
        decided_at=timezone.now(),
    )
    if not decided:
        raise CaseRefused("conflict", _("This request has already been decided."))
    fields = {}
    if approve and case.handle_due_at:
        fields = {"handle_due_at": extended(case.handle_due_at, extension.days), "overdue": False}
    event = _move(
        case,
        actor=actor,
        action=Action.DECIDE_EXTENSION,
        note=note,
        data={"approved": approve, "days": extension.days},
        **fields,
    )
    _tell(
        selectors.takers_users(case),
        case,
        event,
        _("Extension approved") if approve else _("Extension refused"),
    )
    extension.refresh_from_db()
    return extension


@transaction.atomic
def escalate_case(*, actor, case: Case, units, note: str) -> Case:
    """吹哨: summon several units to the matter; each reports in (报到)."""
    units = list(units)
    if not units:
        raise CaseRefused("invalid", _("Choose at least one unit to summon."), {"units": []})
    _check(actor, Action.ESCALATE, case)
    for unit in units:
        _check_serves(unit, case)
    note = _required(note, "note", _("Say what the summoned units are needed for."))
    event = _move(
        case,
        actor=actor,
        action=Action.ESCALATE,
        note=note,
        data={"units": [u.name for u in units]},
    )
    for unit in units:
        if not case.assignments.filter(
            unit=unit, role=Assignment.Role.SUMMONED, active=True
        ).exists():
            _assign(case, unit, Assignment.Role.SUMMONED)
    summoned = selectors.takers_users(case)
    _tell(summoned, case, event, _("Your unit is summoned to a demand (吹哨)"))
    return case


@transaction.atomic
def report_in(*, actor, case: Case) -> Case:
    """A summoned unit reports in (报到) to the escalated case."""
    _check(actor, Action.REPORT_IN, case)
    mine = case.assignments.filter(
        taker_q(actor, prefix=""), role=Assignment.Role.SUMMONED, reported_at=None
    )
    if not mine.update(reported_at=timezone.now()):
        raise CaseRefused("conflict", _("Your unit has already reported in."))
    _move(case, actor=actor, action=Action.REPORT_IN)
    return case


@transaction.atomic
def complete_case(
    *,
    actor,
    case: Case,
    note: str,
    cost_yuan: Decimal | None = None,
    quantities: str = "",
    photos=(),
    hours: Decimal | None = None,
) -> Case:
    """The taker reports the matter handled, with notes, cost, quantities and photos.

    For a service order taken by a party member, `hours` served go to their service record."""
    note = _required(note, "note", _("Describe what was done."))
    if hours is not None and not Decimal("0.5") <= hours <= 24:
        raise CaseRefused("invalid", _("Give the hours served, 0.5 to 24."), {"hours": []})
    if cost_yuan is not None and cost_yuan < 0:
        raise CaseRefused("invalid", _("The cost cannot be negative."), {"cost_yuan": []})
    event = _move(
        case,
        actor=actor,
        action=Action.COMPLETE,
        note=note,
        completion_note=note,
        cost_yuan=cost_yuan,
        quantities=quantities[:200],
        handled_at=timezone.now(),
        data={"cost_yuan": str(cost_yuan or ""), "quantities": quantities},
    )
    if photos:
        _attach(case, photos, "completion", actor)
    if case.kind in (Case.Kind.SERVICE, Case.Kind.WISH):
        # A service order or a wish is verified by the one it served: straight to their rating
        # (for a wish, the resident confirms it came true).
        if hours is not None:
            _record_hours(case, hours, note)
        verified = _system_move(case, Action.VERIFY_OK)
        _tell(_requester_users(case), case, verified, _("Your service was done: please rate it"))
        return case
    grid_workers = selectors.staff_for(case, roles=(Role.GRID_WORKER,))
    _tell(grid_workers, case, event, _("A handled demand waits for on-site verification"))
    return case


def _record_hours(case: Case, hours: Decimal, note: str) -> None:
    from grassroots.volunteering.models import ServiceRecord

    lead = (
        case.assignments.filter(role=Assignment.Role.LEAD, active=True)
        .select_related("member")
        .first()
    )
    if lead is None or lead.member_id is None:
        return  # hours are kept for people: a unit or a team records its own
    ServiceRecord.objects.update_or_create(
        person_id=lead.member.person_id,
        case=case,
        defaults={"hours": hours, "served_on": timezone.localdate(), "note": note[:200]},
    )


@transaction.atomic
def verify_case(*, actor, case: Case, ok: bool, note: str = "", photos=()) -> Case:
    """On-site verification by a grid worker: passed goes to the revisit, failed back."""
    if not ok:
        note = _required(note, "note", _("Say what is still wrong."))
    action = Action.VERIFY_OK if ok else Action.VERIFY_FAIL
    event = _move(case, actor=actor, action=action, note=note)
    if photos:
        _attach(case, photos, "verification", actor)
    if ok:
        _tell(_requester_users(case), case, event, _("Your demand was handled: please rate it"))
    else:
        _tell(selectors.takers_users(case), case, event, _("Verification failed: please redo"))
    return case


@transaction.atomic
def complete_by_project(*, actor, case: Case, note: str) -> Case:
    """A remediation project (整治提升) that took the case in is finished: the case is handled
    by it (the platform's move, with the project's note) and the project's acceptance by
    `actor` is its on-site verification; the resident's rating then closes it as usual."""
    _system_move(case, Action.COMPLETE, completion_note=note[:2000], handled_at=timezone.now())
    return verify_case(actor=actor, case=case, ok=True, note=note)


@transaction.atomic
def rate_case(*, actor, case: Case, rating: str, comment: str = "") -> Case:
    """回访: the requester's rating (or one taken by phone by the community) closes the case."""
    if rating not in Case.Rating.values:
        raise CaseRefused("invalid", _("Choose a rating."), {"rating": []})
    now = timezone.now()
    event = _move(
        case,
        actor=actor,
        action=Action.RATE,
        note=comment,
        rating=rating,
        rating_comment=comment[:500],
        rated_at=now,
        closed_at=now,
        data={"rating": rating},
    )
    _tell(selectors.takers_users(case), case, event, _("The requester rated your work"))
    return case


@transaction.atomic
def reopen_case(*, actor, case: Case, reason: str) -> Case:
    """重办: reasonable dissatisfaction sends the case back to its lead taker; repeat count + 1."""
    reason = _required(reason, "reason", _("Say why the case is reopened."))
    lead = case.assignments.filter(role=Assignment.Role.LEAD).order_by("-created_at").first()
    if lead is None:
        raise CaseRefused("conflict", _("The case has no taker to send it back to."))
    sign_due, handle_due = deadlines_from(case, timezone.now())
    event = _move(
        case,
        actor=actor,
        action=Action.REOPEN,
        note=reason,
        repeat_count=case.repeat_count + 1,
        rating="",
        rated_at=None,
        closed_at=None,
        sign_due_at=sign_due,
        handle_due_at=handle_due,
        signed_at=None,
        handled_at=None,
        overdue=False,
    )
    case.assignments.filter(active=True).exclude(pk=lead.pk).update(active=False)
    if not lead.active:
        Assignment.objects.filter(pk=lead.pk).update(active=True)
    _tell(selectors.takers_users(case), case, event, _("A demand was reopened"))
    return case


@transaction.atomic
def withdraw_case(*, actor, case: Case, reason: str = "") -> Case:
    """The requester (before triage) or the community takes the case back."""
    event = _move(case, actor=actor, action=Action.WITHDRAW, note=reason, closed_at=timezone.now())
    _tell(selectors.takers_users(case), case, event, _("A demand was withdrawn"))
    return case


@transaction.atomic
def supervise_case(*, actor, case: Case, note: str) -> Supervision:
    """督办: the county presses the taker; the notice shows on the case and in their inbox."""
    note = _required(note, "note", _("Write the supervision notice."))
    event = _move(case, actor=actor, action=Action.SUPERVISE, note=note, supervised=True)
    notice = Supervision.objects.create(case=case, note=note, issued_by=actor)
    _tell(
        [*selectors.takers_users(case), *selectors.staff_for(case)],
        case,
        event,
        _("Supervision notice (督办)"),
    )
    return notice


def mark_overdue(now=None) -> int:
    """Flag open cases past a deadline: unsigned past sign-by, unhandled past handle-by."""
    now = now or timezone.now()
    unsigned = Case.objects.filter(
        status__in=[Status.DISPATCHED, Status.PUBLISHED], sign_due_at__lt=now, overdue=False
    )
    unhandled = Case.objects.filter(status=Status.IN_PROGRESS, handle_due_at__lt=now, overdue=False)
    # updated_at moves too: the dashboards' tallies recount the cases changed since their count.
    return unsigned.update(overdue=True, updated_at=now) + unhandled.update(
        overdue=True, updated_at=now
    )
