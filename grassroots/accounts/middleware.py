from django.conf import settings

from grassroots.accounts.callers import API_PREFIX, api_caller
from grassroots.accounts.scopes import scope_of


class StaffIdleTimeoutMiddleware:
    """Staff sessions end after 30 idle minutes; every request restarts the clock."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and scope_of(user).is_staff_role:
            request.session.set_expiry(settings.STAFF_IDLE_SECONDS)
        return self.get_response(request)


class ApiCallerMiddleware:
    """Resolves who calls the API (`callers.api_caller`) once, before the middleware that needs
    it: idempotency keys belong to the caller, and the API's auth reads the same answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(API_PREFIX):
            api_caller(request)
        return self.get_response(request)
