"""The work brief: its sentences carry the figures counted from the rows, and the PDF's text
and the Word document read back with them; downloads are audited."""

import datetime as dt
import io

import docx
import pytest
from django.db.models import Q
from django.utils import timezone

from grassroots.accounts.models import User
from grassroots.areas.models import Area
from grassroots.cases.models import Case
from grassroots.core.models import AuditEntry
from grassroots.core.tests.pdf import pdf_text
from grassroots.dashboards import briefs
from grassroots.dashboards.briefs import make_brief

pytestmark = pytest.mark.django_db


def _period():
    today = timezone.localdate()
    return today - dt.timedelta(days=365), today


def test_the_brief_says_the_figures():
    county = Area.objects.get(level="county")
    start, end = _period()
    brief = make_brief(county, start, end)
    text = "".join(t for _h, t in brief.paragraphs)
    demands = Case.objects.filter(created_at__date__gte=start, created_at__date__lte=end).count()
    assert "共有82家单位到所驻社区报到、1546名在职党员到所居住小区报到" in text
    assert f"共受理群众诉求{demands}件" in text
    assert "全部106个小区实现“六有”全覆盖" in text
    assert "95支志愿服务队、2580名志愿者" in text
    assert sum(n for _c, n in brief.chart) <= demands and brief.chart
    assert [name for name, _v in brief.rates] == ["响应率", "解决率", "满意率"]


def test_pdf_and_word_read_back(client):
    client.force_login(User.objects.get(username="admin"))
    north = Area.objects.get(name="城北社区")
    start, end = _period()
    query = f"area={north.pk}&start={start.isoformat()}&end={end.isoformat()}"
    demands = Case.objects.filter(
        Q(area__path__startswith=north.path),
        created_at__date__gte=start,
        created_at__date__lte=end,
    ).count()
    page = client.get(f"/dashboards/brief/?{query}").content.decode()
    assert f"共受理群众诉求{demands}件" in page
    pdf = client.get(f"/dashboards/brief.pdf?{query}")
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content).replace("\n", "").replace(" ", "")
    assert "城北社区党建引领基层治理工作简报" in text
    assert f"共受理群众诉求{demands}件" in text
    word = client.get(f"/dashboards/brief.docx?{query}")
    document = docx.Document(io.BytesIO(word.content))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert f"共受理群众诉求{demands}件" in paragraphs
    assert document.inline_shapes  # the chart is in it
    assert AuditEntry.objects.filter(actor__username="admin", action="export").count() >= 2


def test_the_period_asked_is_kept_sensible():
    today = dt.date(2026, 11, 29)
    assert briefs.period_asked(None, None, today) == (dt.date(2026, 11, 1), today)
    assert briefs.period_asked("2026-13-01", "soon", today) == (dt.date(2026, 11, 1), today)
    assert briefs.period_asked("2026-03-01", "2027-01-01", today) == (dt.date(2026, 3, 1), today)
    assert briefs.period_asked("2026-06-01", "2026-05-01", today) == (
        dt.date(2026, 5, 1),
        dt.date(2026, 5, 1),
    )
    assert briefs.period_asked("1990-01-01", None, today) == (today - briefs.LONGEST, today)
