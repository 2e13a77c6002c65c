"""The one NinjaAPI at /api/v1/, mounting each app's router."""

from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.security import HttpBearer, django_auth

from grassroots.accounts.api import router as auth_router
from grassroots.accounts.services import user_for_api_token
from grassroots.core.errors import install_error_handlers


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = user_for_api_token(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="Grassroots API",
    version="1.0",
    urls_namespace="api",
    auth=[BearerToken(), django_auth],
    docs_url="/docs",
    docs_decorator=staff_member_required,
)
install_error_handlers(api)
api.add_router("/auth", auth_router)
