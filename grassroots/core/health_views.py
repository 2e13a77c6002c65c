"""Probes for the deployment: `/healthz/live` answers while the web process does;
`/healthz/ready` answers 200 only while the database answers, the scheduler has queued every
periodic job in time and the worker keeps up (else 503, naming what is late)."""

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from grassroots.core.schedule import readiness


@login_not_required
@never_cache
def live(request):
    return JsonResponse({"live": True})


@login_not_required
@never_cache
def ready(request):
    found = readiness()
    return JsonResponse(found, status=200 if found["ready"] else 503)
