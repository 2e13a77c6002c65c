"""Every write of volunteering: one function per use case, `actor=` first.

Refusals are `VolunteerRefused` with a code (`forbidden`, `conflict`, `invalid`) and a message
for people; each function is one transaction, so nothing is half-written.
"""

import datetime as dt
import hashlib
import hmac
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.areas.models import Area
from grassroots.core.audit import record_audit
from grassroots.core.numbering import issue_numbered
from grassroots.core.refusals import Refused
from grassroots.notifications.services import notify
from grassroots.people.models import Person
from grassroots.volunteering import permissions
from grassroots.volunteering.models import (
    Activity,
    Certificate,
    CodeUse,
    Enrollment,
    Occurrence,
    ServiceRecord,
    Team,
    Volunteer,
)
from grassroots.volunteering.recurrence import Pattern, PatternError, occurrences, rule_text

E = Enrollment.Status
# Check-in codes: a new one every ROTATE seconds, each accepted for VALID seconds.
ROTATE = 30
VALID = 90
# A series is laid out at most this far ahead; a longer one is renewed by making it again.
HORIZON = dt.timedelta(days=366)
MAX_OCCURRENCES = 120


class VolunteerRefused(Refused):
    """A refusal of a volunteering service."""


def _forbid(allowed: bool) -> None:
    if not allowed:
        raise VolunteerRefused("forbidden", _("You may not do this here."))


# --- Volunteers and teams ---------------------------------------------------------------------


def volunteer_for(user, *, create: bool = False) -> Volunteer | None:
    """The user's volunteer record; with `create`, registering the person behind the account
    (a party member or resident who signs up for the first time becomes a volunteer)."""
    volunteer = Volunteer.objects.filter(person__user=user).select_related("person").first()
    if volunteer is not None or not create:
        return volunteer
    person = Person.objects.filter(user=user).first()
    if person is None:
        raise VolunteerRefused(
            "invalid", _("Your account is not linked to a resident record; ask your community.")
        )
    volunteer, _created = Volunteer.objects.get_or_create(person=person)
    return volunteer


@transaction.atomic
def update_profile(*, actor, volunteer: Volunteer, skills: str, availability: str) -> Volunteer:
    """A volunteer says what they can do and when (staff over their home may do it for them)."""
    _forbid(volunteer.person.user_id == actor.pk or permissions.can_certify(actor, volunteer))
    volunteer.skills = (skills or "").strip()[:200]
    volunteer.availability = (availability or "").strip()[:100]
    volunteer.save(update_fields=["skills", "availability"])
    record_audit(actor=actor, action="change", target=volunteer, detail={"profile": True})
    return volunteer


# --- Activities and their dates ---------------------------------------------------------------


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
    _forbid(permissions.can_organise(actor, community, team=team, unit=unit))
    errors = {}
    if not (title or "").strip():
        errors["title"] = [_("Give the activity a title.")]
    if not (place or "").strip():
        errors["place"] = [_("Say where it takes place.")]
    if end_time <= start_time:
        errors["end_time"] = [_("The end must be after the start.")]
    if not 1 <= capacity <= 500:
        errors["capacity"] = [_("Places must be 1 to 500.")]
    if last_day is not None and last_day < first_day:
        errors["last_day"] = [_("The last day cannot be before the first.")]
    if team is not None and team.community_id != community.pk:
        errors["team"] = [_("The team belongs to another community.")]
    rule = label = ""
    if pattern is not None:
        try:
            rule, label = rule_text(pattern.rrule()), pattern.text()
        except PatternError as error:
            errors["pattern"] = [str(error)]
    if errors:
        raise VolunteerRefused("invalid", next(iter(errors.values()))[0], errors)
    activity = Activity.objects.create(
        title=title.strip()[:100],
        kind=kind,
        description=description[:2000],
        community=community,
        team=team,
        unit=unit,
        place=place.strip()[:200],
        first_day=first_day,
        start_time=start_time,
        end_time=end_time,
        rrule=rule,
        rule_label=label,
        last_day=last_day if pattern is not None else first_day,
        capacity=capacity,
        signup_opens_days=signup_opens_days,
        signup_closes_hours=signup_closes_hours,
        organiser=actor,
    )
    starts = _starts(activity)
    if not starts:
        raise VolunteerRefused(
            "invalid", _("The rule gives no date between the first and the last day.")
        )
    duration = _at(first_day, end_time) - _at(first_day, start_time)
    Occurrence.objects.bulk_create(
        Occurrence(
            activity=activity,
            original_start=s,
            starts_at=s,
            ends_at=s + duration,
            capacity=capacity,
        )
        for s in starts
    )
    record_audit(actor=actor, action="change", target=activity, detail={"action": "create"})
    return activity


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
    _forbid(permissions.can_run(actor, occurrence.activity))
    reason = (reason or "").strip()
    if not reason:
        raise VolunteerRefused("invalid", _("Say why it is called off."), {"reason": []})
    done = Occurrence.objects.filter(pk=occurrence.pk, status=Occurrence.Status.SCHEDULED).update(
        status=Occurrence.Status.CANCELLED, note=reason[:200], sequence=F("sequence") + 1
    )
    if not done:
        raise VolunteerRefused("conflict", _("This date is no longer scheduled."))
    occurrence.refresh_from_db()
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
    _forbid(permissions.can_run(actor, occurrence.activity))
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


