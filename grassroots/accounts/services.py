"""Writes for accounts: login protection and API tokens."""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from grassroots.accounts.models import (
    ADMIN_ROLES,
    BACK_OFFICE_ROLES,
    CITY_ROLES,
    ApiToken,
    LoginLock,
    Role,
    RoleAssignment,
    User,
)
from grassroots.accounts.scopes import scope_of
from grassroots.core.audit import record_audit
from grassroots.core.refusals import Refused


def _key(username: str) -> str:
    return (username or "").strip().lower()[:150]


def login_locked_until(*, username: str, address: str) -> datetime | None:
    """When the username+address pair is unlocked again, or None if it is not locked now."""
    lock = LoginLock.objects.filter(username=_key(username), address=address or "").first()
    if lock and lock.locked_until and lock.locked_until > timezone.now():
        return lock.locked_until
    return None


@transaction.atomic
def record_login_failure(*, username: str, address: str) -> datetime | None:
    """Count one failed sign-in; the fifth within the window locks the pair for 30 minutes."""
    now = timezone.now()
    window = timedelta(minutes=settings.LOGIN_LOCK_MINUTES)
    lock, _created = LoginLock.objects.select_for_update().get_or_create(
        username=_key(username), address=address or "", defaults={"last_failure_at": now}
    )
    expired = lock.locked_until and lock.locked_until <= now
    if expired or now - lock.last_failure_at > window:
        lock.failures, lock.locked_until = 0, None
    lock.failures += 1
    lock.last_failure_at = now
    if lock.failures >= settings.LOGIN_FAILURE_LIMIT:
        lock.locked_until = now + window
        record_audit(
            actor=None,
            action="login_locked",
            target=lock,
            detail={"failures": lock.failures},
            address=address or None,
        )
    lock.save()
    return lock.locked_until


def clear_login_failures(*, username: str, address: str) -> None:
    """Forget failures after a successful sign-in."""
    LoginLock.objects.filter(username=_key(username), address=address or "").delete()


def hash_token(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue_api_token(*, user: User, days: int = 30) -> tuple[str, ApiToken]:
    """Create a bearer token; the plain key is returned once and only its hash is stored."""
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        key_hash=hash_token(key),
        prefix=key[:8],
        expires_at=timezone.now() + timedelta(days=days),
    )
    return key, token


def user_for_api_token(key: str) -> User | None:
    """The active user a bearer key belongs to, or None if unknown, expired or revoked."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(key), revoked=False, expires_at__gt=timezone.now())
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    return token.user


# --- Roles: who holds what, granted only within the granter's reach --------------------------


class RoleRefused(Refused):
    """A role that may not be granted or revoked by this actor (always `forbidden`)."""

    def __init__(self, message: str):
        super().__init__("forbidden", message)


def grant_refusal(actor, *, role: str, area=None, unit=None) -> str | None:
    """Why `actor` may not grant `role` at `area` or `unit`, or None when they may: a role is
    granted by a superuser, or by an organisation department within its own areas; the city's
    roles only by the city's department, at the city."""
    scope = scope_of(actor)
    if scope.is_superuser:
        return None
    if scope.read_only or not scope.roles & set(ADMIN_ROLES):
        return gettext("Only an organisation department grants roles.")
    if role in CITY_ROLES:
        if area is None or area.level != "city" or not scope.covers(area, [Role.CITY_ADMIN]):
            return gettext("Only the city's organisation department grants the city's roles.")
        return None
    place = area if area is not None else getattr(unit, "area", None)
    if place is None or not scope.covers(place, ADMIN_ROLES):
        return gettext("You may grant roles only within the areas you run.")
    return None


@transaction.atomic
def grant_role(actor, *, user: User, role: str, area=None, unit=None) -> RoleAssignment:
    """Give `user` a role scoped to an area or a unit; back-office roles open the back office."""
    refusal = grant_refusal(actor, role=role, area=area, unit=unit)
    if refusal:
        raise RoleRefused(refusal)
    assignment, _created = RoleAssignment.objects.get_or_create(
        user=user, role=role, area=area, unit=unit
    )
    _sync_staff(user)
    record_audit(
        actor=actor,
        action="change",
        target=user,
        detail={"action": "grant_role", "role": role, "scope": str(area or unit)},
    )
    return assignment


@transaction.atomic
def revoke_role(actor, *, assignment: RoleAssignment) -> None:
    """Take a role back, under the same rule as granting it."""
    refusal = grant_refusal(actor, role=assignment.role, area=assignment.area, unit=assignment.unit)
    if refusal:
        raise RoleRefused(refusal)
    user = assignment.user
    detail = {"action": "revoke_role", "role": assignment.role}
    detail["scope"] = str(assignment.area or assignment.unit)
    assignment.delete()
    _sync_staff(user)
    record_audit(actor=actor, action="change", target=user, detail=detail)


def _sync_staff(user: User) -> None:
    """The back office opens to those holding a back-office role (and to superusers)."""
    staff = (
        user.is_superuser
        or RoleAssignment.objects.filter(user=user, role__in=BACK_OFFICE_ROLES).exists()
    )
    if user.is_staff != staff:
        User.objects.filter(pk=user.pk).update(is_staff=staff)
        user.is_staff = staff
