import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from grassroots.ledgers import importers
from grassroots.ledgers.columns import KINDS
from grassroots.ledgers.workbooks import ledger_template


@pytest.mark.parametrize("kind", list(KINDS.values()), ids=list(KINDS))
def test_a_template_has_the_headers_their_notes_and_one_example_row(kind):
    workbook = load_workbook(io.BytesIO(ledger_template(kind)))

    sheet = workbook.worksheets[0]
    assert sheet.title == kind.sheet_title
    assert [cell.value for cell in sheet[1]] == kind.headers
    assert [cell.comment.text for cell in sheet[1]] == [column.note for column in kind.columns]
    assert [cell.value for cell in sheet[2]] == [column.example for column in kind.columns]
    assert sheet.max_row == 2
    instructions = workbook["填写说明"]
    assert [
        row[0]
        for row in instructions.iter_rows(
            min_row=2, max_row=len(kind.columns) + 1, values_only=True
        )
    ] == kind.headers


@pytest.mark.parametrize("kind", list(KINDS.values()), ids=list(KINDS))
def test_the_example_row_of_a_template_passes_every_cell_check(kind):
    upload = SimpleUploadedFile(f"{kind.name}.xlsx", ledger_template(kind))

    rows, issues = importers.parse_file(upload, kind)

    assert issues == []
    assert [row.number for row in rows] == [2]
