"""iCalendar feeds (RFC 5545) that phone calendars subscribe to.

A team's or a community's feed has one event per activity: a repeating activity is one event
with its RRULE, its cancelled dates as EXDATE and its moved dates as overrides (RECURRENCE-ID).
A volunteer's private feed lists the dates they signed up for."""

import datetime as dt

from django.utils import timezone
from icalendar import Calendar, Event, vRecur

from grassroots.volunteering.models import Activity, Enrollment, Occurrence

PRODID = "-//Grassroots//Volunteering//ZH"
DOMAIN = "grassroots"
KEEP = dt.timedelta(days=90)  # past activities stay in feeds this long


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", timezone.get_current_timezone_name())
    return cal


def _event(uid: str, title: str, start, end, place: str, description: str = "") -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("summary", title)
    event.add("dtstart", timezone.localtime(start))
    event.add("dtend", timezone.localtime(end))
    event.add("dtstamp", timezone.now())
    event.add("location", place)
    if description:
        event.add("description", description)
    return event


def activities_feed(name: str, activities) -> bytes:
    """The feed of these activities (a team's or a community's)."""
    cal = _calendar(name)
    since = timezone.now() - KEEP
    activities = activities.filter(occurrences__ends_at__gte=since).distinct()
    dates: dict[int, list[Occurrence]] = {}
    for occurrence in Occurrence.objects.filter(activity__in=activities).order_by("original_start"):
        dates.setdefault(occurrence.activity_id, []).append(occurrence)
    for activity in activities.order_by("pk"):
        occurrences = dates.get(activity.pk, [])
        if not occurrences:
            continue
        for event in _activity_events(activity, occurrences):
            cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def _activity_events(activity: Activity, occurrences: list[Occurrence]) -> list[Event]:
    uid = f"activity-{activity.pk}@{DOMAIN}"
    first = occurrences[0]
    master = _event(
        uid,
        activity.title,
        first.original_start,
        first.original_start + (first.ends_at - first.starts_at),
        activity.place,
        activity.description,
    )
    if not activity.rrule:
        if first.status == Occurrence.Status.CANCELLED:
            master.add("status", "CANCELLED")
        return [master]
    rule = vRecur.from_ical(activity.rrule)
    last = occurrences[-1].original_start
    rule["UNTIL"] = [timezone.localtime(last).astimezone(dt.UTC)]
    master.add("rrule", rule)
    cancelled = [o for o in occurrences if o.status == Occurrence.Status.CANCELLED]
    for occurrence in cancelled:
        master.add("exdate", timezone.localtime(occurrence.original_start))
    events = [master]
    for occurrence in occurrences:
        if occurrence.moved and occurrence.status != Occurrence.Status.CANCELLED:
            override = _event(
                uid,
                activity.title,
                occurrence.starts_at,
                occurrence.ends_at,
                activity.place,
                occurrence.note,
            )
            override.add("recurrence-id", timezone.localtime(occurrence.original_start))
            override.add("sequence", occurrence.sequence)
            events.append(override)
    return events


def volunteer_feed(volunteer) -> bytes:
    """The dates a volunteer signed up for (or is waiting for), one event each."""
    cal = _calendar(f"{volunteer.person.name}的志愿服务")
    since = timezone.now() - KEEP
    rows = (
        Enrollment.objects.filter(volunteer=volunteer, occurrence__ends_at__gte=since)
        .exclude(status=Enrollment.Status.CANCELLED)
        .select_related("occurrence__activity")
        .order_by("occurrence__starts_at")
    )
    for enrollment in rows:
        occurrence = enrollment.occurrence
        event = _event(
            f"occurrence-{occurrence.pk}@{DOMAIN}",
            occurrence.activity.title,
            occurrence.starts_at,
            occurrence.ends_at,
            occurrence.activity.place,
            enrollment.get_status_display(),
        )
        if occurrence.status == Occurrence.Status.CANCELLED:
            event.add("status", "CANCELLED")
        elif enrollment.status == Enrollment.Status.WAITING:
            event.add("status", "TENTATIVE")
        else:
            event.add("status", "CONFIRMED")
        event.add("sequence", occurrence.sequence)
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
