"""Large Excel ledgers: the registry of ledger kinds and the writer the worker runs.

A ledger kind registers a function that, for a user and the list's filters, checks what the
user may read and gives the title, headers, the number of rows (a COUNT) and the rows (an
iterator that reads in chunks). Each app registers its kinds in its `ledgers` module, which
`CoreConfig.ready` imports, so the worker knows every kind without naming the apps.
`core.export_views.answer` is the one path every ledger view takes; from `LARGE_EXPORT` rows up
the worker calls `write`, which writes the file row by row — the workbook is write-only and
goes to a temporary file, so neither the rows nor the file sit in memory — recording its
progress every `STEP` rows; the page polls the progress and offers the file."""

import datetime as dt
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import batched

from django.conf import settings
from django.core.files import File
from django.db.models import QuerySet
from django.utils import timezone

from grassroots.core.audit import record_audit
from grassroots.core.models import Export

STEP = 2000
CHUNK = 2000  # rows read from the database at a time


@dataclass
class Ledger:
    title: str
    headers: list[str]
    total: int
    rows: Iterator[list]
    target: object  # what the audit entry names (an area)


LEDGERS: dict[str, Callable[..., Ledger]] = {}


def ledger(kind: str):
    """Register the function that makes a ledger of `kind` for (user, params)."""

    def register(function):
        LEDGERS[kind] = function
        return function

    return register


def large_export() -> int:
    return int(getattr(settings, "LARGE_EXPORT", 100_000))


def in_chunks(rows: QuerySet) -> Iterator[tuple]:
    """A queryset's rows read `CHUNK` at a time, handed out a chunk at a time (for ledgers
    that look something up per chunk rather than per row)."""
    return batched(rows.iterator(chunk_size=CHUNK), CHUNK)


def write(export_id: int) -> Export:
    """Write the ledger of an export to its file, recording progress; failures are recorded."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    export = Export.objects.select_related("user").get(pk=export_id)
    if export.status != Export.Status.QUEUED:
        return export
    Export.objects.filter(pk=export.pk).update(status=Export.Status.RUNNING)
    try:
        made = LEDGERS[export.kind](export.user, export.params)
        Export.objects.filter(pk=export.pk).update(total=made.total)
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(made.title[:31])
        bold = Font(bold=True)

        def cell(value, font=None):
            written = WriteOnlyCell(sheet, value=value)
            if font is not None:
                written.font = font
            if isinstance(value, dt.date):
                written.number_format = "yyyy-mm-dd"
            return written

        sheet.append([cell(h, bold) for h in made.headers])
        done = 0
        for row in made.rows:
            sheet.append([cell(v) for v in row])
            done += 1
            if done % STEP == 0:
                Export.objects.filter(pk=export.pk).update(done=done)
        handle, path = tempfile.mkstemp(suffix=".xlsx")
        os.close(handle)
        try:
            workbook.save(path)
            with open(path, "rb") as saved:
                export.file.save(f"{export.kind}-{export.pk}.xlsx", File(saved), save=False)
        finally:
            os.unlink(path)
        Export.objects.filter(pk=export.pk).update(
            status=Export.Status.DONE,
            done=done,
            total=done,
            file=export.file.name,
            finished_at=timezone.now(),
        )
        record_audit(
            actor=export.user,
            action="export",
            target=made.target,
            detail={"list": export.kind, "rows": done, "format": "xlsx", "job": export.pk},
        )
    except Exception as error:  # recorded for the person waiting; the worker logs the rest
        Export.objects.filter(pk=export.pk).update(
            status=Export.Status.FAILED, error=str(error)[:300], finished_at=timezone.now()
        )
        raise
    export.refresh_from_db()
    return export
