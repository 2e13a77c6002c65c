import pytest
from django.urls import reverse
from django.utils import timezone

from grassroots.accounts.models import LoginLock
from grassroots.conftest import make_user
from grassroots.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _login(client, username, password, address="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_sign_in_by_username_or_mobile(client):
    make_user("wanghua", mobile="13012345678")
    assert _login(client, "wanghua", "pw-wanghua").status_code == 302
    client.logout()
    response = _login(client, "13012345678", "pw-wanghua")
    assert response.status_code == 302
    assert response.wsgi_request.user.username == "wanghua"


def test_fifth_failure_locks_the_pair_with_a_chinese_message(client):
    make_user("wanghua")
    for _ in range(4):
        assert _login(client, "wanghua", "wrong").status_code == 200
    response = _login(client, "wanghua", "wrong")
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()
    # Even the right password is refused while the lock holds.
    response = _login(client, "wanghua", "pw-wanghua")
    assert response.status_code == 429
    assert not response.wsgi_request.user.is_authenticated
    assert AuditEntry.objects.filter(action="login_locked").count() == 1


def test_lock_is_per_address_and_expires_after_thirty_minutes(client):
    make_user("wanghua")
    for _ in range(5):
        _login(client, "wanghua", "wrong")
    assert _login(client, "wanghua", "pw-wanghua", address="10.0.0.2").status_code == 302
    client.logout()
    LoginLock.objects.filter(username="wanghua").update(
        locked_until=timezone.now() - timezone.timedelta(seconds=1)
    )
    assert _login(client, "wanghua", "pw-wanghua").status_code == 302


def test_success_clears_earlier_failures(client):
    make_user("wanghua")
    for _ in range(4):
        _login(client, "wanghua", "wrong")
    assert _login(client, "wanghua", "pw-wanghua").status_code == 302
    client.logout()
    for _ in range(4):
        assert _login(client, "wanghua", "wrong").status_code == 200


def test_api_token_answers_429_when_locked(client):
    make_user("wanghua")
    url = "/api/v1/auth/token"
    body = {"username": "wanghua", "password": "wrong"}
    codes = [client.post(url, body, content_type="application/json").status_code for _ in range(5)]
    assert codes == [401, 401, 401, 401, 429]
    response = client.post(
        url, {"username": "wanghua", "password": "pw-wanghua"}, content_type="application/json"
    )
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "locked"


def test_api_token_is_issued_and_authenticates(client):
    make_user("wanghua")
    response = client.post(
        "/api/v1/auth/token",
        {"username": "wanghua", "password": "pw-wanghua"},
        content_type="application/json",
    )
    assert response.status_code == 200
    token = response.json()["token"]
    from grassroots.accounts.services import user_for_api_token

    assert user_for_api_token(token).username == "wanghua"
    assert user_for_api_token("not-a-token") is None
