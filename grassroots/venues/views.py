"""Pages of venues: the venues of an area with their rooms, a room's bookings and the booking
form, my bookings; for the people who keep the venues: today's bookings and duty, a venue's
duty roster with its week's coverage and gaps, the duty screen with its rotating code and the
check-in it leads to, and the coverage of every venue in one's area."""

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area
from grassroots.areas.permissions import public_places
from grassroots.core import export_views
from grassroots.core.qr import qr_data_uri
from grassroots.venues import ledgers, selectors, services
from grassroots.venues.forms import BookingForm, ShiftForm
from grassroots.venues.models import Booking, DutyShift, Venue
from grassroots.venues.permissions import (
    STAFF,
    access_room,
    access_room_to_house,
    access_venue,
    bookings_area,
    can_list_bookings,
    can_manage_duty,
    dutiable_users,
)
from grassroots.venues.services import BookingRefused
from grassroots.volunteering.permissions import access_activity


def _int(value) -> int | None:
    value = str(value or "")
    return int(value) if value.isdigit() and len(value) < 12 else None


def venue_list(request):
    """Centres and stations, by community, with their rooms; a resident sees their own
    community's first (all communities are one choice away). ?area= (any area), ?kind= and
    ?provided=yes|no narrow it as the dashboards' figures do."""
    communities = list(Area.objects.filter(level=Area.Level.COMMUNITY).order_by("path"))
    wanted = _int(request.GET.get("community"))
    if "community" not in request.GET and "area" not in request.GET:
        home = selectors.home_community(request.user, communities)  # venues near me first
        wanted = home.pk if home else None
    community = next((c for c in communities if c.pk == wanted), None)
    area = community
    if community is None and request.GET.get("area"):
        area = public_places(request.GET["area"])
    kind = request.GET.get("kind") if request.GET.get("kind") in Venue.Kind.values else ""
    provided = request.GET.get("provided") if request.GET.get("provided") in ("yes", "no") else ""
    venues = selectors.venues_in(area, kind=kind, provided=provided).prefetch_related(
        "rooms", "opening_hours"
    )
    page = Paginator(venues, 20).get_page(request.GET.get("page"))
    query = {"community": community.pk} if community else ({"area": area.pk} if area else {})
    query.update({k: v for k, v in (("kind", kind), ("provided", provided)) if v})
    context = {
        "page": page,
        "communities": communities,
        "community": community,
        "area": area,
        "qs": urlencode(query),
    }
    return render(request, "venues/venues.html", context)


def booking_list(request):
    """Every booking at the venues of the staff member's area in a week (?week=, ?area=)."""
    if not can_list_bookings(request.user):
        raise Http404
    if request.GET.get("format") == "xlsx":
        make = ledgers.bookings_ledger
        return export_views.answer(request, kind="bookings", params=request.GET.dict(), make=make)
    week = selectors.week_asked(request.GET.get("week"))
    area = bookings_area(request.user, request.GET.get("area"))
    rows = selectors.bookings_visible_to(request.user, area, week)
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "week": week,
        "area": area,
        "previous": week - dt.timedelta(days=7),
        "next": week + dt.timedelta(days=7),
        "qs": urlencode({"week": week.isoformat(), **({"area": area.pk} if area else {})}),
    }
    return render(request, "venues/bookings.html", context)


def venue_photo(request, pk: int):
    """A venue's photo, for anyone signed in (the venue list shows it)."""
    venue = access_venue(request.user, pk)
    if not venue.photo:
        raise Http404
    response = FileResponse(venue.photo.open("rb"))
    response["Cache-Control"] = "private, max-age=3600"
    return response


def room_page(request, pk: int):
    """A room's bookings for the coming two weeks, and the form to book it."""
    room = access_room(request.user, pk)
    form = BookingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = _book(request, form, room)
        if made is not None:
            messages.success(request, _("Booked: %(n)d time(s).") % {"n": len(made)})
            return redirect("venues:room", room.pk)
    context = {
        "room": room,
        "form": form,
        "bookings": selectors.coming_bookings(room),
        "hours": _hours_by_day(room.venue),
        "activities": selectors.activities_to_house(request.user, room),
    }
    return render(request, "venues/room.html", context)


