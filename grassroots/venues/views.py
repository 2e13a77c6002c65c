"""Pages of venues: the venues of an area with their rooms, a room's bookings and the booking
form, and my bookings."""

import datetime as dt

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.areas.models import Area
from grassroots.venues import services
from grassroots.venues.forms import BookingForm
from grassroots.venues.models import Booking, Venue
from grassroots.venues.permissions import access_room
from grassroots.venues.services import BookingRefused
from grassroots.volunteering.recurrence import Pattern


def _int(value) -> int | None:
    value = str(value or "")
    return int(value) if value.isdigit() and len(value) < 12 else None


def venue_list(request):
    """Centres and stations, by community, with their rooms."""
    communities = list(Area.objects.filter(level=Area.Level.COMMUNITY).order_by("path"))
    community = next((c for c in communities if c.pk == _int(request.GET.get("community"))), None)
    venues = Venue.objects.select_related("area", "provided_by").prefetch_related(
        "rooms", "opening_hours"
    )
    if community is not None:
        venues = venues.filter(area__path__startswith=community.path)
    page = Paginator(venues.order_by("kind", "area__path", "name"), 20).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "communities": communities,
        "community": community,
        "qs": f"community={community.pk}" if community else "",
    }
    return render(request, "venues/venues.html", context)


def room_page(request, pk: int):
    """A room's bookings for the coming two weeks, and the form to book it."""
    room = access_room(request.user, pk)
    form = BookingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        starts = timezone.make_aware(dt.datetime.combine(data["day"], data["start_time"]))
        ends = timezone.make_aware(dt.datetime.combine(data["day"], data["end_time"]))
        pattern = (
            Pattern("weekly", weekdays=(data["day"].weekday(),)) if data["weekly_until"] else None
        )
        try:
            made = services.book(
                actor=request.user,
                room=room,
                group=data["group"],
                purpose=data["purpose"],
                starts_at=starts,
                ends_at=ends,
                pattern=pattern,
                until=data["weekly_until"],
            )
        except BookingRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Booked: %(n)d time(s).") % {"n": len(made)})
            return redirect("venues:room", room.pk)
    now = timezone.now()
    bookings = room.bookings.filter(
        status=Booking.Status.ACTIVE, ends_at__gte=now, starts_at__lte=now + dt.timedelta(days=14)
    ).order_by("starts_at")
    context = {
        "room": room,
        "form": form,
        "bookings": bookings,
        "hours": _hours_by_day(room.venue),
    }
    return render(request, "venues/room.html", context)


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
