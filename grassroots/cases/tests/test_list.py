"""The filtered case list and its Excel ledger: filters, the count, masked requesters, dates as
dates, the export audited, and who may list."""

import datetime as dt
import io
import re

import openpyxl
import pytest
from django.utils import timezone

from grassroots.accounts.models import User
from grassroots.areas.models import Area
from grassroots.cases.models import Case, Category
from grassroots.cases.workflow import OPEN
from grassroots.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _count(response) -> int:
    return int(re.search(r'data-count="(\d+)"', response.content.decode()).group(1))


def test_filters_and_count(client):
    client.force_login(User.objects.get(username="admin"))
    north = Area.objects.get(name="城北社区")
    drainage = Category.objects.get(code="drainage")
    expected = Case.objects.filter(
        area__path__startswith=north.path, status__in=OPEN, category=drainage
    ).count()
    url = f"/cases/list/?area={north.pk}&group=open&category={drainage.pk}"
    assert _count(client.get(url)) == expected
    month = timezone.localdate().strftime("%Y-%m")
    this_month = Case.objects.filter(
        created_at__year=int(month[:4]), created_at__month=int(month[5:])
    ).count()
    assert _count(client.get(f"/cases/list/?month={month}")) == this_month
    # Malformed filters are left out, not an error.
    assert _count(client.get("/cases/list/?month=2026-13&category=x&kind=nope")) == (
        Case.objects.count()
    )


def test_the_ledger_reads_back(client):
    client.force_login(User.objects.get(username="secretary"))  # 城北社区
    north = Area.objects.get(name="城北社区")
    response = client.get("/cases/list.xlsx?group=open")
    rows = list(
        openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(
            values_only=True
        )
    )
    assert rows[0][:3] == ("编号", "类型", "类别")
    body = rows[1:]
    assert (
        len(body) == Case.objects.filter(area__path__startswith=north.path, status__in=OPEN).count()
    )
    assert all(isinstance(r[7], dt.datetime) for r in body)
    named = [r[8] for r in body if r[8]]
    assert named and all("*" in n for n in named)  # requester names masked
    assert AuditEntry.objects.filter(action="export", actor__username="secretary").exists()
    client.force_login(User.objects.get(username="resident"))
    assert client.get("/cases/list.xlsx").status_code == 403
