"""The API's one error shape: {"error": {"code", "message", "fields"}}."""

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError


class ErrorBody(Schema):
    code: str
    message: str
    fields: dict[str, Any] = {}


class ErrorOut(Schema):
    error: ErrorBody


class ApiError(Exception):
    """A refusal with a stable code, an HTTP status and a message for people."""

    def __init__(self, status: int, code: str, message: str, fields: dict[str, Any] | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields or {}


def error_body(code: str, message: str, fields: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def install_error_handlers(api: NinjaAPI) -> None:
    """Map every failure the API can meet onto the one error shape."""

    @api.exception_handler(ApiError)
    def on_api_error(request, exc: ApiError):
        return api.create_response(
            request, error_body(exc.code, exc.message, exc.fields), status=exc.status
        )

    @api.exception_handler(ValidationError)
    def on_validation(request, exc: ValidationError):
        fields: dict[str, list[str]] = {}
        for err in exc.errors:
            loc = [
                str(p) for p in err.get("loc", []) if p not in ("body", "payload", "query", "path")
            ]
            fields.setdefault(".".join(loc) or "__all__", []).append(str(err.get("msg", "")))
        return api.create_response(
            request, error_body("invalid", _("The request has invalid fields."), fields), status=400
        )

    @api.exception_handler(AuthenticationError)
    def on_auth(request, exc):
        return api.create_response(
            request,
            error_body("unauthenticated", _("Sign in or send a valid bearer token.")),
            status=401,
        )

    @api.exception_handler(Http404)
    def on_404(request, exc):
        return api.create_response(request, error_body("not_found", _("Not found.")), status=404)

    @api.exception_handler(Throttled)
    def on_throttled(request, exc: Throttled):
        response = api.create_response(
            request,
            error_body("throttled", _("Too many requests; slow down and try again shortly.")),
            status=429,
        )
        if exc.wait:
            response["Retry-After"] = str(max(1, int(exc.wait)))
        return response

    @api.exception_handler(HttpError)
    def on_http_error(request, exc: HttpError):
        return api.create_response(
            request, error_body("http_error", str(exc)), status=exc.status_code
        )
