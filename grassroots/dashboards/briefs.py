"""Work briefs (工作简报): for an area and a period, the headline figures written as sentences
the way the county's reports write them, the three rates, notable cases and a chart — as an
HTML page, a PDF (WeasyPrint) and an editable Word document (python-docx). Every number is
computed from the rows when the brief is made."""

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.template.loader import render_to_string
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from grassroots.accounts.scopes import paths_q
from grassroots.areas.models import Area
from grassroots.areas.places import Place, Places
from grassroots.cases.kpis import rates_for
from grassroots.cases.models import Case, Category
from grassroots.cases.workflow import FINISHED, Status
from grassroots.governance import selectors as governance
from grassroots.governance.criteria import SIX_HAVE
from grassroots.offers import selectors as offers
from grassroots.venues.models import Booking, Venue
from grassroots.volunteering.models import Occurrence, Team, Volunteer
from grassroots.volunteering.selectors import hours_lines

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


@dataclass
class Brief:
    area: Place
    start: dt.date
    end: dt.date
    title: str
    paragraphs: list[tuple[str, str]] = field(default_factory=list)  # (heading, text)
    rates: list[tuple[str, Decimal | None]] = field(default_factory=list)
    notable: list[Case] = field(default_factory=list)
    chart: list[tuple[str, int]] = field(default_factory=list)  # category, demands

    @property
    def period(self) -> str:
        return f"{self.start:%Y年%-m月%-d日}至{self.end:%Y年%-m月%-d日}"


def _pct(value) -> str:
    return "—" if value is None else f"{value}%"


LONGEST = dt.timedelta(days=3660)


def period_asked(start: str | None, end: str | None, today: dt.date | None = None):
    """The period a brief is asked for: this month so far unless other days are given; never
    past today, never backwards, at most ten years; a malformed day is left out."""
    today = today or timezone.localdate()

    def day(text, default):
        try:
            return dt.date.fromisoformat(text or "")
        except ValueError:
            return default

    last = min(day(end, today), today)
    first = min(day(start, today.replace(day=1)), last)
    return max(first, last - LONGEST), last


def make_brief(area: Area | Places, start: dt.date, end: dt.date) -> Brief:
    brief = Brief(area, start, end, f"{area.name}党建引领基层治理工作简报")
    in_area = paths_q(area.paths, "area__path")
    period = Q(created_at__date__gte=start, created_at__date__lte=end)
    cases = Case.objects.filter(in_area & period)
    counts = cases.aggregate(
        n=Count("pk"),
        finished=Count("pk", filter=Q(status__in=FINISHED)),
        closed=Count("pk", filter=Q(status=Status.CLOSED)),
        wishes=Count("pk", filter=Q(kind=Case.Kind.WISH)),
    )
    rates = rates_for(cases_qs=Case.objects.filter(in_area), period_start=start, period_end=end)
    brief.rates = [
        ("响应率", rates.response),
        ("解决率", rates.resolution),
        ("满意率", rates.satisfaction),
    ]

    c = offers.coverage(area)
    brief.paragraphs.append(
        (
            "双报到与包联",
            f"{area.name}共有{c.units_registered}家单位到所驻社区报到、{c.members_registered}名"
            f"在职党员到所居住小区报到，{c.compounds_paired}个小区有单位包联"
            f"（共{c.compounds}个小区）。",
        )
    )
    brief.paragraphs.append(
        (
            "群众诉求办理",
            f"{brief.period}，共受理群众诉求{counts['n']}件，其中微心愿{counts['wishes']}件；"
            f"已办结{counts['finished']}件，其中经回访评价办结{counts['closed']}件。"
            f"响应率{_pct(rates.response)}、解决率{_pct(rates.resolution)}、"
            f"满意率{_pct(rates.satisfaction)}。",
        )
    )
    six = governance.summary(governance.criteria_set(SIX_HAVE), area)
    if six.whole == six.compounds and six.compounds:
        text = f"全部{six.compounds}个小区实现“六有”全覆盖。"
    else:
        text = f"{six.compounds}个小区中，{six.whole}个达到“六有”，{six.short}个尚有缺项。"
    brief.paragraphs.append(("小区治理", text))

    venues = Venue.objects.filter(paths_q(area.paths, "area__path")).aggregate(
        built=Count("pk", filter=Q(kind=Venue.Kind.STATION, provided_by__isnull=True)),
        provided=Count("pk", filter=Q(provided_by__isnull=False)),
    )
    bookings = Booking.objects.filter(
        paths_q(area.paths, "room__venue__area__path"),
        status=Booking.Status.ACTIVE,
        starts_at__date__gte=start,
        starts_at__date__lte=end,
    ).count()
    brief.paragraphs.append(
        (
            "阵地建设",
            f"建成小区党群服务站{venues['built']}个，驻区单位提供场地{venues['provided']}个；"
            f"期间功能室预约{bookings}次。",
        )
    )

    teams = Team.objects.filter(paths_q(area.paths, "community__path")).count()
    volunteers = Volunteer.objects.filter(paths_q(area.paths, "person__home_area__path")).count()
    held = Occurrence.objects.filter(
        paths_q(area.paths, "activity__community__path"),
        status=Occurrence.Status.HELD,
        starts_at__date__gte=start,
        starts_at__date__lte=end,
    ).aggregate(n=Count("pk"), served=Sum("served_count"))
    hours = hours_lines(area).filter(
        served_on__gte=start,
        served_on__lte=end,
    ).aggregate(h=Sum("hours"))["h"] or Decimal(0)
    brief.paragraphs.append(
        (
            "志愿服务",
            f"{teams}支志愿服务队、{volunteers}名志愿者，期间开展服务{held['n']}次，"
            f"服务群众{held['served'] or 0}人次，服务时长{hours.normalize():f}小时。",
        )
    )

    brief.notable = list(
        Case.objects.filter(in_area, status=Status.CLOSED, closed_at__date__gte=start)
        .filter(closed_at__date__lte=end, rating=Case.Rating.SATISFIED)
        .exclude(completion_note="")
        .select_related("area", "category")
        .order_by("-closed_at")[:3]
    )
    names = dict(Category.objects.values_list("pk", "name"))
    brief.chart = [
        (names.get(r["category"], ""), r["n"])
        for r in cases.values("category").annotate(n=Count("pk")).order_by("-n")[:8]
    ]
    return brief


