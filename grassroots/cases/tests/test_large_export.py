"""A ledger at or above LARGE_EXPORT rows is written by the worker: the request leads to a
progress page, the file is written row by row with its progress recorded, and only the person
who asked downloads it (audited)."""

import io

import openpyxl
import pytest

from grassroots.accounts.models import User
from grassroots.areas.models import Area
from grassroots.cases.models import Case
from grassroots.cases.workflow import OPEN
from grassroots.core import exports
from grassroots.core.models import AuditEntry, Export

pytestmark = pytest.mark.django_db


def test_a_large_ledger_goes_through_the_worker(
    client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.LARGE_EXPORT = 5
    monkeypatch.setattr(exports, "STEP", 3)  # progress recorded every three rows
    seen: list[int] = []  # the recorded progress, read back while the rows are written
    real = exports.LEDGERS["cases"]

    def watched(user, params):
        made = real(user, params)
        original = made.rows

        def rows():
            for row in original:
                seen.append(Export.objects.get(user=user).done)
                yield row

        made.rows = rows()
        return made

    monkeypatch.setitem(exports.LEDGERS, "cases", watched)

    secretary = User.objects.get(username="secretary")
    client.force_login(secretary)
    north = Area.objects.get(name="城北社区")
    expected = Case.objects.filter(area__path__startswith=north.path, status__in=OPEN).count()
    assert expected >= 5
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get("/cases/list.xlsx?group=open")
    export = Export.objects.get(user=secretary)
    assert response.status_code == 302 and response["Location"] == f"/exports/{export.pk}/"
    assert (export.status, export.done, export.total) == ("done", expected, expected)
    page = client.get(response["Location"]).content.decode()
    assert "下载" in page and 'data-status="done"' in page
    partial = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert partial.startswith("<section") and "hx-trigger" not in partial  # polling stops
    download = client.get(f"/exports/{export.pk}/file/")
    rows = list(
        openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content))).active.iter_rows(
            values_only=True
        )
    )
    assert rows[0][0] == "编号" and len(rows) - 1 == expected
    assert AuditEntry.objects.filter(actor=secretary, action="export").count() >= 2
    client.force_login(User.objects.get(username="staff"))
    assert client.get(f"/exports/{export.pk}/").status_code == 404
    assert client.get(f"/exports/{export.pk}/file/").status_code == 404
    assert seen[:7] == [0, 0, 0, 3, 3, 3, 6]  # progress moved while it was written


def test_small_ledgers_come_at_once(client, settings):
    settings.LARGE_EXPORT = 10**9
    client.force_login(User.objects.get(username="secretary"))
    response = client.get("/cases/list.xlsx?group=open")
    assert response.status_code == 200 and not Export.objects.exists()


def test_a_failed_export_says_so(client, monkeypatch, django_capture_on_commit_callbacks):
    secretary = User.objects.get(username="secretary")

    def broken(user, params):
        raise RuntimeError("disk full")

    monkeypatch.setitem(exports.LEDGERS, "cases", broken)
    export = Export.objects.create(user=secretary, kind="cases", title="诉求")
    with pytest.raises(RuntimeError):
        exports.write(export.pk)
    export.refresh_from_db()
    assert export.status == "failed" and "disk full" in export.error
    client.force_login(secretary)
    assert "台账未能生成" in client.get(f"/exports/{export.pk}/").content.decode()
