"""The ledger views' side of exports: `answer` gives the file at once, or from `LARGE_EXPORT`
rows queues a job for the worker (`core.tasks.write_export`, which runs `core.exports.write`);
the job's page shows its progress (polled by htmx every two seconds) and, when it is ready,
the file — for the person who asked for it only."""

from collections.abc import Callable

from django.db import transaction
from django.http import FileResponse, Http404
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.encoding import escape_uri_path

from grassroots.core.audit import client_address, record_audit
from grassroots.core.exports import Ledger, large_export
from grassroots.core.files import XLSX_TYPE, ledger_name, xlsx_ledger
from grassroots.core.models import Export
from grassroots.core.tasks import write_export


def answer(request, *, kind: str, params: dict, make: Callable[..., Ledger]) -> HttpResponseBase:
    """A ledger view's response. `make` is the kind's registered function; it checks the
    user's access (a 404 for an outsider) and counts before any row is read."""
    made = make(request.user, params)
    if made.total >= large_export():
        title = ledger_name(made.target, made.title)
        export = start(user=request.user, kind=kind, params=params, title=title)
        return redirect("export", export.pk)
    return xlsx_ledger(request, made.target, made.title, made.headers, made.rows, kind)


def start(*, user, kind: str, params: dict, title: str) -> Export:
    """Queue a ledger for the worker; it runs once the transaction commits."""
    export = Export.objects.create(user=user, kind=kind, params=params, title=title[:100])
    transaction.on_commit(lambda: write_export.enqueue(export.pk))
    return export


def _own(request, pk: int) -> Export:
    export = Export.objects.filter(pk=pk, user=request.user).first()
    if export is None:
        raise Http404
    return export


def export_page(request, pk: int):
    export = _own(request, pk)
    template = "core/_export_progress.html" if request.htmx else "core/export.html"
    return render(request, template, {"export": export})


def export_file(request, pk: int):
    export = _own(request, pk)
    if export.status != Export.Status.DONE or not export.file:
        raise Http404
    record_audit(
        actor=request.user,
        action="export",
        target=export,
        detail={"download": export.kind, "rows": export.done},
        address=client_address(request),
    )
    response = FileResponse(export.file.open("rb"), content_type=XLSX_TYPE)
    name = f"{export.title}.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=utf-8''{escape_uri_path(name)}"
    return response
