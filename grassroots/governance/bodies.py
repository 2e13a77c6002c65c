"""Self-governance bodies (物管会, 自治委员会, 自治小组) and their members: every write, checked
against the keeper's areas and audited. Each check is a function of its own so a form can show
the refusal before anything is written."""

from django.db import transaction
from django.utils.translation import gettext as _

from grassroots.areas.models import Area
from grassroots.core.audit import record_audit
from grassroots.governance import permissions
from grassroots.governance.errors import GovernanceRefused
from grassroots.governance.models import Body, BodyMember
from grassroots.people.models import Person


def check_body(*, actor, body: Body) -> None:
    """Refuse a body the actor does not keep, or that does not hold together."""
    compound = body.compound
    if compound is None or compound.level != Area.Level.COMPOUND:
        raise GovernanceRefused("invalid", _("Choose a compound."), {"compound": []})
    if not permissions.can_keep(actor, compound):
        raise GovernanceRefused("forbidden", _("You may not keep the bodies of this compound."))
    if body.pk and not permissions.can_keep(actor, Body.objects.get(pk=body.pk).compound):
        raise GovernanceRefused("forbidden", _("You may not keep the bodies of this compound."))
    if body.term_starts and body.term_ends and body.term_ends <= body.term_starts:
        message = _("The term ends after it starts.")
        raise GovernanceRefused("invalid", message, {"term_ends": [message]})
    if body.kind == Body.Kind.GROUP and not body.focus:
        message = _("A self-governance group has a focus.")
        raise GovernanceRefused("invalid", message, {"focus": [message]})


@transaction.atomic
def save_body(*, actor, body: Body) -> Body:
    """Set up a body or change it (its name, kind, focus, term)."""
    check_body(actor=actor, body=body)
    adding = body.pk is None
    body.save()
    detail = {"action": "set up body" if adding else "change body"}
    record_audit(actor=actor, action="change", target=body, detail=detail)
    return body


@transaction.atomic
def dissolve_body(*, actor, body: Body) -> None:
    """Remove a body with its members (the audit entry keeps its name)."""
    if not permissions.can_keep(actor, body.compound):
        raise GovernanceRefused("forbidden", _("You may not keep the bodies of this compound."))
    record_audit(actor=actor, action="change", target=body, detail={"action": "dissolve body"})
    body.delete()


def check_member(*, actor, body: Body, person: Person) -> None:
    """A body's members are residents of its compound."""
    if not permissions.can_keep(actor, body.compound):
        raise GovernanceRefused("forbidden", _("You may not keep the bodies of this compound."))
    if not body.compound.holds(person.home_area):
        message = _("%(name)s does not live in %(compound)s.") % {
            "name": person.name,
            "compound": body.compound.name,
        }
        raise GovernanceRefused("invalid", message, {"person": [message]})


@transaction.atomic
def set_member(*, actor, body: Body, person: Person, role: str) -> BodyMember:
    """Add a resident to the body, or change their role in it."""
    check_member(actor=actor, body=body, person=person)
    if role not in BodyMember.Role.values:
        raise GovernanceRefused("invalid", _("Choose a role."), {"role": []})
    member, _created = BodyMember.objects.update_or_create(
        body=body, person=person, defaults={"role": role}
    )
    detail = {"action": "body member", "person": person.pk, "role": role}
    record_audit(actor=actor, action="change", target=body, detail=detail)
    return member


@transaction.atomic
def remove_member(*, actor, member: BodyMember) -> None:
    """The resident leaves the body."""
    body = member.body
    if not permissions.can_keep(actor, body.compound):
        raise GovernanceRefused("forbidden", _("You may not keep the bodies of this compound."))
    detail = {"action": "body member left", "person": member.person_id}
    member.delete()
    record_audit(actor=actor, action="change", target=body, detail=detail)
