"""Who calls the JSON API, decided once per request.

A request that sends an `Authorization` header is decided by it alone: the owner of a valid
bearer token, or nobody (a malformed, unknown, expired or revoked token is never rescued by a
session cookie). Without the header, the signed-in session's user calls, but only with the
page's CSRF token on unsafe methods: the API's views are CSRF-exempt so that bearer calls need
none, and this is where a session call gets its protection back.

`ApiCallerMiddleware` (accounts/middleware.py) resolves it before the middleware that needs the
caller (idempotency keys belong to a user); the API's auth classes read the same answer.
"""

from dataclasses import dataclass

from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware

from grassroots.accounts.models import User
from grassroots.accounts.services import user_for_api_token

API_PREFIX = "/api/"


@dataclass(frozen=True)
class ApiCaller:
    user: User | None  # whom the API acts for; None when nobody may be acted for
    credential: str  # "bearer", "session" or "" (nothing was sent)
    csrf_refused: bool = False  # a signed-in session posting without the page's CSRF token


def api_caller(request) -> ApiCaller:
    """The request's caller, resolved on first use and kept on the request."""
    caller = getattr(request, "api_caller", None)
    if caller is None:
        caller = request.api_caller = _resolve(request)
    return caller


def _resolve(request) -> ApiCaller:
    header = request.headers.get("Authorization")
    if header is not None:
        scheme, _sep, token = header.partition(" ")
        token = token.strip()
        user = user_for_api_token(token) if scheme.lower() == "bearer" and token else None
        return ApiCaller(user=user, credential="bearer")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ApiCaller(user=None, credential="")
    if _csrf_refused(request):
        return ApiCaller(user=None, credential="session", csrf_refused=True)
    return ApiCaller(user=user, credential="session")


def _protected_view(request):  # stands for a view that is not CSRF-exempt
    raise NotImplementedError


def _no_response(request) -> HttpResponse:  # the middleware is only asked, never passed through
    raise NotImplementedError


def _csrf_refused(request) -> bool:
    """Django's own CSRF check, as it runs before a page's view (safe methods pass)."""
    check = CsrfViewMiddleware(_no_response)
    return check.process_view(request, _protected_view, (), {}) is not None
