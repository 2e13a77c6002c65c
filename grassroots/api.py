"""The one NinjaAPI at /api/v1/, mounting each app's router."""

from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.security import HttpBearer, django_auth

from grassroots.accounts.api import router as auth_router
from grassroots.accounts.services import user_for_api_token
from grassroots.areas.api import router as areas_router
from grassroots.cases.api import router as cases_router
from grassroots.core.errors import install_error_handlers
from grassroots.core.throttle import CallerThrottle
from grassroots.units.api import router as units_router


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = user_for_api_token(token)
        if user is not None:
            request.user = user
        return user


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
    auth=[BearerToken(), django_auth],
    docs_url="/docs",
    docs_decorator=docs_for_staff,
    throttle=[CallerThrottle()],
    description=(
        "The Grassroots JSON API. Sign in with POST /auth/token and send "
        "`Authorization: Bearer <token>`. Every error is "
        '`{"error": {"code", "message", "fields"}}`. POSTs accept an `Idempotency-Key` header.'
    ),
)
install_error_handlers(api)
api.add_router("/auth", auth_router)
api.add_router("", cases_router)
api.add_router("", areas_router)
api.add_router("", units_router)
