"""The one NinjaAPI at /api/v1/, mounting each app's router."""

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.security.base import AuthBase

from grassroots.accounts.api import router as auth_router
from grassroots.accounts.callers import api_caller
from grassroots.areas.api import router as areas_router
from grassroots.cases.api import router as cases_router
from grassroots.core.errors import ApiError, error_body, install_error_handlers
from grassroots.core.throttle import CallerThrottle
from grassroots.units.api import router as units_router


class BearerToken(AuthBase):
    """`Authorization: Bearer <token>`. A request sending that header is decided by it alone:
    a malformed, unknown, expired or revoked token is 401, whatever session cookie comes along."""

    openapi_type = "http"
    openapi_scheme = "bearer"

    def __call__(self, request: HttpRequest):
        caller = api_caller(request)
        if caller.credential != "bearer":
            return None
        if caller.user is None:
            raise AuthenticationError()
        request.user = caller.user
        return caller.user


class SessionCookie(AuthBase):
    """The signed-in session, for the pages' own calls; unsafe methods need the CSRF token
    (the `X-CSRFToken` header), else 403 in the API's error shape. Without a session: 401."""

    openapi_type = "apiKey"
    openapi_in = "cookie"
    openapi_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest):
        caller = api_caller(request)
        if caller.csrf_refused:
            raise ApiError(
                403,
                "csrf_failed",
                _(
                    "The page's security token is missing or out of date: "
                    "reload the page and try again."
                ),
            )
        return caller.user if caller.credential == "session" else None


def docs_for_staff(view):
    """The interactive docs are for signed-in staff; the OpenAPI document is for integrators."""
    for_staff = staff_member_required(view)

    def wrapped(request: HttpRequest, *args, **kwargs):
        if request.path.endswith("/openapi.json"):
            return view(request, *args, **kwargs)
        return for_staff(request, *args, **kwargs)

    return wrapped


api = NinjaAPI(
    title="Grassroots API",
    version="1.0",
    urls_namespace="api",
    auth=[BearerToken(), SessionCookie()],
    docs_url="/docs",
    docs_decorator=docs_for_staff,
    throttle=[CallerThrottle()],
    description=(
        "The Grassroots JSON API. Sign in with POST /auth/token and send "
        "`Authorization: Bearer <token>` (a page signed in with its session sends its CSRF token "
        'as `X-CSRFToken` on POSTs). Every error is `{"error": {"code", "message", "fields"}}`. '
        "The schema declares what the server enforces: a request it allows is never refused "
        "with 400 or 422; what depends on stored data is 404 (a case, area, unit or category "
        "that cannot be chosen, the field named), 403 (not yours) or 409 (the state). A body "
        "field the operation does not know is refused (400); an unknown query parameter is "
        "ignored. Texts never hold NUL characters; dates fall in 2000-2100; numbers are rounded "
        "to the places kept. POSTs accept an `Idempotency-Key` header."
    ),
)
install_error_handlers(api)
api.add_router("/auth", auth_router)
api.add_router("", cases_router)
api.add_router("", areas_router)
api.add_router("", units_router)


@login_not_required
def not_found(request: HttpRequest, rest: str = ""):
    """Any other URL under /api/v1/ (an unknown action, say), in the error shape."""
    body = error_body("not_found", _("Not found."))
    return JsonResponse(body, status=404, json_dumps_params={"ensure_ascii": False})
