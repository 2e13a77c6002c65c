"""Pages of double reporting: coverage with its gap lists, and members reporting by QR code."""

import io

import qrcode
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from grassroots.accounts.models import Role
from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area
from grassroots.areas.permissions import access_overview, overview_roots
from grassroots.areas.places import Places
from grassroots.core import export_views, exports
from grassroots.offers import desks, ledgers, selectors
from grassroots.offers.forms import MemberReportForm, UnitReportForm
from grassroots.offers.models import Offer, Registration, ServiceItem
from grassroots.offers.reporting import OfferRefused, register_member, register_unit
from grassroots.offers.services import order_service, request_offer
from grassroots.party.models import PartyMember
from grassroots.units.models import Unit

PAGE_SIZE = 50


def coverage_page(request):
    """Reporting and pairing coverage of an area, with a row per community or compound."""
    area = access_overview(request.user, request.GET.get("area"))
    figures = selectors.coverage(area)
    gaps = [(name, ledgers.GAP_TITLES[name], figures.gap_count(name)) for name in selectors.GAPS]
    roots = overview_roots(request.user)
    context = {
        "area": area,
        "roots": roots,
        "all_roots": Places.of(*roots),
        "figures": figures,
        "gaps": gaps,
        "rows": selectors.coverage_rows(area),
    }
    return render(request, "offers/coverage.html", context)


def gap_page(request, name: str):
    """One gap as a list to act on, paginated, or as an Excel ledger (?format=xlsx)."""
    if name not in selectors.GAPS:
        raise Http404
    area = access_overview(request.user, request.GET.get("area"))
    if request.GET.get("format") == "xlsx":
        make = exports.LEDGERS[name]
        return export_views.answer(request, kind=name, params=request.GET.dict(), make=make)
    page = Paginator(selectors.gap(area, name), PAGE_SIZE).get_page(request.GET.get("page"))
    cells = ledgers.gap_cells(name, page.object_list)
    # Each row's object, for the act-on-it button beside it (代为报到, 去包联).
    rows = list(zip(cells, page.object_list, strict=True))
    context = {
        "area": area,
        "name": name,
        "title": ledgers.GAP_TITLES[name],
        "page": page,
        "headers": ledgers.GAP_HEADERS[name],
        "rows": rows,
    }
    return render(request, "offers/gap.html", context)


@require_http_methods(["POST"])
def register_member_for(request, member_id: int):
    """Community staff record a member's report (代为报到) to the compound they live in."""
    member = get_object_or_404(
        PartyMember.objects.select_related("home_compound", "person", "org__area"), pk=member_id
    )
    back = reverse("offers:gap", args=["unregistered_members"])
    try:
        register_member(actor=request.user, member=member, compound=member.home_compound)
    except OfferRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request,
            _("%(name)s has reported to %(compound)s.")
            % {"name": member.person.name, "compound": member.home_compound.name},
        )
    return redirect(f"{back}?area={request.POST.get('area', '')}")


# --- Reporting by QR code ---------------------------------------------------------------------


def _compound(compound_id: int) -> Area:
    return get_object_or_404(Area, pk=compound_id, level=Area.Level.COMPOUND)


@require_http_methods(["GET", "POST"])
def member_report(request, compound_id: int):
    """The page a compound's QR code opens: an in-service member reports to it (报到)."""
    compound = _compound(compound_id)
    member = (
        PartyMember.objects.filter(person__user=request.user, in_service=True)
        .select_related("person", "org__area")
        .first()
    )
    current = (
        Registration.objects.filter(member=member, active=True).select_related("area").first()
        if member
        else None
    )
    form = MemberReportForm(request.POST or None, moving_from=current, compound=compound)
    if request.method == "POST" and member is not None and form.is_valid():
        try:
            register_member(
                actor=request.user, member=member, compound=compound, **form.cleaned_data
            )
        except OfferRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(
                request, _("You have reported to %(compound)s. Thank you!") % {"compound": compound}
            )
            return redirect(reverse("offers:report", args=[compound.pk]))
    context = {"compound": compound, "member": member, "current": current, "form": form}
    return render(request, "offers/report.html", context)


def compound_poster(request, compound_id: int):
    """A printable sheet with the compound's reporting QR code, for staff of its area."""
    compound = _compound(compound_id)
    roots = overview_roots(request.user)
    if not any(r.holds(compound) for r in roots):
        raise Http404
    link = request.build_absolute_uri(reverse("offers:report", args=[compound.pk]))
    return render(request, "offers/poster.html", {"compound": compound, "link": link})


