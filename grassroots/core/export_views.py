"""The page of a large export: its progress (polled by htmx every two seconds) and, when it
is ready, the file — for the person who asked for it only."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.encoding import escape_uri_path

from grassroots.core.audit import client_address, record_audit
from grassroots.core.files import XLSX_TYPE
from grassroots.core.models import Export


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