# --- Sign-up and the waiting list -------------------------------------------------------------


def signup_window(occurrence: Occurrence) -> tuple[dt.datetime, dt.datetime]:
    activity = occurrence.activity
    opens = occurrence.starts_at - dt.timedelta(days=activity.signup_opens_days)
    closes = occurrence.starts_at - dt.timedelta(hours=activity.signup_closes_hours)
    return opens, closes


@transaction.atomic
def sign_up(
    *,
    actor,
    occurrence: Occurrence,
    volunteer: Volunteer | None = None,
    now: dt.datetime | None = None,
) -> Enrollment:
    """Take a place, or the next place on the waiting list when all are taken. Places are
    counted with one conditional UPDATE, so concurrent sign-ups never exceed the capacity.

    The organiser may sign up a `volunteer` who asked at the desk or by phone."""
    now = now or timezone.now()
    if volunteer is None:
        volunteer = volunteer_for(actor, create=True)
    elif volunteer.person.user_id != actor.pk:
        _forbid(permissions.can_run(actor, occurrence.activity))
    if occurrence.status != Occurrence.Status.SCHEDULED:
        raise VolunteerRefused("conflict", _("This date is not open for sign-up."))
    opens, closes = signup_window(occurrence)
    if now < opens:
        message = _("Sign-up opens on %(when)s.") % {
            "when": timezone.localtime(opens).strftime("%Y-%m-%d %H:%M")
        }
        raise VolunteerRefused("invalid", message)
    if now > closes:
        raise VolunteerRefused("invalid", _("Sign-up for this date has closed."))
    enrollment = Enrollment.objects.filter(occurrence=occurrence, volunteer=volunteer).first()
    if enrollment is not None and enrollment.status != E.CANCELLED:
        raise VolunteerRefused("conflict", _("You have already signed up for this date."))
    took = Occurrence.objects.filter(pk=occurrence.pk, taken__lt=F("capacity")).update(
        taken=F("taken") + 1
    )
    status = E.ENROLLED if took else E.WAITING
    if enrollment is None:
        enrollment = Enrollment.objects.create(
            occurrence=occurrence, volunteer=volunteer, status=status, created_at=now
        )
    else:  # signing up again after cancelling: to the end of the queue
        enrollment.status, enrollment.created_at = status, now
        enrollment.save(update_fields=["status", "created_at"])
    record_audit(actor=actor, action="change", target=occurrence, detail={"sign_up": status})
    return enrollment


