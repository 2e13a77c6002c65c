"""The 六有 pages: the overview of an area (figures, each child area, which items compounds
lack, the progress from 三无 to 六有 month by month), the compounds with their standing and
their ledger, and a compound's own page (assessment history, bodies, projects, meetings,
disclosures)."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render

from grassroots.areas.models import Area
from grassroots.areas.places import Places
from grassroots.areas.selectors import ancestors_and_self
from grassroots.core import export_views
from grassroots.governance import ledgers, permissions, selectors
from grassroots.governance.criteria import SIX_HAVE, THREE_WITHOUT
from grassroots.governance.models import Disclosure


def _top_area(request) -> Area | Places:
    """The area a reader sees first: ?area= if they may, else the top of their scope."""
    return permissions.top_area(request.user, request.GET.get("area"))


def _bars(series, height: int = 120, width: int = 640) -> dict:
    """Bar geometry for a month series drawn as SVG (no script, no inline style)."""
    top = max([v for _m, v in series] + [1])
    step = width / max(len(series), 1)
    bars = []
    for i, (month, value) in enumerate(series):
        h = round(height * value / top, 1)
        bars.append(
            {
                "x": round(i * step + 2, 1),
                "y": round(height - h, 1),
                "w": round(step - 4, 1),
                "h": h,
                "month": month,
                "value": value,
                "label": i % 3 == 0,
            }
        )
    return {"bars": bars, "height": height, "width": width, "top": top}


def overview(request):
    area = _top_area(request)
    six = selectors.criteria_set(SIX_HAVE)
    three = selectors.criteria_set(THREE_WITHOUT)
    summary = selectors.summary(six, area)
    due = selectors.compounds_standing(six, selectors.compounds_under(area), state="due")
    context = {
        "area": area,
        "crumbs": ancestors_and_self(area) if isinstance(area, Area) else [],
        "six": six,
        "summary": summary,
        "due": selectors.standing_rows(six, list(due[:10])),
        "valid_months": settings.SIX_HAVE_VALID_MONTHS,
        "three": selectors.summary(three, area),
        "progress": _bars(selectors.progress(six, area)),
        "three_progress": _bars(selectors.progress(three, area)),
        "keep": permissions.can_keep(request.user, area),
    }
    return render(request, "governance/overview.html", context)


def compound_list(request):
    """The compounds with their standing, with the list's filters (?area=, ?missing=,
    ?state=whole|lacking|due)."""
    area, six, missing, state = ledgers.compound_filter(request.user, request.GET)
    compounds = selectors.compounds_standing(six, selectors.compounds_under(area), missing, state)
    page = Paginator(compounds, 25).get_page(request.GET.get("page"))
    page.object_list = selectors.standing_rows(six, list(page.object_list))
    qs = f"area={area.pk}&missing={missing.code if missing else ''}&state={state or ''}"
    context = {
        "area": area,
        "page": page,
        "missing": missing,
        "state": state,
        "criteria": selectors.active_criteria(six),
        "qs": qs,
    }
    return render(request, "governance/compounds.html", context)


def compound_ledger(request):
    """The compounds' 六有 standing as an Excel ledger, with the list's filters; audited. A
    large one is written in the background with a progress page."""
    make = ledgers.compound_ledger
    return export_views.answer(request, kind="six_have", params=request.GET.dict(), make=make)


def compound_page(request, pk: int):
    compound = permissions.access_compound(request.user, pk)
    six = selectors.criteria_set(SIX_HAVE)
    three = selectors.criteria_set(THREE_WITHOUT)
    standing = []
    for cset in (six, three):
        rows = selectors.compound_rows(cset, Area.objects.filter(pk=compound.pk))
        standing.append((cset, rows[0]))
    keep = permissions.can_keep(request.user, compound)
    context = {
        "compound": compound,
        "crumbs": ancestors_and_self(compound),
        "standing": standing,
        "history": compound.assessments.select_related(
            "criteria_set", "recorded_by", "verified_by"
        ).prefetch_related("items")[:20],
        "bodies": compound.bodies.prefetch_related("members__person"),
        "projects": compound.projects.all(),
        "meetings": compound.meetings.prefetch_related("decisions")[:10],
        "disclosures": Disclosure.objects.filter(area=compound).order_by("-created_at")[:10],
        "keep": keep,
    }
    return render(request, "governance/compound.html", context)
