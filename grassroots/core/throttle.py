"""Throttling the JSON API per caller, at the rate `settings.API_RATE` (e.g. "600/min")."""

from django.conf import settings
from ninja.throttling import SimpleRateThrottle


class CallerThrottle(SimpleRateThrottle):
    """Per signed-in user, else per address; the rate is read from settings on every request.

    The counts live in the default cache: per process unless a shared cache is configured."""

    def __init__(self):  # the rate is read per request, so tests and deployments can change it
        self.rate, self.num_requests, self.duration = None, None, None

    def allow_request(self, request) -> bool:
        self.rate = settings.API_RATE
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request) -> str:
        pk = getattr(getattr(request, "auth", None), "pk", None)
        ident = f"user{pk}" if pk else self.get_ident(request)
        return f"throttle_api_{ident}"
