"""Reading and checking a ledger workbook, without writing anything.

`parse_file` reads the cells of every row; `resolve_references` then finds the places, party
organisations and units the rows name, in lookup tables a selector loaded. Both return issues
(row as Excel numbers it, the Chinese column header, the reason) instead of raising, so that one
pass reports every problem in the file.
"""

import itertools
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import ParseError

import openpyxl
from django.utils.translation import gettext as _

from grassroots.ledgers import cells
from grassroots.ledgers.columns import IGNORED_HEADERS, Column, LedgerKind

MAX_ROWS = 10_000
# A title or a blank line may sit above the header row; the header is looked for this far down.
HEADER_SEARCH_ROWS = 10
# Errors openpyxl lets through when the XML inside an .xlsx file is damaged.
DAMAGED_FILE_ERRORS = (zipfile.BadZipFile, ParseError, KeyError, ValueError, OSError, EOFError)

# Which row values name things to look up, by kind: lookup table → keys of the row values.
LOOKUPS: dict[str, dict[str, tuple[str, ...]]] = {
    "residents": {
        "communities": ("community_name",),
        "compounds": ("compound_name",),
        "buildings": ("building_name",),
    },
    "party_members": {
        "communities": ("community_name",),
        "compounds": ("compound_name",),
        "orgs": ("org_name",),
        "units": ("workplace_name",),
    },
    "units": {"communities": ("community_name",), "units": ("name",), "unit_codes": ("code",)},
    "compounds": {"communities": ("community_name",), "compounds": ("name",), "codes": ("code",)},
}
# ID numbers are looked up too: a person registered outside the importer's areas is refused.
for _kind in ("residents", "party_members"):
    LOOKUPS[_kind]["id_numbers"] = ("id_number",)


@dataclass(frozen=True)
class Issue:
    """One problem: the Excel row (None for the whole file), the column header, the reason."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        return _("Row %(row)d, column “%(column)s”: %(reason)s") % {
            "row": self.row,
            "column": self.column,
            "reason": self.message,
        }


@dataclass
class Row:
    """One data row: its Excel number and its values by column key (failed cells are absent)."""

    number: int
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class References:
    """What the rows name, as found in the database; every table is keyed the way rows name it."""

    communities: dict[str, list[Any]] = field(default_factory=dict)  # by name
    compounds: dict[tuple[str, str], Any] = field(default_factory=dict)  # (community path, name)
    buildings: dict[tuple[str, str], Any] = field(default_factory=dict)  # (compound path, name)
    orgs: dict[str, list[Any]] = field(default_factory=dict)  # by name
    units: dict[str, list[Any]] = field(default_factory=dict)  # by name, in reach and the city's
    unit_codes: dict[tuple[int, str], Any] = field(default_factory=dict)  # (area id, code)
    codes: dict[str, Any] = field(default_factory=dict)  # areas by statistical code, anywhere
    counties: list[Any] = field(default_factory=list)  # the counties the importer reaches
    people: dict[str, str] = field(default_factory=dict)  # ID number → home path, anywhere
    paths: list[str] | None = None  # where the importer may write (None: everywhere)

    def reaches(self, path: str) -> bool:
        return self.paths is None or any(path.startswith(p) for p in self.paths)


def parse_file(file: Any, kind: LedgerKind) -> tuple[list[Row], list[Issue]]:
    """Read every data row of an uploaded .xlsx ledger and check each cell."""
    if os.path.splitext(os.path.basename(getattr(file, "name", "") or ""))[1].lower() != ".xlsx":
        return [], [
            _file_issue(
                _(
                    "Only .xlsx files can be imported. "
                    "In Excel or WPS choose “Save as” and the .xlsx format."
                )
            )
        ]
    try:
        file.seek(0)
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception:  # a foreign or damaged file can fail anywhere in zipfile, XML or openpyxl
        return [], [_unreadable()]
    try:
        rows, issues = _parse_workbook(workbook, kind)
    except DAMAGED_FILE_ERRORS:
        return [], [_unreadable()]
    finally:
        workbook.close()
    return rows, sort_issues(kind, issues + _duplicates(kind, rows))


def wanted_names(kind: LedgerKind, rows: list[Row]) -> dict[str, set[str]]:
    """The names each lookup table must cover for these rows."""
    return {
        table: {row.values[key] for row in rows for key in keys if row.values.get(key)}
        for table, keys in LOOKUPS[kind.name].items()
    }


def resolve_references(kind: LedgerKind, rows: list[Row], refs: References) -> list[Issue]:
    """Put the found objects into each row's values; report every name that finds nothing."""
    resolver = _Resolver(kind, refs)
    resolve_row = RESOLVERS[kind.name]
    for row in rows:
        resolve_row(resolver, row)
    return sort_issues(kind, resolver.issues)


def sort_issues(kind: LedgerKind, issues: list[Issue]) -> list[Issue]:
    """Whole-file issues first, then by row and by the column's place in the ledger."""
    order = {header: index for index, header in enumerate(kind.headers)}
    return sorted(issues, key=lambda issue: (issue.row or 0, order.get(issue.column, len(order))))