@require_POST
def book_for_activity(request, pk: int):
    """Book the room for every coming date of one of the user's activities."""
    room = access_room_to_house(request.user, pk)
    activity = access_activity(request.user, _int(request.POST.get("activity")) or 0)
    try:
        made = services.book_activity_room(actor=request.user, activity=activity, room=room)
    except BookingRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request,
            _("%(room)s is booked for %(n)d date(s) of %(activity)s.")
            % {"room": room.name, "n": len(made), "activity": activity.title},
        )
    return redirect("venues:room", room.pk)


def _book(request, form: BookingForm, room) -> list[Booking] | None:
    """Book what the valid form asks for (once, or by its repeat rule); a refusal goes on the
    form."""
    data = form.cleaned_data
    try:
        return services.book(
            actor=request.user,
            room=room,
            group=data["group"],
            purpose=data["purpose"],
            starts_at=timezone.make_aware(dt.datetime.combine(data["date"], data["start_time"])),
            ends_at=timezone.make_aware(dt.datetime.combine(data["date"], data["end_time"])),
            pattern=form.pattern(),
            until=data["last_day"],
        )
    except BookingRefused as refused:
        form.add_error(None, refused.message)
        return None


def _hours_by_day(venue: Venue) -> list[tuple[str, str]]:
    """Opening hours a line a day: 周一 08:30–12:00、14:30–21:00."""
    days: dict[int, list[str]] = {}
    for period in venue.opening_hours.order_by("weekday", "opens"):
        days.setdefault(period.weekday, []).append(f"{period.opens:%H:%M}–{period.closes:%H:%M}")
    return [("周" + "一二三四五六日"[day], "、".join(periods)) for day, periods in days.items()]


def my_bookings(request):
    rows = (
        Booking.objects.filter(booked_by=request.user, ends_at__gte=timezone.now())
        .select_related("room__venue")
        .order_by("starts_at")
    )
    page = Paginator(rows, 20).get_page(request.GET.get("page"))
    return render(request, "venues/mine.html", {"page": page})


@require_POST
def cancel(request, pk: int):
    booking = Booking.objects.select_related("room__venue__area").filter(pk=pk).first()
    if booking is None:
        raise Http404
    try:
        services.cancel(
            actor=request.user, booking=booking, whole_series=request.POST.get("series") == "1"
        )
    except BookingRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The booking is cancelled; the time is free again."))
    return redirect(request.POST.get("next") or "venues:mine")


def _mark(shifts, user, now):
    """Flag the user's own shifts that can be checked into or out of now."""
    for shift in shifts:
        shift.mine_open = (
            shift.user_id == user.pk
            and shift.starts_at - services.EARLY <= now < shift.ends_at
            and shift.checked_out_at is None
        )
    return shifts


def _check(request, shift: DutyShift, code: str) -> bool:
    """Check in or out with the scanned code; True when it worked (a refusal is a message)."""
    try:
        done = services.check_in_or_out(actor=request.user, shift=shift, code=code)
    except BookingRefused as refused:
        messages.error(request, refused.message)
        return False
    if done == "in":
        messages.success(request, _("Checked in for duty at %(venue)s.") % {"venue": shift.venue})
    else:
        messages.success(request, _("Checked out. Thank you for keeping the door open."))
    return True


def duty_roster(request, pk: int):
    """A venue's duty roster for a week: coverage, gaps, shifts; staff add shifts (the people
    on duty check in and out by scanning the duty screen at the venue)."""
    venue = access_venue(request.user, pk)
    manage = can_manage_duty(request.user, venue)
    if not manage and not venue.duty_shifts.filter(user=request.user).exists():
        raise Http404
    week = selectors.week_asked(request.GET.get("week"))
    adding = request.POST.get("action") == "add"
    form = ShiftForm(request.POST if adding else None, people=dutiable_users(venue))
    if request.method == "POST":
        scheduled = _schedule(request, form, venue) if manage and form.is_valid() else None
        if scheduled is not None:
            messages.success(request, _("The shift is on the roster."))
            url = reverse("venues:duty", args=[venue.pk])
            week_of = selectors.week_start(timezone.localdate(scheduled.starts_at))
            return redirect(f"{url}?week={week_of}")
    return render(request, "venues/duty.html", _roster(request, venue, week, manage, form))


