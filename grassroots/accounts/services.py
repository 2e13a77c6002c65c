"""Writes for accounts: login protection and API tokens."""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from grassroots.accounts.models import ApiToken, LoginLock, User
from grassroots.core.audit import record_audit


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
