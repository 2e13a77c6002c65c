import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from grassroots.ledgers import services
from grassroots.ledgers.columns import KINDS
from grassroots.ledgers.forms import ImportForm
from grassroots.ledgers.permissions import can_import_ledgers
from grassroots.ledgers.workbooks import ledger_template

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def import_page(request):
    if not can_import_ledgers(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if form.is_valid():
        result = services.import_ledger(
            actor=request.user, kind=form.cleaned_data["kind"], file=form.cleaned_data["file"]
        )
        if result.ok:
            messages.success(request, result.summary())
            return redirect("ledgers:import")
    context = {"form": form, "result": result, "kinds": KINDS.values()}
    return render(request, "ledgers/import.html", context)


def template_download(request, kind: str):
    if not can_import_ledgers(request.user):
        raise PermissionDenied
    if kind not in KINDS:
        raise Http404
    return FileResponse(
        io.BytesIO(ledger_template(KINDS[kind])),
        as_attachment=True,
        filename=f"{KINDS[kind].sheet_title}模板.xlsx",
        content_type=XLSX_TYPE,
    )
