"""One-time codes texted to a mobile: issued under a throttle, kept only as a keyed hash,
checked (a wrong code counts against it) and used once.

Checking and using are two steps on purpose: `check_code` runs outside the caller's
transaction, so a wrong try is counted even though the caller's write is refused; `use_code`
runs inside it, a conditional UPDATE, so two requests with the same code make one account.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.accounts.errors import AccountRefused
from grassroots.accounts.models import OneTimeCode
from grassroots.accounts.sms import send_sms

Purpose = OneTimeCode.Purpose


def _hash(*, mobile: str, purpose: str, code: str) -> str:
    message = f"{purpose}:{mobile}:{code.strip()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _lifetime(purpose: str) -> timedelta:
    if purpose == Purpose.INVITE:
        return timedelta(days=settings.SMS_INVITE_DAYS)
    return timedelta(minutes=settings.SMS_CODE_MINUTES)


def _throttled(message: str) -> AccountRefused:
    return AccountRefused("throttled", message, fields={"mobile": message})


def check_throttle(*, mobile: str, address: str = "") -> None:
    """Refuse a send within a minute of the last one to this mobile, past the hourly number
    for the mobile, or past the hourly number from one address (when an address is given)."""
    now = timezone.now()
    recent = OneTimeCode.objects.filter(created_at__gt=now - timedelta(hours=1))
    last = recent.filter(mobile=mobile).order_by("-created_at").first()
    interval = timedelta(seconds=settings.SMS_CODE_INTERVAL_SECONDS)
    if last and now - last.created_at < interval:
        seconds = int((interval - (now - last.created_at)).total_seconds()) + 1
        raise _throttled(
            _("A code was sent less than a minute ago; try again in %(seconds)d seconds.")
            % {"seconds": seconds}
        )
    if recent.filter(mobile=mobile).count() >= settings.SMS_CODES_PER_MOBILE_HOUR:
        raise _throttled(_("Too many codes were sent to this mobile number; try again later."))
    if address and recent.filter(address=address).count() >= settings.SMS_CODES_PER_ADDRESS_HOUR:
        raise _throttled(_("Too many codes were requested from this address; try again later."))


def issue_code(
    *, mobile: str, purpose: str, address: str = "", message: str = "", extra: dict | None = None
) -> OneTimeCode:
    """Make a fresh code for `mobile` (older unused ones stop working) and text it; only its
    hash is kept. `message` may carry `%(code)s`, `%(minutes)d` and the keys of `extra`."""
    check_throttle(mobile=mobile, address=address)
    code = f"{secrets.randbelow(10**6):06d}"
    now = timezone.now()
    with transaction.atomic():
        live = OneTimeCode.objects.filter(mobile=mobile, purpose=purpose, used_at__isnull=True)
        live.filter(expires_at__gt=now).update(expires_at=now)
        issued = OneTimeCode.objects.create(
            mobile=mobile,
            purpose=purpose,
            code_hash=_hash(mobile=mobile, purpose=purpose, code=code),
            address=address or "",
            expires_at=now + _lifetime(purpose),
        )
    text = message or _("Your verification code is %(code)s, valid for %(minutes)d minutes.")
    send_sms(mobile, text % {"code": code, "minutes": settings.SMS_CODE_MINUTES, **(extra or {})})
    return issued


def _wrong(message: str) -> AccountRefused:
    return AccountRefused("invalid", message, fields={"code": message})


def check_code(*, mobile: str, purpose: str, code: str) -> OneTimeCode:
    """The live code `code` is for this mobile and purpose; a wrong one counts a try, and the
    limit's try (LOGIN_FAILURE_LIMIT, as for passwords) kills the code."""
    latest = (
        OneTimeCode.objects.filter(mobile=mobile, purpose=purpose).order_by("-created_at", "-pk")
    ).first()
    if latest is None or latest.used_at is not None:
        raise _wrong(_("No code is waiting for this mobile number; ask for a new one."))
    if latest.attempts >= settings.LOGIN_FAILURE_LIMIT:
        raise _wrong(_("The code was entered wrongly too many times; ask for a new one."))
    if latest.expires_at <= timezone.now():
        raise _wrong(_("The code has expired; ask for a new one."))
    if not hmac.compare_digest(latest.code_hash, _hash(mobile=mobile, purpose=purpose, code=code)):
        OneTimeCode.objects.filter(pk=latest.pk).update(attempts=F("attempts") + 1)
        raise _wrong(_("The code is wrong; check the text message and try again."))
    return latest


def use_code(issued: OneTimeCode) -> None:
    """Spend a checked code, inside the caller's transaction; a second use is refused."""
    spent = OneTimeCode.objects.filter(pk=issued.pk, used_at__isnull=True).update(
        used_at=timezone.now()
    )
    if not spent:
        raise _wrong(_("No code is waiting for this mobile number; ask for a new one."))