def _schedule(request, form: ShiftForm, venue: Venue) -> DutyShift | None:
    """Put the valid form's person on duty; a refusal goes on the form."""
    data = form.cleaned_data
    try:
        return services.schedule_shift(
            actor=request.user,
            venue=venue,
            user=data["user"],
            starts_at=timezone.make_aware(dt.datetime.combine(data["day"], data["start_time"])),
            ends_at=timezone.make_aware(dt.datetime.combine(data["day"], data["end_time"])),
        )
    except BookingRefused as refused:
        form.add_error(None, refused.message)
        return None


def _roster(request, venue: Venue, week: dt.date, manage: bool, form: ShiftForm) -> dict:
    """What the roster page shows: the week's coverage and shifts, the reader's own marked."""
    now = timezone.now()
    cover = selectors.coverage(venue, week, now)
    return {
        "venue": venue,
        "cover": cover,
        "shifts": _mark(cover.shifts, request.user, now),
        "week": week,
        "previous": week - dt.timedelta(days=7),
        "next": week + dt.timedelta(days=7),
        "manage": manage,
        "form": form if manage else None,
        "now": now,
    }


def duty_screen(request, pk: int):
    """The duty screen at the venue's door (a tablet or a monitor): a QR code that changes every
    minute, so that checking in proves being there."""
    venue = access_venue(request.user, pk)
    if not can_manage_duty(request.user, venue):
        raise Http404
    return render(request, "venues/duty_screen.html", _code_context(request, venue))


def duty_code(request, pk: int):
    """The current code (an htmx partial the screen reloads)."""
    venue = access_venue(request.user, pk)
    if not can_manage_duty(request.user, venue):
        raise Http404
    return render(request, "venues/_duty_code.html", _code_context(request, venue))


def _code_context(request, venue: Venue) -> dict:
    code = services.duty_code(venue)
    url = request.build_absolute_uri(reverse("venues:duty_scan", args=[venue.pk, code]))
    return {"venue": venue, "code": code, "url": url, "qr": qr_data_uri(url, box_size=12)}


def duty_scan(request, pk: int, code: str):
    """Where the duty screen's QR code leads: the scanner's shift there now, to check in or
    out while the code is fresh."""
    venue = access_venue(request.user, pk)
    shift = services.current_shift(request.user, venue)
    if shift is not None:
        shift.venue = venue
    if request.method == "POST" and shift is not None and _check(request, shift, code):
        return redirect("venues:duty", venue.pk)
    context = {
        "venue": venue,
        "shift": shift,
        "fresh": services.valid_duty_code(venue, code),
    }
    return render(request, "venues/duty_scan.html", context)


def today(request):
    """Today's bookings and duty at the venues the user keeps."""
    scope = scope_of(request.user)
    paths = [""] if scope.is_superuser else scope.area_paths(STAFF)
    venues = selectors.venues_kept_by(request.user, paths)
    day = timezone.localdate()
    now = timezone.now()
    rows = selectors.day_at(venues, day)
    for row in rows:
        _mark(row["shifts"], request.user, now)
    page = Paginator(rows, 20).get_page(request.GET.get("page"))
    return render(request, "venues/today.html", {"page": page, "day": day, "now": now})


def coverage_list(request):
    """Every venue in the staff member's area with its week's duty coverage."""
    scope = scope_of(request.user)
    paths = [""] if scope.is_superuser else scope.area_paths(STAFF)
    if not paths:
        raise Http404
    week = selectors.week_asked(request.GET.get("week"))
    venues = (
        selectors.venues_kept_by(request.user, paths)
        .select_related("area")
        .prefetch_related("opening_hours")
    )
    page = Paginator(venues.order_by("area__path", "kind", "name"), 20).get_page(
        request.GET.get("page")
    )
    covers = [selectors.coverage(v, week) for v in page]
    context = {
        "page": page,
        "covers": covers,
        "week": week,
        "previous": week - dt.timedelta(days=7),
        "next": week + dt.timedelta(days=7),
        "qs": f"week={week}",
    }
    return render(request, "venues/coverage.html", context)
