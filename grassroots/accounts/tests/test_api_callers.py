"""Who may call the JSON API: a bearer token decides alone when one is sent (anything but a
valid one is 401 in Chinese, GET and POST alike); a signed-in page calls with its session and
must carry its CSRF token on a POST."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from grassroots.accounts import services as account_services
from grassroots.accounts.models import ApiToken, User
from grassroots.accounts.services import issue_api_token
from grassroots.areas.models import Area
from grassroots.cases.models import Case

pytestmark = pytest.mark.django_db
UNAUTHENTICATED = "请先登录，或提供有效的访问令牌。"


def report() -> str:
    area = Area.objects.get(name="骨科小区")
    return json.dumps(
        {"category": "drainage", "area": area.pk, "description": "巷道下水道堵塞，污水外溢。"}
    )


def error(response, status: int) -> dict:
    assert response.status_code == status, response.content
    body = response.json()["error"]
    assert set(body) == {"code", "message", "fields"} and body["message"]
    return body


def _revoked() -> str:
    key, token = issue_api_token(user=User.objects.get(username="secretary"))
    ApiToken.objects.filter(pk=token.pk).update(revoked=True)
    return f"Bearer {key}"


def _expired() -> str:
    key, token = issue_api_token(user=User.objects.get(username="secretary"))
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    return f"Bearer {key}"


CREDENTIALS = {
    "none": lambda: None,
    "empty bearer": lambda: "Bearer ",
    "unknown token": lambda: "Bearer not-a-token",
    "other scheme": lambda: "Token abc",
    "basic": lambda: "Basic c2VjcmV0YXJ5Olhp",
    "revoked": _revoked,
    "expired": _expired,
}


@pytest.mark.parametrize("credential", CREDENTIALS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_no_malformed_revoked_or_expired_token_is_401_in_chinese(credential, method):
    client = Client(enforce_csrf_checks=True)  # as a program calling from outside would
    header = CREDENTIALS[credential]()
    headers = {"HTTP_AUTHORIZATION": header} if header is not None else {}
    before = Case.objects.count()
    if method == "get":
        response = client.get("/api/v1/cases", **headers)
    else:
        response = client.post(
            "/api/v1/cases",
            report(),
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY="k-1",
            **headers,
        )
    body = error(response, 401)
    assert body == {"code": "unauthenticated", "message": UNAUTHENTICATED, "fields": {}}
    assert Case.objects.count() == before


def test_a_bad_token_is_401_even_with_a_signed_in_session():
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.get(username="secretary"))
    response = client.get("/api/v1/cases", HTTP_AUTHORIZATION="Bearer not-a-token")
    assert error(response, 401)["code"] == "unauthenticated"


def _signed_in_page() -> tuple[Client, str]:
    """A browser signed in as the secretary, holding the CSRF token a page gave it."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.get(username="secretary"))
    assert client.get("/cases/new/").status_code == 200
    return client, client.cookies["csrftoken"].value


def test_a_session_post_without_the_csrf_token_is_refused_and_with_it_works():
    client, token = _signed_in_page()
    before = Case.objects.count()
    refused = client.post(
        "/api/v1/cases", report(), content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-2"
    )
    assert error(refused, 403)["code"] == "csrf_failed"
    assert Case.objects.count() == before
    # The refusal kept no key: the same key with the token runs, it is not a replay of the 403.
    taken = client.post(
        "/api/v1/cases",
        report(),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="k-2",
        HTTP_X_CSRFTOKEN=token,
    )
    assert taken.status_code == 201, taken.content
    assert "Idempotent-Replayed" not in taken
    assert Case.objects.count() == before + 1
    assert client.get("/api/v1/cases").status_code == 200  # reading needs no token


def test_a_bearer_post_resolves_its_token_once(monkeypatch):
    key, _token = issue_api_token(user=User.objects.get(username="secretary"))
    calls = []
    real = account_services.user_for_api_token
    monkeypatch.setattr(
        "grassroots.accounts.callers.user_for_api_token",
        lambda key: calls.append(key) or real(key),
    )
    response = Client(enforce_csrf_checks=True).post(
        "/api/v1/cases",
        report(),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
        HTTP_IDEMPOTENCY_KEY="k-3",
    )
    assert response.status_code == 201, response.content
    assert calls == [key]
