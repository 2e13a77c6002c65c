"""One-time codes through the outbox, their throttle, and 找回密码 by mobile."""

import re

import pytest
from django.contrib.auth import authenticate
from django.urls import reverse
from django.utils import timezone

from grassroots.accounts import codes, credentials
from grassroots.accounts.errors import AccountRefused
from grassroots.accounts.models import OneTimeCode, SmsOutbox
from grassroots.conftest import make_user
from grassroots.core.models import AuditEntry

pytestmark = pytest.mark.django_db

MOBILE = "17012340001"


def last_code(mobile: str) -> str:
    """The code in the newest text message the outbox kept for `mobile`."""
    text = SmsOutbox.objects.filter(mobile=mobile).latest("created_at", "pk").text
    match = re.search(r"\d{6}", text)
    assert match, text
    return match.group()


def test_a_code_is_kept_hashed_and_texted_through_the_outbox():
    issued = codes.issue_code(mobile=MOBILE, purpose="signup", address="10.0.0.1")
    code = last_code(MOBILE)
    assert code not in issued.code_hash and len(issued.code_hash) == 64
    assert (issued.expires_at - issued.created_at).total_seconds() == pytest.approx(600, abs=1)
    assert codes.check_code(mobile=MOBILE, purpose="signup", code=code) == issued


def test_a_second_send_within_a_minute_is_refused(client):
    codes.issue_code(mobile=MOBILE, purpose="signup")
    with pytest.raises(AccountRefused) as refused:
        codes.issue_code(mobile=MOBILE, purpose="signup")
    assert refused.value.http_status == 429
    assert SmsOutbox.objects.filter(mobile=MOBILE).count() == 1
    response = client.post(reverse("sign_up"), {"mobile": MOBILE, "send": "1"})
    assert response.status_code == 429
    assert "秒后再试" in response.content.decode() or "seconds" in response.content.decode()


def test_sends_past_the_hourly_number_are_refused(settings):
    settings.SMS_CODE_INTERVAL_SECONDS = 0
    for _ in range(settings.SMS_CODES_PER_MOBILE_HOUR):
        codes.issue_code(mobile=MOBILE, purpose="signup")
    with pytest.raises(AccountRefused, match="该手机号获取验证码次数过多"):
        codes.issue_code(mobile=MOBILE, purpose="signup")


def test_one_address_cannot_ask_codes_for_many_mobiles(settings):
    settings.SMS_CODES_PER_ADDRESS_HOUR = 2
    codes.issue_code(mobile="17012340002", purpose="signup", address="10.9.9.9")
    codes.issue_code(mobile="17012340003", purpose="signup", address="10.9.9.9")
    with pytest.raises(AccountRefused, match="该网络地址"):
        codes.issue_code(mobile="17012340004", purpose="signup", address="10.9.9.9")


def test_five_wrong_codes_kill_the_code(settings):
    codes.issue_code(mobile=MOBILE, purpose="signup")
    right = last_code(MOBILE)
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        with pytest.raises(AccountRefused, match="验证码错误"):
            codes.check_code(mobile=MOBILE, purpose="signup", code=wrong)
    with pytest.raises(AccountRefused, match="输错次数过多"):
        codes.check_code(mobile=MOBILE, purpose="signup", code=right)


def test_an_expired_code_is_refused():
    codes.issue_code(mobile=MOBILE, purpose="signup")
    OneTimeCode.objects.update(expires_at=timezone.now() - timezone.timedelta(seconds=1))
    with pytest.raises(AccountRefused, match="已过期"):
        codes.check_code(mobile=MOBILE, purpose="signup", code=last_code(MOBILE))


def test_a_code_for_sign_up_does_not_reset_a_password():
    make_user("wanghua", mobile=MOBILE)
    codes.issue_code(mobile=MOBILE, purpose="signup")
    with pytest.raises(AccountRefused, match="没有待用的验证码"):
        credentials.reset_password(mobile=MOBILE, code=last_code(MOBILE), password="Qingshui-2026")


def test_reset_by_page_changes_the_password_once(client):
    user = make_user("wanghua", mobile=MOBILE)
    response = client.post(reverse("password_reset"), {"mobile": MOBILE, "send": "1"})
    assert response.status_code == 200
    code = last_code(MOBILE)
    form = {"mobile": MOBILE, "code": code, "password": "Qingshui-2026", "reset": "1"}
    response = client.post(reverse("password_reset"), form)
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert authenticate(username="wanghua", password="pw-wanghua") is None
    assert authenticate(username=MOBILE, password="Qingshui-2026") == user
    again = client.post(reverse("password_reset"), {**form, "password": "Another-2027x"})
    assert again.status_code == 400
    assert authenticate(username=MOBILE, password="Qingshui-2026") == user
    audited = AuditEntry.objects.filter(target_type="accounts.user", target_id=str(user.pk))
    assert list(audited.values_list("detail", flat=True)) == [{"action": "reset_password"}]


def test_reset_refuses_a_weak_password_and_an_unknown_mobile(client):
    make_user("wanghua", mobile=MOBILE)
    codes.issue_code(mobile=MOBILE, purpose="reset")
    with pytest.raises(AccountRefused) as refused:
        credentials.reset_password(mobile=MOBILE, code=last_code(MOBILE), password="123")
    assert "password" in refused.value.fields
    response = client.post(reverse("password_reset"), {"mobile": "17099999999", "send": "1"})
    assert response.status_code == 400
    assert not SmsOutbox.objects.filter(mobile="17099999999").exists()


def test_the_login_page_links_sign_up_and_reset(client):
    page = client.get(reverse("login")).content.decode()
    assert reverse("sign_up") in page and reverse("password_reset") in page
    assert client.get(reverse("sign_up")).status_code == 200
    assert client.get(reverse("password_reset")).status_code == 200


def test_a_real_provider_is_a_dotted_path(settings):
    settings.GRASSROOTS_SMS_BACKEND = "grassroots.accounts.tests.test_codes_and_reset.Recorder"
    Recorder.sent.clear()
    codes.issue_code(mobile=MOBILE, purpose="signup")
    assert [m for m, _t in Recorder.sent] == [MOBILE]
    assert not SmsOutbox.objects.filter(mobile=MOBILE).exists()


class Recorder:
    sent: list[tuple[str, str]] = []

    def send(self, mobile: str, text: str) -> None:
        self.sent.append((mobile, text))
