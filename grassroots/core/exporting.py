"""How a ledger view answers: the file at once, or from `LARGE_EXPORT` rows a job for the
worker (`core.tasks.write_export`, which runs `core.exports.write`) and its progress page."""

from collections.abc import Callable

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect

from grassroots.core.exports import Ledger, large_export
from grassroots.core.files import ledger_name, xlsx_ledger
from grassroots.core.models import Export
from grassroots.core.tasks import write_export


def answer(request, *, kind: str, params: dict, make: Callable[..., Ledger]) -> HttpResponse:
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