@transaction.atomic
def cancel_sign_up(*, actor, enrollment: Enrollment) -> Enrollment | None:
    """Give up a place (or a place in the queue). A freed place goes to the first in the queue,
    who is told; returns their sign-up, if any."""
    _forbid(
        enrollment.volunteer.person.user_id == actor.pk
        or permissions.can_run(actor, enrollment.occurrence.activity)
    )
    was = enrollment.status
    if was not in (E.ENROLLED, E.WAITING):
        raise VolunteerRefused("conflict", _("This sign-up cannot be cancelled now."))
    if not Enrollment.objects.filter(pk=enrollment.pk, status=was).update(status=E.CANCELLED):
        raise VolunteerRefused("conflict", _("This sign-up was changed meanwhile; reload."))
    enrollment.status = E.CANCELLED
    record_audit(actor=actor, action="change", target=enrollment.occurrence, detail={"cancel": was})
    if was != E.ENROLLED:
        return None
    return _promote(enrollment.occurrence)


def _promote(occurrence: Occurrence) -> Enrollment | None:
    """Hand a freed place to the first in the queue, or give it back to the count."""
    queue = Enrollment.objects.filter(occurrence=occurrence, status=E.WAITING)
    for candidate in queue.order_by("created_at", "pk")[:20]:
        if Enrollment.objects.filter(pk=candidate.pk, status=E.WAITING).update(status=E.ENROLLED):
            candidate.status = E.ENROLLED
            user = candidate.volunteer.person.user
            notify(
                recipients=[user] if user else [],
                title=_("A place became free: you are signed up for %(what)s")
                % {"what": occurrence},
            )
            return candidate
    Occurrence.objects.filter(pk=occurrence.pk, taken__gt=0).update(taken=F("taken") - 1)
    return None


# --- Check-in codes ---------------------------------------------------------------------------


def _digest(occurrence: Occurrence, window: int) -> str:
    key = f"{settings.SECRET_KEY}:{occurrence.code_secret}".encode()
    message = f"{occurrence.pk}:{window}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:12]


def current_code(occurrence: Occurrence, now: dt.datetime | None = None) -> str:
    """The code the organiser's screen shows now; a new one every ROTATE seconds."""
    window = int((now or timezone.now()).timestamp()) // ROTATE
    return f"{window}-{_digest(occurrence, window)}"


def check_window(occurrence: Occurrence) -> tuple[dt.datetime, dt.datetime]:
    """Codes are shown and accepted from an hour before the start to two hours after the end."""
    return occurrence.starts_at - dt.timedelta(hours=1), occurrence.ends_at + dt.timedelta(hours=2)


def _valid_code(occurrence: Occurrence, code: str, now: dt.datetime) -> bool:
    window, _sep, digest = (code or "").partition("-")
    if not window.isdigit() or len(window) > 12:
        return False
    if not hmac.compare_digest(digest, _digest(occurrence, int(window))):
        return False
    issued = int(window) * ROTATE
    return 0 <= now.timestamp() - issued < VALID


@transaction.atomic
def scan_code(*, actor, occurrence: Occurrence, code: str, now: dt.datetime | None = None):
    """A volunteer scanned the organiser's code: the first scan checks in, a later scan (with
    a newer code) checks out. An expired code, a code of another date, or a code the volunteer
    already used is refused. Returns the sign-up and "in" or "out"."""
    now = now or timezone.now()
    if occurrence.status == Occurrence.Status.CANCELLED:
        raise VolunteerRefused("conflict", _("This date was called off."))
    if not _valid_code(occurrence, code, now):
        raise VolunteerRefused(
            "invalid",
            _("This code has expired or is not for this activity: scan the screen again."),
        )
    opens, closes = check_window(occurrence)
    if not opens <= now <= closes:
        raise VolunteerRefused("invalid", _("Check-in is open only around the activity's time."))
    volunteer = volunteer_for(actor, create=True)
    enrollment = Enrollment.objects.filter(occurrence=occurrence, volunteer=volunteer).first()
    if enrollment is None or enrollment.status in (E.CANCELLED, E.WAITING):
        # Walk-ins are welcome while places are left.
        took = Occurrence.objects.filter(pk=occurrence.pk, taken__lt=F("capacity")).update(
            taken=F("taken") + 1
        )
        if not took:
            raise VolunteerRefused("conflict", _("All places are taken; ask the organiser."))
        if enrollment is None:
            enrollment = Enrollment.objects.create(
                occurrence=occurrence, volunteer=volunteer, status=E.ENROLLED, created_at=now
            )
        else:
            enrollment.status = E.ENROLLED
            enrollment.save(update_fields=["status"])
    if enrollment.hours is not None:
        raise VolunteerRefused("conflict", _("Your hours for this date are already confirmed."))
    try:
        with transaction.atomic():
            CodeUse.objects.create(enrollment=enrollment, code=code[:40], used_at=now)
    except IntegrityError:
        raise VolunteerRefused(
            "conflict", _("You already used this code: scan the screen again for a new one.")
        ) from None
    if enrollment.checked_in_at is None:
        enrollment.checked_in_at, enrollment.status, way = now, E.ATTENDED, "in"
    else:
        enrollment.checked_out_at, way = now, "out"
    enrollment.save(update_fields=["checked_in_at", "checked_out_at", "status"])
    record_audit(actor=actor, action="change", target=occurrence, detail={"check": way})
    return enrollment, way


