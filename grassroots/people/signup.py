"""A resident's account and their person on the register: sign-up by a texted code, and the
invitations staff send to imported residents who have a mobile but no account.

The account itself is made by `accounts.credentials` (the layer below); here it is tied to the
`Person` it belongs to and given the resident role at that person's compound.
"""

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.accounts import codes, credentials
from grassroots.accounts.errors import AccountRefused
from grassroots.accounts.models import User
from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area
from grassroots.core.audit import record_audit
from grassroots.people.models import Invitation, Person
from grassroots.people.permissions import INVITE_ROLES, people_visible_to

Purpose = codes.Purpose


def compound_of(area: Area) -> Area:
    """The compound a home lies in (the home itself when it is a compound)."""
    if area.level == Area.Level.COMPOUND:
        return area
    return Area.objects.get(path=Area.cut(area.path, Area.Level.COMPOUND))


def _link(person: Person, user: User) -> None:
    """Tie the account to the person, unless another account took them meanwhile."""
    if not Person.objects.filter(pk=person.pk, user__isnull=True).update(user=user):
        message = _("This person already has an account; sign in or reset the password.")
        raise AccountRefused("conflict", message)


def _home_for_signup(*, mobile: str, compound: Area | None) -> tuple[Person | None, Area]:
    """The one unlinked person on the register with this mobile, or the compound chosen."""
    found = list(Person.objects.filter(mobile=mobile, user__isnull=True)[:2])
    if len(found) == 1:
        return found[0], compound_of(found[0].home_area)
    if compound is None or compound.level != Area.Level.COMPOUND:
        message = _("Choose the residential compound where you live.")
        raise AccountRefused("invalid", message, fields={"compound": message})
    return None, compound


def sign_up_resident(
    *, mobile: str, code: str, password: str, full_name: str, compound=None, address: str = ""
) -> User:
    """A resident's own account, proven by a sign-up code: linked to their person on the
    register when exactly one unlinked person has this mobile, else a new person living in the
    chosen compound; resident role at that compound. Audited."""
    mobile = credentials.check_mobile(mobile)
    if not full_name.strip():
        message = _("Enter your name.")
        raise AccountRefused("invalid", message, fields={"full_name": message})
    if credentials.mobile_taken(mobile):
        raise credentials.registered_refusal()
    credentials.check_password(password, User(username=mobile, mobile=mobile, full_name=full_name))
    person, home = _home_for_signup(mobile=mobile, compound=compound)
    issued = codes.check_code(mobile=mobile, purpose=Purpose.SIGNUP, code=code)
    with transaction.atomic():
        codes.use_code(issued)
        user = credentials.create_resident_account(
            mobile=mobile, password=password, full_name=full_name, area=home, address=address
        )
        if person is None:
            name = full_name.strip()[:50]
            person = Person.objects.create(name=name, mobile=mobile, home_area=home)
        _link(person, user)
        record_audit(actor=user, action="change", target=person, detail={"action": "link_account"})
    return user


# --- Invitations: staff ask an imported resident to take an account ---------------------------


def invite_person(*, actor, person: Person, link: str, address: str = "") -> Invitation:
    """Text a person on the register an invitation code and the page's link: by community
    staff, a secretary or an organisation department whose area holds the person's home; the
    person must have a mobile and no account. Audited."""
    scope = scope_of(actor)
    if not people_visible_to(actor).filter(pk=person.pk).exists():
        raise Http404
    if scope.read_only or not scope.covers(person.home_area, INVITE_ROLES):
        raise AccountRefused(
            "forbidden", _("Only the staff looking after this resident invite them.")
        )
    if person.user_id is not None:
        raise AccountRefused("conflict", _("This person already has an account."))
    if not person.mobile:
        raise AccountRefused("invalid", _("This person has no mobile number on the register."))
    if credentials.mobile_taken(person.mobile):
        raise AccountRefused("conflict", _("Another account already uses this person's mobile."))
    text = _(
        "You are invited to take an account on the community platform: code %(code)s, valid "
        "for %(days)d days. Set your password at %(link)s"
    )
    extra = {"days": settings.SMS_INVITE_DAYS, "link": link}
    codes.issue_code(mobile=person.mobile, purpose=Purpose.INVITE, message=text, extra=extra)
    invitation = Invitation.objects.create(person=person, mobile=person.mobile, invited_by=actor)
    record_audit(
        actor=actor,
        action="create",
        target=invitation,
        detail={"action": "invite"},
        address=address or None,
    )
    return invitation


def accept_invitation(*, mobile: str, code: str, password: str, address: str = "") -> User:
    """The invited person sets a password with the invitation's code: an account tied to
    their person, resident of their compound. Audited."""
    mobile = credentials.check_mobile(mobile)
    invitation = (
        Invitation.objects.select_related("person__home_area")
        .filter(mobile=mobile, accepted_at__isnull=True, person__user__isnull=True)
        .first()
    )
    if invitation is None:
        message = _("No invitation is waiting for this mobile number.")
        raise AccountRefused("invalid", message, fields={"mobile": message})
    person = invitation.person
    credentials.check_password(
        password, User(username=mobile, mobile=mobile, full_name=person.name)
    )
    issued = codes.check_code(mobile=mobile, purpose=Purpose.INVITE, code=code)
    with transaction.atomic():
        codes.use_code(issued)
        user = credentials.create_resident_account(
            mobile=mobile,
            password=password,
            full_name=person.name,
            area=compound_of(person.home_area),
            address=address,
        )
        _link(person, user)
        Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())
        record_audit(
            actor=user,
            action="change",
            target=invitation,
            detail={"action": "accept_invitation"},
            address=address or None,
        )
    return user
