"""How every case service moves a case: check the actor (`permissions.refusal`), one
conditional UPDATE naming the state the case was read in (of two people racing, exactly one wins
and the other gets CaseRefused("conflict")), the event on the timeline and the audit line; and
the small helpers every stage shares (telling people, photos, required texts)."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from grassroots.cases.errors import MOVED_ON, NOT_NOW, CaseRefused
from grassroots.cases.models import Case, Event
from grassroots.cases.permissions import refusal
from grassroots.cases.photos import attach_photos
from grassroots.cases.workflow import Status, allowed, target
from grassroots.core.audit import record_audit
from grassroots.notifications.services import notify


def status_label(status: str) -> str:
    return str(Status(status).label)


def check(actor, action: str, case: Case) -> None:
    """Refuse as `permissions.refusal` does: the one answer the page and the API also give."""
    refused = refusal(actor, action, case)
    if refused is not None:
        raise refused


def move(case: Case, *, actor, action: str, note: str = "", data=None, **fields) -> Event:
    """Apply `action` to `case` if nobody changed it since it was read; record the event."""
    check(actor, action, case)
    to = target(action, case.status)
    changed = Case.objects.filter(pk=case.pk, status=case.status).update(
        status=to, updated_at=timezone.now(), **fields
    )
    if not changed:
        current = Case.objects.filter(pk=case.pk).values_list("status", flat=True).first()
        raise CaseRefused("conflict", MOVED_ON % {"status": status_label(current or case.status)})
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


def system_move(case: Case, action: str, **fields) -> Event:
    """A move the platform makes by rule, not a person: the state table still applies."""
    if not allowed(action, case.status):
        raise CaseRefused("conflict", NOT_NOW % {"status": status_label(case.status)})
    to = target(action, case.status)
    changed = Case.objects.filter(pk=case.pk, status=case.status).update(
        status=to, updated_at=timezone.now(), **fields
    )
    if not changed:
        raise CaseRefused("conflict", MOVED_ON % {"status": status_label(case.status)})
    event = Event.objects.create(
        case=case, action=action, from_status=case.status, to_status=to, data={"auto": True}
    )
    record_audit(actor=None, action="change", target=case, detail={"action": action, "to": to})
    case.refresh_from_db()
    return event


def tell(users, case: Case, event: Event, title: str) -> None:
    notify(
        recipients=list(users),
        title=f"{case.reference} {title}",
        body=f"{case.title}\n{event.note}".strip(),
        url=f"/cases/{case.pk}/",
        key=f"case-event:{event.pk}",
    )


def requester_users(case: Case):
    return [u for u in (case.requester,) if u is not None]


def attach(case: Case, photos, stage: str, actor) -> None:
    """Attach photos; a bad photo refuses the whole action (the transaction rolls back)."""
    try:
        attach_photos(case=case, files=photos, stage=stage, actor=actor)
    except ValidationError as exc:
        raise CaseRefused("invalid", exc.messages[0], {"photos": exc.messages}) from exc


def required(text: str, field: str, message) -> str:
    text = (text or "").replace("\x00", "").strip()
    if not text:
        raise CaseRefused("invalid", message, {field: [str(message)]})
    return text
