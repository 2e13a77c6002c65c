"""The volunteer-service certificate as an A4 PDF with a QR code to its public check page."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from grassroots.core.masking import mask_name
from grassroots.core.qr import qr_data_uri
from grassroots.volunteering.models import Certificate
from grassroots.volunteering.services.hours import star_level


def verify_url(certificate: Certificate, *, base_url: str) -> str:
    return base_url.rstrip("/") + reverse("volunteering:verify", args=[certificate.verify_token])


def render_certificate_pdf(certificate: Certificate, *, base_url: str) -> bytes:
    from weasyprint import HTML

    url = verify_url(certificate, base_url=base_url)
    html = render_to_string(
        "volunteering/certificate_pdf.html",
        {
            "c": certificate,
            "stars": star_level(certificate.hours),
            "issued": timezone.localtime(certificate.issued_at),
            "qr": qr_data_uri(url, box_size=6),
            "url": url,
            "masked": mask_name(certificate.holder_name),
        },
    )
    return HTML(string=html, base_url=base_url).write_pdf()
