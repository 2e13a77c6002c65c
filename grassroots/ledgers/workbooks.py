"""Blank ledger templates to download: the headers, one example row and what each column takes."""

import io

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from grassroots.ledgers.columns import LedgerKind

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="C8102E")
EXAMPLE_FONT = Font(italic=True, color="5F6B76")
TEXT_FORMAT = "@"


def ledger_template(kind: LedgerKind) -> bytes:
    """An .xlsx file whose first sheet is ready to fill in and whose second sheet explains it."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = kind.sheet_title
    for index, column in enumerate(kind.columns, start=1):
        letter = get_column_letter(index)
        header = sheet.cell(row=1, column=index, value=column.header)
        header.font, header.fill = HEADER_FONT, HEADER_FILL
        header.comment = Comment(column.note, "Grassroots", width=240, height=100)
        example = sheet.cell(row=2, column=index, value=column.example)
        example.font = EXAMPLE_FONT
        if isinstance(column.example, str):
            # Text columns stay text, so that Excel does not round ID numbers or drop leading zeros.
            example.number_format = TEXT_FORMAT
            sheet.column_dimensions[letter].number_format = TEXT_FORMAT
        sheet.column_dimensions[letter].width = max(12, 2 * len(column.header) + 4)
    sheet.freeze_panes = "A2"
    _add_instructions(workbook, kind)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _add_instructions(workbook: Workbook, kind: LedgerKind) -> None:
    sheet = workbook.create_sheet("填写说明")
    sheet.append(["列名", "是否必填", "填写要求", "示例"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in kind.columns:
        sheet.append(
            [column.header, "必填" if column.required else "选填", column.note, column.example]
        )
    sheet.append([])
    sheet.append(
        [
            "说明",
            "",
            f"“{kind.sheet_title}”表第1行是表头，请勿修改；第2行是示例，导入前请替换为实际数据。",
        ]
    )
    sheet.append(
        ["", "", "任何一行有误时整个文件都不会导入；再次导入同一文件会更新已有记录，不会重复。"]
    )
    for letter, width in (("A", 16), ("B", 10), ("C", 70), ("D", 22)):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")
