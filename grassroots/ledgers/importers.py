"""Reading and checking a ledger workbook, without writing anything.

`parse_file` reads the cells of every row; `resolving.resolve_references` then finds the
places, party organisations, units and people the rows name, in lookup tables a selector loaded.
Both return issues (row as Excel numbers it, the Chinese column header, the reason) instead of
raising, so that one pass reports every problem in the file.
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
    people: dict[str | None, str] = field(default_factory=dict)  # ID number → home path
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