@transaction.atomic
def mark_attendance(*, actor, enrollment: Enrollment, attended: bool) -> Enrollment:
    """The organiser marks who came (for those who did not scan) or who did not."""
    _forbid(permissions.can_run(actor, enrollment.occurrence.activity))
    if enrollment.hours is not None:
        raise VolunteerRefused("conflict", _("Hours for this date are already confirmed."))
    if enrollment.status not in (E.ENROLLED, E.ATTENDED, E.NO_SHOW):
        raise VolunteerRefused("conflict", _("Only people with a place can be marked."))
    if timezone.now() < check_window(enrollment.occurrence)[0]:
        raise VolunteerRefused("invalid", _("Attendance can be marked from an hour before."))
    enrollment.status = E.ATTENDED if attended else E.NO_SHOW
    enrollment.save(update_fields=["status"])
    record_audit(
        actor=actor,
        action="change",
        target=enrollment.occurrence,
        detail={"mark": enrollment.status},
    )
    return enrollment


def served_hours(enrollment: Enrollment) -> Decimal:
    """The time actually served, to the half hour: check-in to check-out, else the planned
    time from check-in (or from the start, for those the organiser marked)."""
    occurrence = enrollment.occurrence
    start = max(enrollment.checked_in_at or occurrence.starts_at, occurrence.starts_at)
    end = enrollment.checked_out_at or occurrence.ends_at
    end = min(end, occurrence.ends_at + dt.timedelta(hours=2))
    seconds = max((end - start).total_seconds(), 0)
    halves = (Decimal(seconds) / Decimal(1800)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return max(halves / 2, Decimal("0.5"))


@transaction.atomic
def confirm_hours(
    *, actor, occurrence: Occurrence, hours: dict[int, Decimal] | None = None, served_count: int = 0
) -> int:
    """The organiser confirms the date: everyone who came gets their hours (as computed, or as
    corrected) in the service ledger, everyone with a place who did not come is a no-show, and
    the number of residents served is kept. Returns the number of people whose hours count."""
    _forbid(permissions.can_run(actor, occurrence.activity))
    hours = hours or {}
    if not 0 <= served_count <= 100000:
        raise VolunteerRefused("invalid", _("Give the number of residents served."))
    if occurrence.starts_at > timezone.now():
        raise VolunteerRefused("invalid", _("Hours can be confirmed once the activity started."))
    done = Occurrence.objects.filter(
        pk=occurrence.pk, status=Occurrence.Status.SCHEDULED, confirmed_at=None
    ).update(status=Occurrence.Status.HELD, confirmed_at=timezone.now(), served_count=served_count)
    if not done:
        raise VolunteerRefused("conflict", _("This date is already confirmed or was called off."))
    roster = occurrence.enrollments.select_related("volunteer")
    roster.filter(status=E.ENROLLED).update(status=E.NO_SHOW)
    records = []
    served_on = timezone.localtime(occurrence.starts_at).date()
    for enrollment in roster.filter(status=E.ATTENDED):
        given = hours.get(enrollment.pk)
        value = served_hours(enrollment) if given is None else Decimal(given)
        if not Decimal("0.5") <= value <= 24:
            raise VolunteerRefused("invalid", _("Give the hours served, 0.5 to 24."))
        enrollment.hours, enrollment.confirmed_by = value, actor
        enrollment.save(update_fields=["hours", "confirmed_by"])
        records.append(
            ServiceRecord(
                person_id=enrollment.volunteer.person_id,
                hours=value,
                served_on=served_on,
                enrollment=enrollment,
                note=occurrence.activity.title[:200],
            )
        )
    ServiceRecord.objects.bulk_create(records)
    record_audit(
        actor=actor,
        action="change",
        target=occurrence,
        detail={"action": "confirm", "people": len(records), "served": served_count},
    )
    return len(records)


# --- Recognition ------------------------------------------------------------------------------


def star_thresholds() -> tuple[int, ...]:
    return tuple(settings.VOLUNTEER_STAR_HOURS)


def star_level(hours: Decimal | int | float) -> int:
    """Stars for total hours: one for each threshold reached (default 100/300/600/1000/1500)."""
    return sum(1 for t in star_thresholds() if Decimal(str(hours)) >= t)


def total_hours(person_id: int, start: dt.date | None = None, end: dt.date | None = None):
    records = ServiceRecord.objects.filter(person_id=person_id)
    if start:
        records = records.filter(served_on__gte=start)
    if end:
        records = records.filter(served_on__lte=end)
    return records.aggregate(h=Sum("hours"))["h"] or Decimal(0), records.count()


def _home_places(volunteer: Volunteer) -> dict[str, Area]:
    """The areas above (and at) the volunteer's home, by level."""
    path = volunteer.person.home_area.path
    prefixes = [path[:n] for n in range(Area.steplen, len(path) + 1, Area.steplen)]
    return {a.level: a for a in Area.objects.filter(path__in=prefixes)}


def _issuer(above: dict[str, Area]) -> str:
    """Who issues: the party-mass service centre of the community the volunteer lives in."""
    county = above[Area.Level.COUNTY].name if Area.Level.COUNTY in above else ""
    if Area.Level.COMMUNITY in above:
        return f"{county}{above[Area.Level.COMMUNITY].name}党群服务中心"
    return f"{county}志愿服务中心"


@transaction.atomic
def issue_certificate(*, actor, volunteer: Volunteer, start: dt.date, end: dt.date) -> Certificate:
    """Number (per county of the volunteer's home and year) and record a certificate of the
    confirmed hours served in [start, end]; the unique (county, number) settles a race."""
    _forbid(volunteer.person.user_id == actor.pk or permissions.can_certify(actor, volunteer))
    if end < start:
        raise VolunteerRefused("invalid", _("The period ends before it starts."))
    hours, times = total_hours(volunteer.person_id, start, end)
    if not hours:
        raise VolunteerRefused("invalid", _("No confirmed hours in this period yet."))
    above = _home_places(volunteer)
    county = above.get(Area.Level.COUNTY) or above[Area.Level.CITY]
    head = f"ZY{timezone.localdate().year}"
    numbers = Certificate.objects.filter(county=county, number__startswith=head)

    def last() -> int | None:
        number = numbers.order_by("-number").values_list("number", flat=True).first()
        return int(number.removeprefix(head)) if number else None

    certificate = issue_numbered(
        last=last,
        create=lambda serial: Certificate.objects.create(
            number=f"{head}{serial:06d}",
            county=county,
            volunteer=volunteer,
            holder_name=volunteer.person.name,
            issuer=_issuer(above),
            period_start=start,
            period_end=end,
            hours=hours,
            services=times,
        ),
    )
    if certificate is None:
        raise VolunteerRefused("conflict", _("Could not number the certificate; try again."))
    record_audit(actor=actor, action="change", target=certificate, detail={"action": "issue"})
    return certificate
