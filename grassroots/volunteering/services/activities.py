"""Activities and their dates: laying a series out, calling one date off, moving one (and
telling the apps that follow the dates)."""

import datetime as dt
from collections.abc import Callable

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.areas.models import Area
from grassroots.core.audit import record_audit
from grassroots.notifications.services import notify
from grassroots.volunteering import permissions
from grassroots.volunteering.errors import VolunteerRefused, require
from grassroots.volunteering.models import Activity, Enrollment, Occurrence, Team
from grassroots.volunteering.recurrence import Pattern, PatternError, occurrences, rule_text

E = Enrollment.Status
# Apps above volunteering may keep something for each date (venues: the room booked for it).
# They hand over at start-up what to do when a date moves or is called off; it runs inside the
# move's transaction, so its refusal (a VolunteerRefused) undoes the move.
_FOLLOWERS: dict[str, Callable[..., None]] = {}


def follow_dates_with(name: str, follow: Callable[..., None]) -> None:
    """Register `follow(actor=, occurrence=, change="move" | "cancel")` under a name."""
    _FOLLOWERS[name] = follow


def _followed(*, actor, occurrence: Occurrence, change: str) -> None:
    for follow in _FOLLOWERS.values():
        follow(actor=actor, occurrence=occurrence, change=change)


# A series is laid out at most this far ahead; a longer one is renewed by making it again.
HORIZON = dt.timedelta(days=366)
MAX_OCCURRENCES = 120


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


@transaction.atomic
def create_activity(
    *,
    actor,
    title: str,
    community: Area,
    place: str,
    first_day: dt.date,
    start_time: dt.time,
    end_time: dt.time,
    capacity: int,
    pattern: Pattern | None = None,
    last_day: dt.date | None = None,
    kind: str = Activity.Kind.SERVICE,
    team: Team | None = None,
    unit=None,
    description: str = "",
    signup_opens_days: int = 14,
    signup_closes_hours: int = 2,
) -> Activity:
    """A one-off or repeating activity and its dates for up to a year ahead."""
    require(permissions.can_organise(actor, community, team=team, unit=unit))
    activity = Activity(
        title=(title or "").strip()[:100],
        kind=kind,
        description=description[:2000],
        community=community,
        team=team,
        unit=unit,
        place=(place or "").strip()[:200],
        first_day=first_day,
        start_time=start_time,
        end_time=end_time,
        last_day=last_day if pattern is not None else first_day,
        capacity=capacity,
        signup_opens_days=signup_opens_days,
        signup_closes_hours=signup_closes_hours,
        organiser=actor,
    )
    activity.rrule, activity.rule_label = _rule_or_refusal(activity, pattern, last_day)
    activity.save()
    _lay_out_dates(activity)
    record_audit(actor=actor, action="change", target=activity, detail={"action": "create"})
    return activity


def _rule_or_refusal(
    activity: Activity, pattern: Pattern | None, last_day: dt.date | None
) -> tuple[str, str]:
    """The repeat rule and its label, or a refusal naming every field that is wrong."""
    errors = {}
    if not activity.title:
        errors["title"] = [_("Give the activity a title.")]
    if not activity.place:
        errors["place"] = [_("Say where it takes place.")]
    if activity.end_time <= activity.start_time:
        errors["end_time"] = [_("The end must be after the start.")]
    if not 1 <= activity.capacity <= 500:
        errors["capacity"] = [_("Places must be 1 to 500.")]
    if last_day is not None and last_day < activity.first_day:
        errors["last_day"] = [_("The last day cannot be before the first.")]
    if activity.team is not None and activity.team.community_id != activity.community_id:
        errors["team"] = [_("The team belongs to another community.")]
    rule = label = ""
    if pattern is not None:
        try:
            rule, label = rule_text(pattern.rrule()), pattern.text()
        except PatternError as error:
            errors["pattern"] = [str(error)]
    if errors:
        raise VolunteerRefused("invalid", next(iter(errors.values()))[0], errors)
    return rule, label


