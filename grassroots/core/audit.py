"""Writing the append-only audit log."""

from typing import Any

from grassroots.core.models import AuditEntry


def record_audit(
    *,
    actor: Any,
    action: str,
    target: Any = None,
    detail: dict[str, Any] | None = None,
    address: str | None = None,
) -> AuditEntry:
    """Append one audit entry for what `actor` did to `target` (a model instance, or an object
    naming its `audit_type`, such as several areas at once)."""
    kind = getattr(target, "audit_type", None) or getattr(
        getattr(target, "_meta", None), "label_lower", ""
    )
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        target_type=str(kind) if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:200] if target is not None else "",
        detail=detail or {},
        address=address,
    )


def client_address(request: Any) -> str | None:
    """The client's address as the server saw it (a proxy must set REMOTE_ADDR correctly)."""
    return request.META.get("REMOTE_ADDR") or None
