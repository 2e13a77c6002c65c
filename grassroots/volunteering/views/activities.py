"""Activity pages: the list of upcoming dates or a month's calendar, creating an activity, an
activity's page, and signing up for a date or cancelling a sign-up."""

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.accounts.models import Role
from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area
from grassroots.areas.permissions import own_county
from grassroots.units.models import Unit
from grassroots.volunteering import selectors, services
from grassroots.volunteering.errors import VolunteerRefused
from grassroots.volunteering.forms import ActivityForm
from grassroots.volunteering.models import Activity, Enrollment, Team
from grassroots.volunteering.permissions import (
    STAFF,
    access_activity,
    access_occurrence,
    can_run,
    may_organise_somewhere,
)
from grassroots.volunteering.views.common import PAGE_SIZE, as_id, communities, show_refused


def _weeks(first: dt.date, by_day: dict) -> list[list[tuple]]:
    """The month's weeks, Monday first, each day with whether it is of the month and its dates."""
    weeks: list[list[tuple]] = []
    day = first - dt.timedelta(days=first.weekday())
    while day.month == first.month or day < first or len(weeks) == 0 or day.weekday() != 0:
        week = []
        for _n in range(7):
            week.append((day, day.month == first.month, by_day.get(day, [])))
            day += dt.timedelta(days=1)
        weeks.append(week)
        if day.month != first.month and day > first:
            break
    return weeks


def _month(month: str, community: Area | None) -> dict:
    """A month's calendar (`?month=2026-06`, this month without one) and its neighbours."""
    try:
        first = dt.date.fromisoformat(f"{month}-01") if month else None
    except ValueError:
        first = None
    first = first or timezone.localdate().replace(day=1)
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return {
        "month": first,
        "weeks": _weeks(first, selectors.month_dates(first, community=community)),
        "previous": previous.strftime("%Y-%m"),
        "following": following.strftime("%Y-%m"),
        "today": timezone.localdate(),
    }


def activity_list(request):
    """Upcoming activity dates for residents and volunteers, or a month's calendar."""
    choices = communities(own_county(request.user))
    community = next((c for c in choices if c.pk == as_id(request.GET.get("community"))), None)
    context = {"communities": choices, "community": community}
    month = request.GET.get("month", "")
    if request.GET.get("view") == "month" or month:
        context.update(_month(month, community))
        return render(request, "volunteering/calendar.html", context)
    page = Paginator(selectors.upcoming(community=community), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    mine = selectors.my_enrollments(services.volunteer_for(request.user), page.object_list)
    context.update(
        page=page,
        rows=[(o, mine.get(o.pk)) for o in page.object_list],
        qs=urlencode({"community": community.pk}) if community else "",
    )
    return render(request, "volunteering/activities.html", context)


def _organiser_choices(user):
    """The communities, teams and units the user may organise an activity for."""
    scope = scope_of(user)
    every = communities()
    chosen = [c for c in every if scope.covers(c, STAFF)]
    led = list(Team.objects.filter(leaders=user).select_related("community"))
    for team in led:
        if team.community not in chosen:
            chosen.append(team.community)
    units = list(Unit.objects.filter(pk__in=scope.unit_ids(roles=[Role.UNIT_LIAISON])))
    if units and not chosen:  # a unit organises in the communities it serves
        chosen = [c for c in every if scope.serves(c, [Role.UNIT_LIAISON])]
    teams = list(
        Team.objects.filter(community__in=chosen).select_related("community").order_by("pk")
    )
    return chosen, teams, units


def _refuse_on_form(form: ActivityForm, refused: VolunteerRefused) -> None:
    """The refusal's messages on the fields they name (or on the form)."""
    for field, errors in refused.fields.items():
        target = field if field in form.fields else None
        for error in errors or [refused.message]:
            form.add_error(target, error)
    if not refused.fields:
        form.add_error(None, refused.message)


def _create(request, form: ActivityForm, choices, teams, units) -> Activity | None:
    """The activity the valid form creates, or None with the refusal on the form."""
    data = form.cleaned_data
    try:
        return services.create_activity(
            actor=request.user,
            title=data["title"],
            kind=data["kind"],
            community={c.pk: c for c in choices}[int(data["community"])],
            team=next((t for t in teams if t.pk == as_id(data["team"])), None),
            unit=next((u for u in units if u.pk == as_id(data["unit"])), None),
            place=data["place"],
            first_day=data["first_day"],
            start_time=data["start_time"],
            end_time=data["end_time"],
            pattern=form.pattern(),
            last_day=data["last_day"],
            capacity=data["capacity"],
            signup_opens_days=data["signup_opens_days"],
            signup_closes_hours=data["signup_closes_hours"],
            description=data["description"],
        )
    except VolunteerRefused as refused:
        _refuse_on_form(form, refused)
        return None


def activity_new(request):
    """Create an activity, once or repeating (每周三, 每月18日, 每月最后一个周末 …)."""
    if not may_organise_somewhere(request.user):
        raise Http404
    choices, teams, units = _organiser_choices(request.user)
    form = ActivityForm(request.POST or None, communities=choices, teams=teams, units=units)
    if request.method == "POST" and form.is_valid():
        activity = _create(request, form, choices, teams, units)
        if activity is not None:
            count = activity.occurrences.count()
            messages.success(
                request, _("Activity created with %(count)d dates.") % {"count": count}
            )
            return redirect("volunteering:activity", activity.pk)
    return render(request, "volunteering/activity_form.html", {"form": form})


def activity_detail(request, pk: int):
    activity = access_activity(request.user, pk)
    now = timezone.now()
    dates = list(
        activity.occurrences.filter(ends_at__gte=now - dt.timedelta(days=30)).order_by("starts_at")[
            :24
        ]
    )
    volunteer = services.volunteer_for(request.user)
    mine = selectors.my_enrollments(volunteer, dates)
    context = {
        "activity": activity,
        "rows": [(o, mine.get(o.pk)) for o in dates],
        "runs": can_run(request.user, activity),
        "now": now,
    }
    return render(request, "volunteering/activity.html", context)


@require_POST
def sign_up(request, pk: int):
    occurrence = access_occurrence(request.user, pk)
    try:
        enrollment = services.sign_up(actor=request.user, occurrence=occurrence)
    except VolunteerRefused as refused:
        show_refused(request, refused)
    else:
        if enrollment.status == Enrollment.Status.ENROLLED:
            messages.success(request, _("You are signed up for %(what)s.") % {"what": occurrence})
        else:
            position = selectors.queue_position(enrollment)
            messages.info(
                request,
                _("All places are taken: you are number %(n)d on the waiting list.")
                % {"n": position},
            )
    return redirect(
        request.POST.get("next") or reverse("volunteering:activity", args=[occurrence.activity_id])
    )


@require_POST
def cancel_sign_up(request, pk: int):
    enrollment = (
        Enrollment.objects.select_related("occurrence__activity", "volunteer__person")
        .filter(pk=pk)
        .first()
    )
    if enrollment is None or not (
        enrollment.volunteer.person.user_id == request.user.pk
        or can_run(request.user, enrollment.occurrence.activity)
    ):
        raise Http404
    try:
        services.cancel_sign_up(actor=request.user, enrollment=enrollment)
    except VolunteerRefused as refused:
        show_refused(request, refused)
    else:
        messages.success(request, _("Your sign-up is cancelled."))
    return redirect(request.POST.get("next") or reverse("volunteering:mine"))
