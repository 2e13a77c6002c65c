"""`Idempotency-Key` on the API's POSTs: a repeat gets the first response, unchanged.

The same key with a different request is refused (422); a repeat while the first request is
still running is refused (409). Keys belong to the caller and are kept for a day. A first
request that failed on the server (5xx), was throttled or was not authenticated (a session call
without its CSRF token is not) leaves no key, so the caller may simply try again.
"""

import hashlib
import re
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.errors import error_body
from grassroots.core.models import IdempotencyKey

HEADER = "HTTP_IDEMPOTENCY_KEY"
PREFIX = "/api/v1/"
# Printable ASCII, as the Idempotency-Key draft's structured-field string, 1 to 100 of them,
# with no space at either end (HTTP strips those, so the key would arrive changed).
KEY_FORM = r"^[!-~]([ -~]{0,98}[!-~])?$"
ABANDONED = timedelta(minutes=5)  # a first request "running" this long has died
KEPT = timedelta(days=1)
NOT_KEPT = {401, 429}


def _caller(request):
    """The user the API acts for, as `accounts.middleware.ApiCallerMiddleware` resolved it
    (the bearer token's owner, or the session's user with the page's CSRF token), else None."""
    caller = getattr(request, "api_caller", None)
    return caller.user if caller is not None else None


def _refuse(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse(
        error_body(code, message), status=status, json_dumps_params={"ensure_ascii": False}
    )


class IdempotencyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request.META.get(HEADER)
        if request.method != "POST" or key is None or not request.path.startswith(PREFIX):
            return self.get_response(request)
        if not re.fullmatch(KEY_FORM, key):
            message = _(
                "Idempotency-Key must be 1 to 100 printable ASCII characters, "
                "with no space at either end."
            )
            return _refuse(400, "invalid", message)
        user = _caller(request)
        if user is None:
            return self.get_response(request)  # the API itself answers 401
        fingerprint = hashlib.sha256(request.path.encode() + b"\n" + request.body).hexdigest()
        now = timezone.now()
        IdempotencyKey.objects.filter(user=user, created_at__lt=now - KEPT).delete()
        try:
            with transaction.atomic():
                record = IdempotencyKey.objects.create(user=user, key=key, fingerprint=fingerprint)
        except IntegrityError:
            record = IdempotencyKey.objects.filter(user=user, key=key).first()
            if record is None:  # it expired between the two statements
                return self(request)
            refused = self._repeat(record, fingerprint, now)
            if refused is not None:
                return refused
        response = self.get_response(request)
        if response.status_code >= 500 or response.status_code in NOT_KEPT:
            IdempotencyKey.objects.filter(pk=record.pk).delete()
            return response
        IdempotencyKey.objects.filter(pk=record.pk).update(
            status=response.status_code,
            content_type=response.get("Content-Type", ""),
            body=response.content,
        )
        return response

    def _repeat(self, record: IdempotencyKey, fingerprint: str, now):
        """The answer to a repeated key, or None when an abandoned first attempt is taken over."""
        if record.fingerprint != fingerprint:
            return _refuse(
                422,
                "idempotency_mismatch",
                _("This Idempotency-Key was used for a different request."),
            )
        if record.status is None:
            taken_over = IdempotencyKey.objects.filter(
                pk=record.pk, status=None, created_at__lt=now - ABANDONED
            ).update(created_at=now)
            if taken_over:
                return None
            return _refuse(
                409,
                "idempotency_in_progress",
                _("The first request with this Idempotency-Key is still running; retry shortly."),
            )
        replay = HttpResponse(
            bytes(record.body), status=record.status, content_type=record.content_type
        )
        replay["Idempotent-Replayed"] = "true"
        return replay
