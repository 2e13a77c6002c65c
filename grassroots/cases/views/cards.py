from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.encoding import escape_uri_path

from grassroots.cases.cards import card_context, render_card_pdf
from grassroots.cases.models import TransferCard
from grassroots.cases.permissions import access_case
from grassroots.core.audit import client_address, record_audit


def _card(request, pk: int) -> TransferCard:
    card = get_object_or_404(TransferCard.objects.select_related("case__category", "unit"), pk=pk)
    access_case(request.user, card.case_id)
    return card


def card_page(request, pk: int):
    """The transfer card as a page to print."""
    card = _card(request, pk)
    context = card_context(card, base_url=request.build_absolute_uri("/"))
    return render(request, "cases/card.html", context)


def card_pdf(request, pk: int):
    """The transfer card as a PDF; every download is logged."""
    card = _card(request, pk)
    pdf = render_card_pdf(card, base_url=request.build_absolute_uri("/"))
    record_audit(
        actor=request.user,
        action="export",
        target=card,
        detail={"format": "pdf"},
        address=client_address(request),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = escape_uri_path(f"事项转批卡-{card.number}.pdf")
    response["Content-Disposition"] = f"inline; filename*=utf-8''{name}"
    return response