def _file_issue(message: str) -> Issue:
    return Issue(None, "", message)


def _unreadable() -> Issue:
    return _file_issue(
        _(
            "The file could not be read as an Excel workbook (.xlsx): "
            "it is damaged or in another format."
        )
    )


def _parse_workbook(workbook: Any, kind: LedgerKind) -> tuple[list[Row], list[Issue]]:
    found = _locate_header(workbook, kind)
    if found is None:
        return [], [
            _file_issue(
                _(
                    "No header row was found. "
                    "The first row must hold the template's headers: %(headers)s."
                )
                % {"headers": "、".join(kind.headers)}
            )
        ]
    lines, header_number, header_values = found
    positions, issues = _header_positions(kind, header_number, header_values)
    if issues:
        return [], issues
    rows, issues = _parse_rows(kind, lines, positions)
    if not rows and not issues:
        issues.append(_file_issue(_("The file has no data rows under the header row.")))
    return rows, issues


def _locate_header(workbook: Any, kind: LedgerKind) -> tuple[Iterator, int, tuple] | None:
    """The first row, in any sheet, holding at least two of the kind's headers."""
    known = set(kind.headers)
    for sheet in workbook.worksheets:
        lines = enumerate(sheet.iter_rows(min_row=1, min_col=1, values_only=True), start=1)
        for number, values in itertools.islice(lines, HEADER_SEARCH_ROWS):
            if len({cells.as_text(value) for value in values} & known) >= 2:
                return lines, number, values
    return None


def _header_positions(
    kind: LedgerKind, number: int, values: tuple
) -> tuple[dict[str, int], list[Issue]]:
    positions: dict[str, int] = {}
    issues = []
    for index, value in enumerate(values):
        header = cells.as_text(value)
        if not header or header in IGNORED_HEADERS:
            continue
        if header not in kind.headers:
            issues.append(
                Issue(number, header, _("Unknown column: use the headers of the template."))
            )
        elif header in positions:
            issues.append(Issue(number, header, _("This column appears more than once.")))
        else:
            positions[header] = index
    issues += [
        Issue(number, header, _("This column is missing: copy the header row from the template."))
        for header in kind.headers
        if header not in positions
    ]
    return positions, issues


def _parse_rows(
    kind: LedgerKind, lines: Iterator, positions: dict[str, int]
) -> tuple[list[Row], list[Issue]]:
    rows: list[Row] = []
    issues: list[Issue] = []
    for number, values in lines:
        raw = {column: _cell(values, positions[column.header]) for column in kind.columns}
        if all(cells.as_text(value) == "" for value in raw.values()):
            continue
        if len(rows) == MAX_ROWS:
            message = _("The file has more than %(max)d data rows: split it into smaller files.")
            return rows, [_file_issue(message % {"max": MAX_ROWS})]
        row = Row(number)
        for column, value in raw.items():
            try:
                row.values[column.key] = _parse_cell(column, value)
            except cells.CellError as error:
                issues.append(Issue(number, column.header, str(error)))
        rows.append(row)
    return rows, issues


def _cell(values: tuple, index: int) -> Any:
    return values[index] if index < len(values) else None


def _parse_cell(column: Column, value: Any) -> Any:
    if cells.as_text(value) == "":
        if column.required:
            raise cells.CellError(_("This cell is required."))
        return column.blank
    return column.parse(value)


def _duplicates(kind: LedgerKind, rows: list[Row]) -> list[Issue]:
    """A natural key may appear once per file; the later row is the one reported."""
    issues = []
    for keys in kind.unique:
        first_row: dict[tuple, int] = {}
        for row in rows:
            key = tuple(row.values.get(name) for name in keys)
            if any(part in (None, "") for part in key):
                continue
            if key in first_row:
                message = _("Same as row %(row)d: a file may list each record only once.")
                issues.append(
                    Issue(row.number, kind.header_of(keys[-1]), message % {"row": first_row[key]})
                )
            else:
                first_row[key] = row.number
    return issues


