"""Every read of volunteering: upcoming dates, rosters, figures for an area, a volunteer's hours."""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from grassroots.accounts.scopes import paths_q, scope_of
from grassroots.areas.models import Area
from grassroots.areas.places import Place
from grassroots.people.models import Person
from grassroots.volunteering.models import (
    Activity,
    Enrollment,
    Occurrence,
    ServiceRecord,
    Team,
    Volunteer,
)
from grassroots.volunteering.permissions import VOLUNTEER_LIST_ROLES
from grassroots.volunteering.services.hours import star_level, star_thresholds

E = Enrollment.Status
# The needs collected (wishes and questionnaire answers) are cases, a layer above volunteering:
# the wishes app hands over their count when it starts (`count_needs_with`).
_COUNTS: dict[str, Callable[[Place], int]] = {}


def count_needs_with(count: Callable[[Place], int]) -> None:
    """Where the area figures take the needs collected from (the wishes app, at start-up)."""
    _COUNTS["needs"] = count


def upcoming(*, community: Area | None = None, team: Team | None = None, days: int = 60):
    """Scheduled dates from three hours ago to `days` ahead, soonest first."""
    now = timezone.now()
    rows = Occurrence.objects.filter(
        status=Occurrence.Status.SCHEDULED,
        ends_at__gte=now - dt.timedelta(hours=3),
        starts_at__lte=now + dt.timedelta(days=days),
    )
    if community is not None:
        rows = rows.filter(activity__community=community)
    if team is not None:
        rows = rows.filter(activity__team=team)
    return rows.select_related("activity__community", "activity__team", "activity__unit")


def month_dates(first: dt.date, *, community: Area | None = None):
    """Every date of activities in the month starting on `first`, by day."""
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    rows = Occurrence.objects.filter(
        starts_at__gte=timezone.make_aware(dt.datetime.combine(first, dt.time.min)),
        starts_at__lt=timezone.make_aware(dt.datetime.combine(last, dt.time.min)),
    ).select_related("activity")
    if community is not None:
        rows = rows.filter(activity__community=community)
    by_day: dict[dt.date, list[Occurrence]] = {}
    for occurrence in rows.order_by("starts_at"):
        by_day.setdefault(timezone.localtime(occurrence.starts_at).date(), []).append(occurrence)
    return by_day


def my_enrollments(volunteer: Volunteer | None, occurrences) -> dict[int, Enrollment]:
    """The volunteer's sign-ups for these dates, by date id (one query)."""
    if volunteer is None:
        return {}
    rows = Enrollment.objects.filter(volunteer=volunteer, occurrence__in=list(occurrences))
    return {e.occurrence_id: e for e in rows}


def queue_position(enrollment: Enrollment) -> int:
    return (
        Enrollment.objects.filter(occurrence_id=enrollment.occurrence_id, status=E.WAITING)
        .filter(
            Q(created_at__lt=enrollment.created_at)
            | Q(created_at=enrollment.created_at, pk__lt=enrollment.pk)
        )
        .count()
        + 1
    )


def roster(occurrence: Occurrence) -> dict[str, list[Enrollment]]:
    rows = occurrence.enrollments.select_related("volunteer__person").order_by("created_at", "pk")
    out: dict[str, list[Enrollment]] = {s: [] for s in E.values}
    for row in rows:
        out[row.status].append(row)
    return out


def volunteer_summary(volunteer: Volunteer) -> dict:
    """Hours, times served, stars and the hours the next star needs."""
    totals = (
        ServiceRecord.objects.counted()
        .filter(person_id=volunteer.person_id)
        .aggregate(hours=Sum("hours"), times=Count("pk"))
    )
    hours = totals["hours"] or Decimal(0)
    stars = star_level(hours)
    thresholds = star_thresholds()
    following = thresholds[stars] if stars < len(thresholds) else None
    return {
        "hours": hours,
        "times": totals["times"],
        "stars": stars,
        "next": following,
        "to_next": (following - hours) if following is not None else None,
    }


def hours_lines(area: Place):
    """The ledger lines of hours counted in an area: at its activities or on its cases."""
    return ServiceRecord.objects.counted().filter(
        paths_q(area.paths, "enrollment__occurrence__activity__community__path")
        | paths_q(area.paths, "case__area__path")
    )


