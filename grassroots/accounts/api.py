from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from grassroots.accounts import services
from grassroots.accounts.forms import locked_message
from grassroots.core.apitypes import Text
from grassroots.core.audit import client_address
from grassroots.core.errors import ApiError, ErrorOut

router = Router(tags=["auth"])


class TokenIn(Schema):
    username: Text = Field(max_length=150, description="Username or mobile number")
    password: Text = Field(max_length=128)


class TokenOut(Schema):
    token: str
    expires_at: str


@router.post(
    "/token",
    auth=None,
    response={200: TokenOut, 400: ErrorOut, 401: ErrorOut, 429: ErrorOut},
    summary="Exchange a username or mobile number and password for a bearer token",
)
def create_token(request, payload: TokenIn):
    address = client_address(request) or ""
    if until := services.login_locked_until(username=payload.username, address=address):
        raise ApiError(429, "locked", locked_message(until))
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None:
        if until := services.record_login_failure(username=payload.username, address=address):
            raise ApiError(429, "locked", locked_message(until))
        raise ApiError(
            401, "invalid_login", _("The username/mobile number or password is incorrect.")
        )
    services.clear_login_failures(username=payload.username, address=address)
    key, token = services.issue_api_token(user=user)
    return {"token": key, "expires_at": token.expires_at.isoformat()}
