"""Files handed out: PDFs and Excel ledgers. Every download is an export, logged with who,
what and from where."""

import datetime as dt
import io

from django.http import FileResponse, HttpResponse
from django.utils import timezone
from django.utils.encoding import escape_uri_path

from grassroots.core.audit import client_address, record_audit


def audited_file(
    request, target, content: bytes, filename: str, content_type: str, *, inline: bool = False
) -> HttpResponse:
    """A generated file as a response, after an audit entry for its export."""
    record_audit(
        actor=request.user,
        action="export",
        target=target,
        detail={"format": filename.rsplit(".", 1)[-1]},
        address=client_address(request),
    )
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=utf-8''{escape_uri_path(filename)}"
    return response


def audited_pdf(request, target, pdf: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    """The PDF as a response, after an audit entry for its export."""
    return audited_file(request, target, pdf, filename, "application/pdf", inline=inline)


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def ledger_name(target, title) -> str:
    """A ledger's file name without the extension: area, title and today's date."""
    return f"{target}-{title}-{timezone.localdate():%Y%m%d}"


def xlsx_ledger(request, target, title, headers, rows, list_name: str) -> FileResponse:
    """An Excel ledger (台账) of `rows` under bold `headers`, written row by row (write-only
    workbook), dates as dates; named after `target` (an area) and audited as an export."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    def cell(sheet, value, font):
        written = WriteOnlyCell(sheet, value=value)
        written.font = font
        if isinstance(value, dt.date):
            written.number_format = "yyyy-mm-dd"
        return written

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(title)[:31])
    bold, plain = Font(bold=True), Font()
    sheet.append([cell(sheet, h, bold) for h in headers])
    count = 0
    for row in rows:
        sheet.append([cell(sheet, value, plain) for value in row])
        count += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    record_audit(
        actor=request.user,
        action="export",
        target=target,
        detail={"list": list_name, "rows": count},
        address=client_address(request),
    )
    filename = f"{ledger_name(target, title)}.xlsx"
    return FileResponse(buffer, as_attachment=True, filename=filename, content_type=XLSX_TYPE)