def chart_png(brief: Brief) -> bytes:
    """The demands of the period by category as a bar chart (PNG, CJK labels)."""
    width, height, left, top, bar_h = 900, 60 + 44 * max(len(brief.chart), 1), 170, 40, 28
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 20)
    draw.text((20, 8), "本期诉求分类（件）", fill=(30, 30, 30), font=font)
    most = max([n for _c, n in brief.chart] + [1])
    for i, (name, n) in enumerate(brief.chart):
        y = top + i * 44
        draw.text((20, y), name[:7], fill=(60, 60, 60), font=font)
        length = int((width - left - 90) * n / most)
        draw.rectangle((left, y + 2, left + length, y + bar_h), fill=(200, 16, 46))
        draw.text((left + length + 8, y), str(n), fill=(60, 60, 60), font=font)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def brief_pdf(brief: Brief) -> bytes:
    import base64

    from weasyprint import HTML

    chart = "data:image/png;base64," + base64.b64encode(chart_png(brief)).decode()
    html = render_to_string(
        "dashboards/brief_pdf.html",
        {"brief": brief, "chart": chart, "made": timezone.localtime()},
    )
    return HTML(string=html).write_pdf()


def brief_docx(brief: Brief) -> bytes:
    """The same brief as an editable Word document."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Noto Sans CJK SC"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Sans CJK SC")
    style.font.size = Pt(11)
    document.add_heading(brief.title, level=0)
    document.add_paragraph(brief.period)
    for heading, text in brief.paragraphs:
        document.add_heading(heading, level=1)
        document.add_paragraph(text)
    document.add_heading("“三率”", level=1)
    table = document.add_table(rows=1, cols=len(brief.rates))
    table.style = "Table Grid"
    for cell, (name, value) in zip(table.rows[0].cells, brief.rates, strict=True):
        cell.text = f"{name} {_pct(value)}"
    if brief.notable:
        document.add_heading("典型事项", level=1)
        for case in brief.notable:
            document.add_paragraph(
                f"{case.area.name}：{case.title}。{case.completion_note}", style="List Bullet"
            )
    document.add_heading("本期诉求分类", level=1)
    document.add_picture(io.BytesIO(chart_png(brief)), width=Cm(15))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
