"""Writes about people: revealing personal data, always logged."""

from grassroots.core.audit import record_audit
from grassroots.people.models import Person

REVEALABLE = {"mobile", "id_number"}


def reveal_personal_field(*, actor, person: Person, field: str, address: str | None) -> str:
    """Return the full value of one personal field and log who saw whose, when."""
    if field not in REVEALABLE:
        raise ValueError(field)
    record_audit(
        actor=actor, action="reveal", target=person, detail={"field": field}, address=address
    )
    return getattr(person, field) or ""