def compound_qr(request, compound_id: int):
    """The QR code (PNG) of a compound's reporting link."""
    compound = _compound(compound_id)
    roots = overview_roots(request.user)
    if not any(r.holds(compound) for r in roots):
        raise Http404
    link = request.build_absolute_uri(reverse("offers:report", args=[compound.pk]))
    image = qrcode.make(link, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return HttpResponse(buffer.getvalue(), content_type="image/png")


# --- Pages for each role ----------------------------------------------------------------------


def _page_of(request, found, size: int = 20):
    return Paginator(found, size).get_page(request.GET.get("page"))


@require_http_methods(["GET", "POST"])
def unit_page(request):
    """A unit liaison's desk: registration, pairings, resource list, needs to claim, requests."""
    unit_ids = scope_of(request.user).unit_ids(roles=[Role.UNIT_LIAISON])
    unit = Unit.objects.filter(pk__in=unit_ids).order_by("pk").first()
    if unit is None:
        raise Http404
    form = UnitReportForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        try:
            register_unit(actor=request.user, unit=unit, **form.cleaned_data)
        except OfferRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("%(unit)s has reported.") % {"unit": unit})
            return redirect(reverse("offers:unit"))
    return render(request, "offers/unit.html", {**desks.unit_desk(unit), "form": form})


def member_page(request):
    """A party member's desk: where they reported, orders they can take, their hours."""
    member = PartyMember.objects.filter(person__user=request.user).select_related("person").first()
    if member is None:
        raise Http404
    context = desks.member_desk(request.user, member)
    context["board"] = _page_of(request, context["board"])
    return render(request, "offers/member.html", context)


@require_http_methods(["GET", "POST"])
def menu_page(request):
    """The service menu residents order from (居民点单)."""
    items = ServiceItem.objects.filter(active=True)
    if request.method == "POST":
        raw = request.POST.get("item", "")
        item = items.filter(pk=int(raw)).first() if raw.isdigit() and len(raw) < 12 else None
        if item is None:
            messages.error(request, _("Choose a service from the menu."))
        else:
            note = request.POST.get("note", "")
            try:
                case = order_service(actor=request.user, item=item, note=note)
            except OfferRefused as refused:
                messages.error(request, refused.message)
            else:
                messages.success(
                    request,
                    _("Ordered: %(item)s. A party member nearby will take it.") % {"item": item},
                )
                return redirect(reverse("cases:detail", args=[case.pk]))
    return render(request, "offers/menu.html", {"items": items})


def lists_page(request):
    """A community's two lists: its agreements with the units' offers, and its open needs with
    suggested units."""
    area = access_overview(request.user, request.GET.get("area"))
    return render(request, "offers/lists.html", desks.two_lists(area))


@require_http_methods(["POST"])
def request_offer_view(request, offer_id: int):
    """A community asks for an offer for one of its compounds."""

    offer = get_object_or_404(Offer, pk=offer_id, active=True)
    raw = request.POST.get("compound", "")
    compound = (
        Area.objects.filter(pk=int(raw), level=Area.Level.COMPOUND).first()
        if raw.isdigit() and len(raw) < 12
        else None
    )
    if compound is None:
        messages.error(request, _("Choose the compound the service is for."))
        return redirect(reverse("offers:lists"))
    try:
        made = request_offer(
            actor=request.user, offer=offer, compound=compound, note=request.POST.get("note", "")
        )
    except OfferRefused as refused:
        messages.error(request, refused.message)
        return redirect(reverse("offers:lists"))
    messages.success(
        request, _("Requested %(offer)s; the unit will sign for it.") % {"offer": offer}
    )
    return redirect(reverse("cases:detail", args=[made.case.pk]))


def registrations_page(request):
    """Who reported (报到) in an area: members or units, newest first, or as an Excel ledger
    (the background writer's from `LARGE_EXPORT` rows)."""
    area = access_overview(request.user, request.GET.get("area"))
    kind = "unit" if request.GET.get("kind") == "unit" else "member"
    if request.GET.get("format") == "xlsx":
        return export_views.answer(
            request,
            kind=f"registrations:{kind}",
            params=request.GET.dict(),
            make=ledgers.registrations_ledger,
        )
    page = _page_of(request, selectors.registrations_in(area, kind), 50)
    context = {
        "area": area,
        "kind": kind,
        "page": page,
        "headers": ledgers.REGISTRATION_HEADERS[kind],
        "rows": [ledgers.registration_cells(kind, r) for r in page.object_list],
    }
    return render(request, "offers/registrations.html", context)


def pairings_ledger(request):
    """The pairings (包联) under an area as an Excel ledger: place, its level, unit, since."""
    params = request.GET.dict()
    return export_views.answer(
        request, kind="pairings", params=params, make=ledgers.pairings_ledger
    )