def figures(area: Place, *, needs: bool = True) -> dict:
    """The volunteering figures of an area (county, street or community), counted from rows.
    The needs collected are demands; the dashboards take them from their tallies
    (`needs=False` leaves them out)."""
    teams = Team.objects.filter(paths_q(area.paths, "community__path")).count()
    volunteers = volunteer_rows(area).count()
    held = Occurrence.objects.filter(
        paths_q(area.paths, "activity__community__path"), status=Occurrence.Status.HELD
    ).aggregate(n=Count("pk"), served=Sum("served_count"))
    attended = Enrollment.objects.filter(
        paths_q(area.paths, "occurrence__activity__community__path"),
        status=E.ATTENDED,
        hours__isnull=False,
    ).count()
    hours = hours_lines(area).aggregate(h=Sum("hours"))["h"] or Decimal(0)
    collected = _COUNTS["needs"](area) if needs and "needs" in _COUNTS else None
    return {
        "teams": teams,
        "volunteers": volunteers,
        "needs": collected,
        "services": held["n"],
        "served": held["served"] or 0,
        "volunteer_times": attended,
        "hours": hours,
    }


def activity_ledger_rows(area: Place, year: int):
    """An area's activity dates in a year with their sign-ups, attendance and hours."""
    return (
        Occurrence.objects.filter(
            paths_q(area.paths, "activity__community__path"), starts_at__year=year
        )
        .select_related("activity__team", "activity__community")
        .annotate(
            signed_up=Count(
                "enrollments",
                filter=~Q(enrollments__status=E.CANCELLED) & ~Q(enrollments__status=E.WAITING),
            ),
            attended=Count("enrollments", filter=Q(enrollments__status=E.ATTENDED)),
            hours=Sum("enrollments__hours", filter=Q(enrollments__status=E.ATTENDED)),
        )
        .order_by("starts_at", "pk")
    )


def hours_ledger_rows(area: Place, year: int):
    """The hours ledger of an area for a year: date, volunteer, activity, service order,
    community, hours — plain rows in date order."""
    return (
        hours_lines(area)
        .filter(served_on__year=year)
        .values_list(
            "served_on",
            "person__name",
            "enrollment__occurrence__activity__title",
            "case__title",
            "enrollment__occurrence__activity__community__name",
            "hours",
        )
        .order_by("served_on", "pk")
    )


def team_rows(area: Area | None = None):
    rows = Team.objects.select_related("community", "category", "unit")
    if area is not None:
        rows = rows.filter(paths_q(area.paths, "community__path"))
    return rows.annotate(members=Count("memberships", distinct=True)).order_by(
        "community__path", "category__scheme", "category__order", "name"
    )


def volunteer_rows(area: Place | None = None):
    """Volunteers (people who serve), by where they live; the figure counts the same rows."""
    rows = Volunteer.objects.select_related("person")
    if area is not None:
        rows = rows.filter(paths_q(area.paths, "person__home_area__path"))
    return rows.annotate(teams=Count("memberships", distinct=True)).order_by("person__name", "pk")


def volunteers_visible_to(user, area: Area | None = None):
    """The volunteers living in `area` (None: anywhere) within the areas the user lists."""
    scope = scope_of(user)
    return volunteer_rows(area).filter(
        scope.area_q("person__home_area__path", roles=VOLUNTEER_LIST_ROLES)
    )


def team_activities(team: Team):
    return Activity.objects.filter(team=team).order_by("-first_day")[:20]


def member_candidates(team: Team, find: str, limit: int = 20) -> list[Person]:
    """Residents of the team's county a keeper may add, found by name (part of it) or by the
    whole mobile number; those already in the team are left out."""
    find = find.strip()[:30]
    if not find:
        return []
    found = _county_residents(team).exclude(volunteer__memberships__team=team)
    found = found.filter(mobile=find) if find.isdigit() else found.filter(name__contains=find)
    return list(found.select_related("home_area").order_by("name", "pk")[:limit])


def _county_residents(team: Team):
    county = Area.cut(team.community.path, Area.Level.COUNTY)
    return Person.objects.filter(home_area__path__startswith=county)


def county_resident(team: Team, pk: int | None) -> Person | None:
    """A resident of the team's county by id (None for anyone else: nothing about them shows)."""
    return _county_residents(team).filter(pk=pk or 0).select_related("home_area").first()
