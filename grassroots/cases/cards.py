"""事项转批卡: the transfer card as a print page and as a PDF with a QR code to the case."""

import base64
import io

import qrcode
import qrcode.image.svg
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from grassroots.areas.selectors import ancestors_and_self
from grassroots.cases.models import TransferCard


def qr_data_uri(text: str) -> str:
    """An SVG QR code of `text`, as a data URI that needs no other request."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=1)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


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
