from django.contrib import admin

from grassroots.accounts.backoffice import ReadOnlyAdmin, ScopedAdmin, ScopedInline
from grassroots.venues.models import Booking, DutyShift, OpeningHours, Room, Venue


class OpeningHoursInline(ScopedInline, admin.TabularInline):
    model = OpeningHours
    extra = 0


class RoomInline(ScopedInline, admin.TabularInline):
    model = Room
    extra = 0


@admin.register(Venue)
class VenueAdmin(ScopedAdmin):
    scope_path = "area__path"
    list_display = ["name", "kind", "area", "provided_by"]
    list_filter = ["kind"]
    search_fields = ["name", "area__name"]
    list_select_related = ["area", "provided_by"]
    autocomplete_fields = ["area", "provided_by"]
    inlines = [OpeningHoursInline, RoomInline]


@admin.register(Booking)
class BookingAdmin(ReadOnlyAdmin):
    """Bookings are made and cancelled on the pages (the overlap rule lives in the service)."""

    scope_path = "room__venue__area__path"

    list_display = ["room", "group", "starts_at", "ends_at", "status"]
    list_filter = ["status"]
    search_fields = ["group", "room__name", "room__venue__name"]
    list_select_related = ["room__venue"]


@admin.register(DutyShift)
class DutyShiftAdmin(ReadOnlyAdmin):
    """Shifts are scheduled and checked into on the roster pages; the back office looks."""

    scope_path = "venue__area__path"

    list_display = ["venue", "user", "starts_at", "ends_at", "checked_in_at", "checked_out_at"]
    list_filter = ["via"]
    search_fields = ["venue__name", "user__full_name", "user__username"]
    list_select_related = ["venue", "user"]
