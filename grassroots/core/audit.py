"""Writing the append-only audit log."""

from typing import Any

from django.db import models

from grassroots.core.models import AuditEntry


def record_audit(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    detail: dict[str, Any] | None = None,
    address: str | None = None,
) -> AuditEntry:
    """Append one audit entry for what `actor` did to `target`."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:200] if target is not None else "",
        detail=detail or {},
        address=address,
    )


def client_address(request: Any) -> str | None:
    """The client's address as the server saw it (a proxy must set REMOTE_ADDR correctly)."""
    return request.META.get("REMOTE_ADDR") or None
