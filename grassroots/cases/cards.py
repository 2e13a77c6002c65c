"""事项转批卡: the transfer card as a print page and as a PDF with a QR code to the case."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from grassroots.areas.selectors import ancestors_and_self
from grassroots.cases.models import TransferCard
from grassroots.core.qr import qr_data_uri


def card_context(card: TransferCard, *, base_url: str) -> dict:
    """Everything the card shows: the case, where, who handles it, by when, and the QR code."""
    case = card.case
    url = base_url.rstrip("/") + reverse("cases:detail", args=[case.pk])
    places = [a.name for a in ancestors_and_self(case.area) if a.level in ("compound", "building")]
    return {
        "card": card,
        "case": case,
        "place": " ".join(places),
        "due": timezone.localtime(card.due_at) if card.due_at else None,
        "issued": timezone.localtime(card.issued_at),
        "qr": qr_data_uri(url),
        "url": url,
    }


def render_card_pdf(card: TransferCard, *, base_url: str) -> bytes:
    """The card as an A4 PDF (WeasyPrint, Noto CJK fonts embedded)."""
    from weasyprint import HTML

    html = render_to_string("cases/card_pdf.html", card_context(card, base_url=base_url))
    return HTML(string=html, base_url=base_url).write_pdf()