def _lay_out_dates(activity: Activity) -> None:
    """The activity's dates up to the horizon, each with the activity's places."""
    starts = _starts(activity)
    if not starts:
        raise VolunteerRefused(
            "invalid", _("The rule gives no date between the first and the last day.")
        )
    day = activity.first_day
    duration = _at(day, activity.end_time) - _at(day, activity.start_time)
    Occurrence.objects.bulk_create(
        Occurrence(
            activity=activity,
            original_start=s,
            starts_at=s,
            ends_at=s + duration,
            capacity=activity.capacity,
        )
        for s in starts
    )


def _starts(activity: Activity) -> list[dt.datetime]:
    first = _at(activity.first_day, activity.start_time)
    if not activity.rrule:
        return [first]
    end = max(first, timezone.now()) + HORIZON
    found = occurrences(activity.rrule, first, after=first, before=end, until=activity.last_day)
    return found[:MAX_OCCURRENCES]


@transaction.atomic
def cancel_occurrence(*, actor, occurrence: Occurrence, reason: str) -> Occurrence:
    """Call off one date; the rest of the series stands. Everyone signed up is told."""
    require(permissions.can_run(actor, occurrence.activity))
    reason = (reason or "").strip()
    if not reason:
        raise VolunteerRefused("invalid", _("Say why it is called off."), {"reason": []})
    done = Occurrence.objects.filter(pk=occurrence.pk, status=Occurrence.Status.SCHEDULED).update(
        status=Occurrence.Status.CANCELLED, note=reason[:200], sequence=F("sequence") + 1
    )
    if not done:
        raise VolunteerRefused("conflict", _("This date is no longer scheduled."))
    occurrence.refresh_from_db()
    _followed(actor=actor, occurrence=occurrence, change="cancel")
    _tell_roster(occurrence, _("An activity you signed up for was called off"), reason)
    record_audit(
        actor=actor, action="change", target=occurrence, detail={"action": "cancel", "why": reason}
    )
    return occurrence


@transaction.atomic
def move_occurrence(
    *, actor, occurrence: Occurrence, day: dt.date, start_time: dt.time, end_time: dt.time
) -> Occurrence:
    """Move one date (a rainy 18th becomes the 19th); the series keeps its rule and the feed
    shows the change as an exception to it."""
    require(permissions.can_run(actor, occurrence.activity))
    if end_time <= start_time:
        raise VolunteerRefused("invalid", _("The end must be after the start."), {"end_time": []})
    starts = _at(day, start_time)
    if starts < timezone.now():
        raise VolunteerRefused("invalid", _("Choose a time in the future."), {"day": []})
    clash = occurrence.activity.occurrences.exclude(pk=occurrence.pk).filter(
        starts_at=starts, status=Occurrence.Status.SCHEDULED
    )
    if clash.exists():
        raise VolunteerRefused("conflict", _("Another date of this activity is at that time."))
    done = Occurrence.objects.filter(pk=occurrence.pk, status=Occurrence.Status.SCHEDULED).update(
        starts_at=starts, ends_at=_at(day, end_time), sequence=F("sequence") + 1
    )
    if not done:
        raise VolunteerRefused("conflict", _("This date is no longer scheduled."))
    occurrence.refresh_from_db()
    _followed(actor=actor, occurrence=occurrence, change="move")
    when = timezone.localtime(starts).strftime("%Y-%m-%d %H:%M")
    _tell_roster(occurrence, _("An activity you signed up for was moved"), when)
    record_audit(
        actor=actor, action="change", target=occurrence, detail={"action": "move", "to": when}
    )
    return occurrence


def _tell_roster(occurrence: Occurrence, title: str, body: str) -> None:
    users = [
        e.volunteer.person.user
        for e in occurrence.enrollments.filter(status__in=(E.ENROLLED, E.WAITING))
        .select_related("volunteer__person__user")
        .exclude(volunteer__person__user=None)
    ]
    notify(recipients=users, title=f"{title}：{occurrence}", body=body)
