"""Importing ledgers (台账导入): every row is checked first, then all are written, or none."""

import os
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from grassroots.areas.models import Area
from grassroots.core.audit import record_audit
from grassroots.ledgers import importers, resolving, selectors
from grassroots.ledgers.cells import birth_year_in
from grassroots.ledgers.columns import KINDS
from grassroots.ledgers.importers import Issue, Row
from grassroots.ledgers.permissions import can_import_ledgers, import_paths
from grassroots.party.models import PartyMember
from grassroots.people.models import Household, Person
from grassroots.units.models import Unit


@dataclass(frozen=True)
class ImportResult:
    """What an import did: counts when it succeeded, the issues when nothing was imported."""

    kind: str
    created: int = 0
    updated: int = 0
    issues: tuple[Issue, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.issues

    def summary(self) -> str:
        return _("%(ledger)s imported: %(created)d created, %(updated)d updated.") % {
            "ledger": KINDS[self.kind].label,
            "created": self.created,
            "updated": self.updated,
        }


def import_ledger(*, actor: Any, kind: str, file: Any) -> ImportResult:
    """Check every row of an .xlsx ledger, then create or update its records in one transaction.

    Everything a file names is looked up within the areas the actor may import to (their
    organisation department's county or city); `actor=None` is the server's operator (the
    command line without --as), who reaches the whole deployment."""
    if kind not in KINDS:
        raise ValueError(f"Unknown ledger kind: {kind}")
    if actor is not None and not can_import_ledgers(actor):
        raise PermissionDenied
    ledger = KINDS[kind]
    rows, issues = importers.parse_file(file, ledger)
    paths = None if actor is None else import_paths(actor)
    with transaction.atomic():
        # The references are read inside the transaction so that the writes see what was checked.
        wanted = importers.wanted_names(ledger, rows)
        refs = selectors.ledger_references(paths=paths, **wanted)
        issues += resolving.resolve_references(ledger, rows, refs)
        if issues:
            return ImportResult(kind, issues=tuple(importers.sort_issues(ledger, issues)))
        created = WRITERS[kind](rows)
        updated = len(rows) - created
        detail: dict[str, Any] = {"kind": kind, "rows": len(rows), "created": created}
        detail.update(updated=updated, file=os.path.basename(getattr(file, "name", "") or ""))
        record_audit(actor=actor, action="import", detail=detail)
    return ImportResult(kind, created, updated)


def _present(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields the file gives a value for: a blank optional cell keeps what is stored."""
    return {name: value for name, value in fields.items() if value is not None}


def _write_residents(rows: list[Row]) -> int:
    """Create or update each resident by ID number, in the household at its building and door."""
    created = 0
    for row in rows:
        values = row.values
        household = Household.objects.get_or_create(
            building=values["building"], door=values["door"]
        )[0]
        fields = {
            "name": values["name"],
            "gender": values["gender"],
            "birth_year": values["birth_year"] or birth_year_in(values["id_number"]),
            "mobile": values["mobile"],
            "household": household,
            "home_area": values["building"],
        }
        created += Person.objects.update_or_create(
            id_number=values["id_number"], defaults=_present(fields)
        )[1]
    return created


MEMBER_FIELDS: tuple[str, ...] = ("org", "in_service", "workplace", "home_compound", "joined_on")
MEMBER_FIELDS += ("building_group_leader", "central_household")


def _write_party_members(rows: list[Row]) -> int:
    """Create or update each member, and the person behind it, by the person's ID number."""
    created = 0
    for row in rows:
        values = row.values
        fields = {key: values[key] for key in MEMBER_FIELDS}
        created += PartyMember.objects.update_or_create(
            person=_member_person(values), defaults=_present(fields)
        )[1]
    return created


def _member_person(values: dict[str, Any]) -> Person:
    """The member's person: new ones live at the home compound; a home elsewhere moves there."""
    compound = values["home_compound"]
    person = (
        Person.objects.select_related("home_area").filter(id_number=values["id_number"]).first()
    )
    if person is None:
        return Person.objects.create(
            id_number=values["id_number"],
            name=values["name"],
            gender=values["gender"],
            mobile=values["mobile"] or "",
            birth_year=birth_year_in(values["id_number"]),
            home_area=compound,
        )
    fields = _present({key: values[key] for key in ("name", "gender", "mobile")})
    if not compound.holds(person.home_area):
        # A household in another compound would contradict the new home.
        fields.update(home_area=compound, household=None)
    for name, value in fields.items():
        setattr(person, name, value)
    person.save(update_fields=list(fields))
    return person


def _write_units(rows: list[Row]) -> int:
    """Create or update each unit by its county and code."""
    created = 0
    for row in rows:
        values = row.values
        fields = {key: values[key] for key in ("name", "kind", "community", "address", "phone")}
        created += Unit.objects.update_or_create(
            area=values["area"], code=values["code"], defaults=_present(fields)
        )[1]
    return created


def _write_compounds(rows: list[Row]) -> int:
    """Create each new compound under its community; update the compounds found by name."""
    created = 0
    keys: tuple[str, ...] = ("code", "build_year", "households", "address")
    keys += ("no_property_management", "no_responsible_department", "no_security")
    for row in rows:
        values = row.values
        fields = _present({key: values[key] for key in keys})
        compound = values["existing"]
        if compound is None:
            instance = Area(name=values["name"], level=Area.Level.COMPOUND, **fields)
            Area.objects.add_child(values["community"], instance=instance)
            created += 1
        else:
            # Only these fields: adding siblings may have moved this compound's path meanwhile.
            for name, value in fields.items():
                setattr(compound, name, value)
            compound.save(update_fields=list(fields))
    return created


WRITERS = {
    "residents": _write_residents,
    "party_members": _write_party_members,
    "units": _write_units,
    "compounds": _write_compounds,
}
