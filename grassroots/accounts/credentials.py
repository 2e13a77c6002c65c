"""Accounts a resident makes and recovers with a code texted to their mobile.

Making the account and its resident role is here; linking it to a person on the register is
the people app's (`people.signup`), which calls these from the layer above.
"""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from grassroots.accounts import codes
from grassroots.accounts.errors import AccountRefused
from grassroots.accounts.models import LoginLock, Role, RoleAssignment, User, mobile_validator
from grassroots.core.audit import record_audit

Purpose = codes.Purpose


def check_mobile(mobile: str) -> str:
    """The mobile number as typed, if it is one (11 digits starting with 1)."""
    mobile = (mobile or "").strip()
    try:
        mobile_validator(mobile)
    except ValidationError as error:
        raise AccountRefused(
            "invalid", error.messages[0], fields={"mobile": error.messages[0]}
        ) from None
    return mobile


def mobile_taken(mobile: str) -> bool:
    return (
        User.objects.filter(mobile=mobile).exists() or User.objects.filter(username=mobile).exists()
    )


def registered_refusal() -> AccountRefused:
    message = _("This mobile number is already registered; sign in or reset the password.")
    return AccountRefused("conflict", message, fields={"mobile": message})


def send_signup_code(*, mobile: str, address: str = "") -> None:
    """Text a sign-up code to a mobile no account uses yet."""
    mobile = check_mobile(mobile)
    if mobile_taken(mobile):
        raise registered_refusal()
    codes.issue_code(mobile=mobile, purpose=Purpose.SIGNUP, address=address)


def send_reset_code(*, mobile: str, address: str = "") -> None:
    """Text a password-reset code to the mobile of an active account."""
    mobile = check_mobile(mobile)
    if not User.objects.filter(mobile=mobile, is_active=True).exists():
        message = _("No account uses this mobile number; sign up first.")
        raise AccountRefused("invalid", message, fields={"mobile": message})
    codes.issue_code(mobile=mobile, purpose=Purpose.RESET, address=address)


def check_password(password: str, user: User) -> None:
    """Django's password validators, as a refusal on the password field."""
    try:
        validate_password(password, user)
    except ValidationError as error:
        text = " ".join(error.messages)
        raise AccountRefused("invalid", text, fields={"password": text}) from None


def create_resident_account(
    *, mobile: str, password: str, full_name: str, area=None, address: str = ""
) -> User:
    """Inside the caller's transaction: a user signing in by mobile, holding the resident role
    at `area` (their compound) when one is known; audited."""
    if mobile_taken(mobile):
        raise registered_refusal()
    user = User(username=mobile, mobile=mobile, full_name=full_name.strip()[:50])
    check_password(password, user)
    user.set_password(password)
    user.save()
    if area is not None:
        RoleAssignment.objects.create(user=user, role=Role.RESIDENT, area=area)
    detail = {"action": "sign_up", "area": str(area or "")}
    record_audit(actor=user, action="create", target=user, detail=detail, address=address or None)
    return user


def reset_password(*, mobile: str, code: str, password: str, address: str = "") -> User:
    """Set a new password for the account using `mobile`, proven by a reset code; the old
    password stops working and earlier failed sign-ins are forgotten."""
    mobile = check_mobile(mobile)
    user = User.objects.filter(mobile=mobile, is_active=True).first()
    if user is None:
        message = _("No account uses this mobile number; sign up first.")
        raise AccountRefused("invalid", message, fields={"mobile": message})
    check_password(password, user)
    issued = codes.check_code(mobile=mobile, purpose=Purpose.RESET, code=code)
    with transaction.atomic():
        codes.use_code(issued)
        user.set_password(password)
        user.save(update_fields=["password"])
        LoginLock.objects.filter(username__in=[user.username.lower(), mobile]).delete()
        detail = {"action": "reset_password"}
        record_audit(
            actor=user, action="change", target=user, detail=detail, address=address or None
        )
    return user