class _Resolver:
    """Looks names up in the references, noting an issue for each name that finds nothing."""

    def __init__(self, kind: LedgerKind, refs: References):
        self.kind, self.refs = kind, refs
        self.issues: list[Issue] = []
        self.first_row: dict[tuple, int] = {}  # a key that must appear once, → its first row

    def once(self, row: Row, key: str, value: tuple) -> None:
        """A key the file may hold once, known only after resolving (a unit's county + name)."""
        if value in self.first_row:
            message = _("Same as row %(row)d: a file may list each record only once.")
            self.fail(row, key, message % {"row": self.first_row[value]})
        else:
            self.first_row[value] = row.number

    def fail(self, row: Row, key: str, message: str) -> None:
        self.issues.append(Issue(row.number, self.kind.header_of(key), message))

    def one_named(self, row: Row, key: str, found: list[Any], *, none: str, many: str) -> Any:
        name = row.values.get(key)
        if name and len(found) == 1:
            return found[0]
        if name:
            self.fail(row, key, (many if found else none) % {"name": name})
        return None

    def community(self, row: Row) -> Any:
        return self.one_named(
            row,
            "community_name",
            self.refs.communities.get(row.values.get("community_name") or "", []),
            none=_("No community named “%(name)s” exists in the areas you may import to."),
            many=_(
                "Several communities are named “%(name)s”; "
                "rename them apart in the area tree first."
            ),
        )

    def compound(self, row: Row, community: Any, key: str) -> Any:
        name = row.values.get(key)
        if community is None or not name:
            return None
        compound = self.refs.compounds.get((community.path, name))
        if compound is None:
            message = _("Community “%(community)s” has no compound named “%(name)s”.")
            self.fail(row, key, message % {"community": community.name, "name": name})
        return compound

    def building(self, row: Row, compound: Any) -> Any:
        name = row.values.get("building_name")
        if compound is None or not name:
            return None
        building = self.refs.buildings.get((compound.path, name))
        if building is None:
            message = _("Compound “%(compound)s” has no building named “%(name)s”.")
            self.fail(row, "building_name", message % {"compound": compound.name, "name": name})
        return building

    def unit(self, row: Row, key: str, place: Any) -> Any:
        """The unit named in `key`: of the county `place` lies in, else of the city above."""
        name = row.values.get(key)
        found = self.refs.units.get(name or "", [])
        own = [u for u in found if place is not None and place.path.startswith(u.area.path)]
        if len(found) > 1 and own:
            deepest = max(len(u.area.path) for u in own)
            found = [u for u in own if len(u.area.path) == deepest]
        return self.one_named(
            row,
            key,
            found,
            none=_("No unit named “%(name)s” exists in the areas you may import to."),
            many=_("Several units are named “%(name)s”; fill in the community to tell them apart."),
        )

    def person_in_reach(self, row: Row) -> None:
        """Refuse a person registered outside the importer's areas: the import would move or
        rewrite someone another county keeps (where, is not said)."""
        home = self.refs.people.get(row.values.get("id_number") or "")
        if home is not None and not self.refs.reaches(home):
            message = _(
                "This ID number belongs to a person registered outside the areas you may import"
                " to; ask the organisation department above you."
            )
            self.fail(row, "id_number", message)

    def county(self, row: Row, community: Any) -> Any:
        counties = self.refs.counties
        if community is not None:
            county = next((c for c in counties if community.path.startswith(c.path)), None)
            if county is None:
                self.fail(row, "community_name", _("This community is not under any county."))
            return county
        if row.values.get("community_name"):
            return None  # the unknown community is reported already
        if len(counties) == 1:
            return counties[0]
        if counties:
            message = _(
                "There are several counties: "
                "fill in the community so that the unit's county is known."
            )
        else:
            message = _("No county exists yet: add the county to the area tree first.")
        self.fail(row, "community_name", message)
        return None


def _resolve_resident(resolver: _Resolver, row: Row) -> None:
    resolver.person_in_reach(row)
    community = resolver.community(row)
    compound = resolver.compound(row, community, "compound_name")
    row.values["building"] = resolver.building(row, compound)


def _resolve_party_member(resolver: _Resolver, row: Row) -> None:
    name = row.values.get("org_name")
    row.values["org"] = resolver.one_named(
        row,
        "org_name",
        resolver.refs.orgs.get(name or "", []),
        none=_("No party organisation named “%(name)s” exists in the areas you may import to."),
        many=_("Several party organisations are named “%(name)s”; rename them apart first."),
    )
    resolver.person_in_reach(row)
    community = resolver.community(row)
    row.values["home_compound"] = resolver.compound(row, community, "compound_name")
    row.values["workplace"] = resolver.unit(row, "workplace_name", community)


def _resolve_unit(resolver: _Resolver, row: Row) -> None:
    """A unit belongs to its community's county (names and codes are unique there)."""
    community = resolver.community(row)
    row.values["community"] = community
    county = row.values["area"] = resolver.county(row, community)
    if county is None:
        return
    name, code = row.values.get("name") or "", row.values.get("code")
    resolver.once(row, "name", (county.pk, name))
    holder = next((u for u in resolver.refs.units.get(name, []) if u.area_id == county.pk), None)
    if holder is not None and code and holder.code != code:
        message = _("Another unit of the county, with code %(code)s, already has this name.")
        resolver.fail(row, "name", message % {"code": holder.code})


def _resolve_compound(resolver: _Resolver, row: Row) -> None:
    community = resolver.community(row)
    name = row.values.get("name") or ""
    existing = resolver.refs.compounds.get((community.path, name)) if community else None
    row.values["community"], row.values["existing"] = community, existing
    holder = resolver.refs.codes.get(row.values.get("code") or "")
    if holder is not None and (existing is None or holder.pk != existing.pk):
        if resolver.refs.reaches(holder.path):
            message = _("The statistical code already belongs to “%(name)s”.")
            resolver.fail(row, "code", message % {"name": holder.name})
        else:
            resolver.fail(row, "code", _("The statistical code belongs to a place elsewhere."))


RESOLVERS = {
    "residents": _resolve_resident,
    "party_members": _resolve_party_member,
    "units": _resolve_unit,
    "compounds": _resolve_compound,
}
