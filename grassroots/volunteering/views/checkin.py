"""Running a date: its roster and the organiser's actions (attendance, hours, calling it off,
moving it), the check-in screen with its rotating code, and the page a scan lands on."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.qr import qr_data_uri
from grassroots.volunteering import selectors, services
from grassroots.volunteering.errors import VolunteerRefused
from grassroots.volunteering.forms import CancelForm, MoveForm
from grassroots.volunteering.models import Occurrence
from grassroots.volunteering.permissions import access_occurrence
from grassroots.volunteering.views.common import as_id, show_refused


def occurrence_page(request, pk: int):
    occurrence = access_occurrence(request.user, pk, run=True)
    if request.method == "POST":
        return _run_action(request, occurrence)
    groups = selectors.roster(occurrence)
    local = timezone.localtime(occurrence.starts_at)
    context = {
        "o": occurrence,
        "activity": occurrence.activity,
        "groups": groups,
        "attended": [(e, services.served_hours(e)) for e in groups["attended"]],
        "move_form": MoveForm(
            initial={
                "day": local.date(),
                "start_time": local.time(),
                "end_time": timezone.localtime(occurrence.ends_at).time(),
            }
        ),
        "cancel_form": CancelForm(),
        "started": occurrence.starts_at <= timezone.now(),
        "marking": services.check_window(occurrence)[0] <= timezone.now(),
    }
    return render(request, "volunteering/occurrence.html", context)


def _mark(request, occurrence: Occurrence, *, attended: bool) -> None:
    enrollment = occurrence.enrollments.filter(
        pk=as_id(request.POST.get("enrollment")) or 0
    ).first()
    if enrollment is None:
        raise Http404
    services.mark_attendance(actor=request.user, enrollment=enrollment, attended=attended)


def _posted_hours(post) -> dict[int, Decimal]:
    """The hours the organiser corrected, by sign-up (`hours-<id>` fields left empty count
    as computed)."""
    hours = {}
    for key, value in post.items():
        if key.startswith("hours-") and as_id(key[6:]) and value.strip():
            try:
                hours[int(key[6:])] = Decimal(value.strip())
            except InvalidOperation:
                raise VolunteerRefused("invalid", _("Give the hours served, 0.5 to 24.")) from None
    return hours


def _confirm(request, occurrence: Occurrence) -> None:
    hours = _posted_hours(request.POST)
    served = as_id(request.POST.get("served_count"))
    if served is None:
        raise VolunteerRefused("invalid", _("Give the number of residents served."))
    count = services.confirm_hours(
        actor=request.user, occurrence=occurrence, hours=hours, served_count=served
    )
    messages.success(request, _("Hours confirmed for %(n)d people.") % {"n": count})


def _cancel(request, occurrence: Occurrence) -> None:
    reason = CancelForm(request.POST).data.get("reason", "")
    services.cancel_occurrence(actor=request.user, occurrence=occurrence, reason=reason)
    messages.success(request, _("This date is called off; the others stand."))


def _move(request, occurrence: Occurrence) -> None:
    form = MoveForm(request.POST)
    if not form.is_valid():
        raise VolunteerRefused("invalid", _("Give the new date and times."))
    services.move_occurrence(actor=request.user, occurrence=occurrence, **form.cleaned_data)
    messages.success(request, _("This date is moved; the others stand."))


# What the organiser's buttons on a date's page do (the form's `action`).
RUN_ACTIONS = {
    "present": lambda request, occurrence: _mark(request, occurrence, attended=True),
    "absent": lambda request, occurrence: _mark(request, occurrence, attended=False),
    "confirm": _confirm,
    "cancel": _cancel,
    "move": _move,
}


def _run_action(request, occurrence: Occurrence):
    action = RUN_ACTIONS.get(request.POST.get("action"))
    if action is None:
        raise Http404
    try:
        action(request, occurrence)
    except VolunteerRefused as refused:
        show_refused(request, refused)
    return redirect("volunteering:occurrence", occurrence.pk)


def checkin_screen(request, pk: int):
    """The organiser's screen: a QR code that changes every half minute."""
    occurrence = access_occurrence(request.user, pk, run=True)
    return render(request, "volunteering/checkin_screen.html", _code_context(request, occurrence))


def checkin_code(request, pk: int):
    """The current code (an htmx partial the screen reloads)."""
    occurrence = access_occurrence(request.user, pk, run=True)
    return render(request, "volunteering/_code.html", _code_context(request, occurrence))


def _code_context(request, occurrence: Occurrence) -> dict:
    now = timezone.now()
    opens, closes = services.check_window(occurrence)
    context = {"o": occurrence, "open": opens <= now <= closes, "opens": opens, "closes": closes}
    if context["open"]:
        code = services.current_code(occurrence, now)
        url = request.build_absolute_uri(reverse("volunteering:scan", args=[occurrence.pk, code]))
        context.update(code=code, url=url, qr=qr_data_uri(url, box_size=12))
        context["checked_in"] = occurrence.enrollments.filter(checked_in_at__isnull=False).count()
    return context


def scan(request, pk: int, code: str):
    """Where a volunteer's phone lands after scanning: one button to check in (or out)."""
    occurrence = access_occurrence(request.user, pk)
    if request.method == "POST":
        try:
            enrollment, way = services.scan_code(
                actor=request.user, occurrence=occurrence, code=code
            )
        except VolunteerRefused as refused:
            show_refused(request, refused)
            return render(
                request, "volunteering/scan.html", {"o": occurrence, "code": code, "failed": True}
            )
        at = timezone.localtime(
            enrollment.checked_in_at if way == "in" else enrollment.checked_out_at
        )
        if way == "in":
            messages.success(
                request, _("Checked in at %(time)s. Thank you!") % {"time": f"{at:%H:%M}"}
            )
        else:
            messages.success(
                request, _("Checked out at %(time)s. Thank you!") % {"time": f"{at:%H:%M}"}
            )
        return redirect("volunteering:mine")
    return render(request, "volunteering/scan.html", {"o": occurrence, "code": code})
