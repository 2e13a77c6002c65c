from django.shortcuts import get_object_or_404, render

from grassroots.cases.cards import card_context, render_card_pdf
from grassroots.cases.models import TransferCard
from grassroots.cases.permissions import access_case
from grassroots.core.files import audited_pdf


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
    return audited_pdf(request, card, pdf, f"事项转批卡-{card.number}.pdf")
