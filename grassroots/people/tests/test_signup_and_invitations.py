"""注册 by a texted code, linked to the register; invitations staff send to imported residents."""

import pytest
from django.contrib.auth import authenticate
from django.urls import reverse
from django.utils import timezone

from grassroots.accounts import codes
from grassroots.accounts.errors import AccountRefused
from grassroots.accounts.models import OneTimeCode, Role, RoleAssignment, SmsOutbox, User
from grassroots.accounts.tests.test_codes_and_reset import last_code
from grassroots.conftest import make_user
from grassroots.core.models import AuditEntry
from grassroots.people import signup
from grassroots.people.models import Invitation, Person

pytestmark = pytest.mark.django_db

MOBILE = "17012340011"
PASSWORD = "Qingshui-2026"


def _form(code: str, compound=None, **extra) -> dict:
    form = {"mobile": MOBILE, "code": code, "full_name": "李春梅", "password": PASSWORD}
    return {**form, "compound": compound.pk if compound else "", "sign_up": "1", **extra}


def test_sign_up_with_a_wrong_code_is_refused(client, compound):
    client.post(reverse("sign_up"), {"mobile": MOBILE, "send": "1"})
    right = last_code(MOBILE)
    response = client.post(
        reverse("sign_up"), _form("000000" if right != "000000" else "1", compound)
    )
    assert response.status_code == 400
    assert not User.objects.filter(mobile=MOBILE).exists()
    assert OneTimeCode.objects.get(mobile=MOBILE).attempts == 1


def test_sign_up_with_an_expired_code_is_refused(client, compound):
    client.post(reverse("sign_up"), {"mobile": MOBILE, "send": "1"})
    OneTimeCode.objects.update(expires_at=timezone.now() - timezone.timedelta(seconds=1))
    response = client.post(reverse("sign_up"), _form(last_code(MOBILE), compound))
    assert response.status_code == 400
    assert not User.objects.filter(mobile=MOBILE).exists()


def test_a_code_from_the_outbox_works_once(client, compound):
    client.post(reverse("sign_up"), {"mobile": MOBILE, "send": "1"})
    code = last_code(MOBILE)
    response = client.post(reverse("sign_up"), _form(code, compound))
    assert response.status_code == 302 and response["Location"] == reverse("home")
    user = User.objects.get(mobile=MOBILE)
    assert response.wsgi_request.user == user and user.full_name == "李春梅"
    person = Person.objects.get(user=user)
    assert (person.name, person.mobile, person.home_area) == ("李春梅", MOBILE, compound)
    assert list(RoleAssignment.objects.filter(user=user).values_list("role", "area")) == [
        (Role.RESIDENT, compound.pk)
    ]
    assert AuditEntry.objects.filter(target_type="accounts.user", target_id=str(user.pk)).exists()
    client.logout()
    # Even with the mobile free again, the code is spent.
    User.objects.filter(pk=user.pk).update(mobile=None, username="moved-away")
    with pytest.raises(AccountRefused, match="没有待用的验证码"):
        signup.sign_up_resident(
            mobile=MOBILE, code=code, password=PASSWORD, full_name="李春梅", compound=compound
        )


def test_a_registered_mobile_gets_no_code(client):
    make_user("lichunmei", mobile=MOBILE)
    response = client.post(reverse("sign_up"), {"mobile": MOBILE, "send": "1"})
    assert response.status_code == 409
    assert (
        "already registered" in response.content.decode() or "已注册" in response.content.decode()
    )
    assert not OneTimeCode.objects.filter(mobile=MOBILE).exists()


def test_sign_up_links_the_one_person_on_the_register_with_that_mobile(building, compound):
    person = Person.objects.create(name="赵大山", mobile=MOBILE, home_area=building)
    codes.issue_code(mobile=MOBILE, purpose="signup")
    user = signup.sign_up_resident(
        mobile=MOBILE, code=last_code(MOBILE), password=PASSWORD, full_name="赵大山"
    )
    person.refresh_from_db()
    assert person.user == user
    assert RoleAssignment.objects.get(user=user).area == compound


def test_sign_up_without_a_compound_or_a_register_entry_is_refused():
    codes.issue_code(mobile=MOBILE, purpose="signup")
    with pytest.raises(AccountRefused) as refused:
        signup.sign_up_resident(
            mobile=MOBILE, code=last_code(MOBILE), password=PASSWORD, full_name="李春梅"
        )
    assert "compound" in refused.value.fields
    assert OneTimeCode.objects.get(mobile=MOBILE).used_at is None


# --- invitations ------------------------------------------------------------------------------


@pytest.fixture
def imported(building):
    return Person.objects.create(name="孙桂兰", mobile=MOBILE, home_area=building)


def test_staff_invite_and_the_invited_person_signs_up_linked(
    client, staff_user, imported, compound
):
    client.force_login(staff_user)
    listing = client.get(reverse("people:list")).content.decode()
    assert reverse("people:invite", args=[imported.pk]) in listing
    response = client.post(reverse("people:invite", args=[imported.pk]))
    assert response.status_code == 302
    invitation = Invitation.objects.get(person=imported)
    assert invitation.invited_by == staff_user
    assert reverse("accept_invitation") in SmsOutbox.objects.get(mobile=MOBILE).text
    assert AuditEntry.objects.filter(actor=staff_user, target_type="people.invitation").exists()
    client.logout()
    form = {"mobile": MOBILE, "code": last_code(MOBILE), "password": PASSWORD}
    response = client.post(reverse("accept_invitation"), form)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    imported.refresh_from_db()
    assert imported.user is not None and imported.user.mobile == MOBILE
    assert RoleAssignment.objects.get(user=imported.user).area == compound
    assert authenticate(username=MOBILE, password=PASSWORD) == imported.user
    again = client.post(reverse("accept_invitation"), form)
    assert again.status_code == 400


def test_staff_of_another_county_get_404(client, imported):
    client.force_login(User.objects.get(username="staff"))  # the demo's, in 夏县
    assert client.post(reverse("people:invite", args=[imported.pk])).status_code == 404
    assert not Invitation.objects.exists()


def test_an_auditor_may_not_invite(client, county, imported):
    auditor = make_user("auditor1", Role.AUDITOR, area=county)
    client.force_login(auditor)
    assert client.post(reverse("people:invite", args=[imported.pk])).status_code == 403
    with pytest.raises(AccountRefused) as refused:
        signup.invite_person(actor=auditor, person=imported, link="/accounts/invitation/")
    assert refused.value.code == "forbidden"
    assert not Invitation.objects.exists()


def test_a_person_with_an_account_is_not_invited(staff_user, imported):
    imported.user = make_user("sunguilan")
    imported.save()
    with pytest.raises(AccountRefused, match="此人已有账号"):
        signup.invite_person(actor=staff_user, person=imported, link="/accounts/invitation/")
