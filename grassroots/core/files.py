"""Files handed out: every PDF download is an export, logged with who, what and from where."""

from django.http import HttpResponse
from django.utils.encoding import escape_uri_path

from grassroots.core.audit import client_address, record_audit


def audited_pdf(request, target, pdf: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    """The PDF as a response, after an audit entry for its export."""
    record_audit(
        actor=request.user,
        action="export",
        target=target,
        detail={"format": "pdf"},
        address=client_address(request),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=utf-8''{escape_uri_path(filename)}"
    return response
