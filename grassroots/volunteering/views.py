"""Pages of volunteering: activities and their dates, sign-up and check-in, hours and
certificates, teams and calendar feeds."""

import datetime as dt
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.accounts.models import Role
from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area
from grassroots.areas.permissions import own_county, public_places, scope_roots
from grassroots.areas.places import Places
from grassroots.core import exporting
from grassroots.core.files import audited_pdf
from grassroots.core.masking import mask_name
from grassroots.core.qr import qr_data_uri
from grassroots.units.models import Unit
from grassroots.volunteering import feeds, ledgers, selectors, services
from grassroots.volunteering.certificates import render_certificate_pdf
from grassroots.volunteering.errors import VolunteerRefused
from grassroots.volunteering.forms import (
    ActivityForm,
    CancelForm,
    CertificateForm,
    MoveForm,
    ProfileForm,
)
from grassroots.volunteering.models import (
    Activity,
    Certificate,
    Enrollment,
    Occurrence,
    Team,
    Volunteer,
)
from grassroots.volunteering.permissions import (
    STAFF,
    VOLUNTEER_LIST_ROLES,
    access_activity,
    access_certificate,
    access_occurrence,
    access_team,
    can_list_volunteers,
    can_run,
    may_organise_somewhere,
    volunteers_area,
)

PAGE_SIZE = 20
ICS_TYPE = "text/calendar; charset=utf-8"


def _int(value) -> int | None:
    value = str(value or "")
    return int(value) if value.isdigit() and len(value) < 12 else None


def _communities(under: Area | None = None) -> list[Area]:
    """The communities to choose from: those of a county (all of the city without one)."""
    found = Area.objects.filter(level=Area.Level.COMMUNITY)
    if under is not None:
        found = found.filter(path__startswith=under.path)
    return list(found.order_by("path"))


def _refused(request, refused: VolunteerRefused) -> None:
    messages.error(request, str(refused.message))


# --- Activities -------------------------------------------------------------------------------


def activity_list(request):
    """Upcoming activity dates for residents and volunteers, or a month's calendar."""
    communities = _communities(own_county(request.user))
    community = next((c for c in communities if c.pk == _int(request.GET.get("community"))), None)
    volunteer = services.volunteer_for(request.user)
    context = {"communities": communities, "community": community}
    month = request.GET.get("month", "")
    if request.GET.get("view") == "month" or month:
        try:
            first = dt.date.fromisoformat(f"{month}-01") if month else None
        except ValueError:
            first = None
        first = first or timezone.localdate().replace(day=1)
        by_day = selectors.month_dates(first, community=community)
        start = first - dt.timedelta(days=first.weekday())
        weeks = []
        day = start
        while day.month == first.month or day < first or len(weeks) == 0 or day.weekday() != 0:
            week = []
            for _n in range(7):
                week.append((day, day.month == first.month, by_day.get(day, [])))
                day += dt.timedelta(days=1)
            weeks.append(week)
            if day.month != first.month and day > first:
                break
        previous = (first - dt.timedelta(days=1)).replace(day=1)
        following = (first + dt.timedelta(days=32)).replace(day=1)
        context.update(
            month=first,
            weeks=weeks,
            previous=previous.strftime("%Y-%m"),
            following=following.strftime("%Y-%m"),
            today=timezone.localdate(),
        )
        return render(request, "volunteering/calendar.html", context)
    page = Paginator(selectors.upcoming(community=community), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    mine = selectors.my_enrollments(volunteer, page.object_list)
    context.update(
        page=page,
        rows=[(o, mine.get(o.pk)) for o in page.object_list],
        qs=urlencode({"community": community.pk}) if community else "",
    )
    return render(request, "volunteering/activities.html", context)


def _organiser_choices(user):
    scope = scope_of(user)
    if scope.is_superuser:
        communities = _communities()
    else:
        paths = scope.area_paths(STAFF)
        communities = [c for c in _communities() if any(c.path.startswith(p) for p in paths)]
    led = list(Team.objects.filter(leaders=user).select_related("community"))
    for team in led:
        if team.community not in communities:
            communities.append(team.community)
    units = list(Unit.objects.filter(pk__in=scope.unit_ids(roles=[Role.UNIT_LIAISON])))
    if units and not communities:  # a unit organises in the communities it serves
        served = scope.unit_paths(roles=[Role.UNIT_LIAISON])
        communities = [c for c in _communities() if any(c.path.startswith(p) for p in served)]
    teams = list(
        Team.objects.filter(community__in=communities).select_related("community").order_by("pk")
    )
    return communities, teams, units


def activity_new(request):
    """Create an activity, once or repeating (每周三, 每月18日, 每月最后一个周末 …)."""
    if not may_organise_somewhere(request.user):
        raise Http404
    communities, teams, units = _organiser_choices(request.user)
    form = ActivityForm(request.POST or None, communities=communities, teams=teams, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        by_id = {c.pk: c for c in communities}
        team = next((t for t in teams if t.pk == _int(data["team"])), None)
        unit = next((u for u in units if u.pk == _int(data["unit"])), None)
        try:
            activity = services.create_activity(
                actor=request.user,
                title=data["title"],
                kind=data["kind"],
                community=by_id[int(data["community"])],
                team=team,
                unit=unit,
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
            for field, errors in refused.fields.items():
                target = field if field in form.fields else None
                for error in errors or [refused.message]:
                    form.add_error(target, error)
            if not refused.fields:
                form.add_error(None, refused.message)
        else:
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
        _refused(request, refused)
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
        _refused(request, refused)
    else:
        messages.success(request, _("Your sign-up is cancelled."))
    return redirect(request.POST.get("next") or reverse("volunteering:mine"))


# --- Running a date: roster, check-in screen, attendance, hours --------------------------------


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


def _run_action(request, occurrence: Occurrence):
    action = request.POST.get("action")
    try:
        if action in ("present", "absent"):
            enrollment = occurrence.enrollments.filter(
                pk=_int(request.POST.get("enrollment"))
            ).first()
            if enrollment is None:
                raise Http404
            services.mark_attendance(
                actor=request.user, enrollment=enrollment, attended=action == "present"
            )
        elif action == "confirm":
            hours = {}
            for key, value in request.POST.items():
                if key.startswith("hours-") and _int(key[6:]) and value.strip():
                    try:
                        hours[int(key[6:])] = Decimal(value.strip())
                    except InvalidOperation:
                        raise VolunteerRefused(
                            "invalid", _("Give the hours served, 0.5 to 24.")
                        ) from None
            served = _int(request.POST.get("served_count"))
            if served is None:
                raise VolunteerRefused("invalid", _("Give the number of residents served."))
            count = services.confirm_hours(
                actor=request.user, occurrence=occurrence, hours=hours, served_count=served
            )
            messages.success(request, _("Hours confirmed for %(n)d people.") % {"n": count})
        elif action == "cancel":
            form = CancelForm(request.POST)
            reason = form.data.get("reason", "")
            services.cancel_occurrence(actor=request.user, occurrence=occurrence, reason=reason)
            messages.success(request, _("This date is called off; the others stand."))
        elif action == "move":
            form = MoveForm(request.POST)
            if not form.is_valid():
                raise VolunteerRefused("invalid", _("Give the new date and times."))
            services.move_occurrence(actor=request.user, occurrence=occurrence, **form.cleaned_data)
            messages.success(request, _("This date is moved; the others stand."))
        else:
            raise Http404
    except VolunteerRefused as refused:
        _refused(request, refused)
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
            _refused(request, refused)
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


# --- My volunteering: dates, hours, certificates ----------------------------------------------


def mine(request):
    volunteer = services.volunteer_for(request.user)
    context = {"volunteer": volunteer}
    if volunteer is not None and request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            services.update_profile(actor=request.user, volunteer=volunteer, **form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("volunteering:mine")
    if volunteer is not None:
        context["profile"] = ProfileForm(
            initial={"skills": volunteer.skills, "availability": volunteer.availability}
        )
    if volunteer is not None:
        rows = (
            volunteer.enrollments.exclude(status=Enrollment.Status.CANCELLED)
            .select_related("occurrence__activity")
            .order_by("-occurrence__starts_at")
        )
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        today = timezone.localdate()
        context.update(
            page=page,
            summary=selectors.volunteer_summary(volunteer),
            certificates=volunteer.certificates.all()[:20],
            form=CertificateForm(initial={"start": today.replace(month=1, day=1), "end": today}),
            feed=request.build_absolute_uri(
                reverse("volunteering:feed_mine", args=[volunteer.calendar_token])
            ),
            now=timezone.now(),
        )
    return render(request, "volunteering/mine.html", context)


@require_POST
def certificate_new(request):
    volunteer = services.volunteer_for(request.user)
    if volunteer is None:
        raise Http404
    form = CertificateForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("__all__", []) or [_("Give the period.")]:
            messages.error(request, error)
        return redirect("volunteering:mine")
    try:
        certificate = services.issue_certificate(
            actor=request.user,
            volunteer=volunteer,
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
        )
    except VolunteerRefused as refused:
        _refused(request, refused)
        return redirect("volunteering:mine")
    messages.success(request, _("Certificate %(number)s issued.") % {"number": certificate.number})
    return redirect("volunteering:mine")


def certificate_pdf(request, pk: int):
    certificate = access_certificate(request.user, pk)
    pdf = render_certificate_pdf(certificate, base_url=request.build_absolute_uri("/"))
    name = f"志愿服务证书-{certificate.number}.pdf"
    return audited_pdf(request, certificate, pdf, name, inline=False)


@login_not_required
def verify(request, token: str):
    """Public: whether a certificate is genuine, with the holder's name masked."""
    certificate = Certificate.objects.filter(verify_token=token[:64]).first()
    context = {"c": certificate}
    if certificate is not None:
        context["masked"] = mask_name(certificate.holder_name)
    return render(request, "volunteering/verify.html", context, status=200 if certificate else 404)


# --- The hours ledger (台账) ---------------------------------------------------------------------


def hours_ledger(request):
    """Every line of hours served in an area, for a year: an Excel ledger for the county, a
    street or a community (staff of that area only)."""
    params = request.GET.dict()
    make = ledgers.hours_ledger
    return exporting.answer(request, kind="volunteer_hours", params=params, make=make)


def activities_ledger(request):
    """The activity dates of an area in a year — team, place, sign-ups, attendance, residents
    served, hours — as an Excel ledger for the staff of that area."""
    params = request.GET.dict()
    make = ledgers.activities_ledger
    return exporting.answer(request, kind="volunteer_activities", params=params, make=make)


# --- Teams ------------------------------------------------------------------------------------


def _ledger_area(user, community: Area | None):
    """The area whose hours ledger the user may export: the chosen community, else all of
    their own (one area, or several summed)."""
    roots = scope_roots(user, VOLUNTEER_LIST_ROLES)
    if community is not None and any(community.path.startswith(r.path) for r in roots):
        return community
    if not roots:
        return None
    places = Places.of(*roots)
    return places.single or places


def team_list(request):
    """The teams (a public directory) of the reader's county, or of the community or the
    area(s) asked for (?community=, ?area= from a dashboard's link)."""
    county = own_county(request.user)
    communities = _communities(county)
    wanted = _int(request.GET.get("community"))
    community = next((c for c in communities if c.pk == wanted), None)
    asked = None if community else public_places(request.GET.get("area") or "")
    within = community or asked or county
    page = Paginator(selectors.team_rows(within), 30).get_page(request.GET.get("page"))
    top = within or Area.objects.filter(depth=1).order_by("path").first()
    context = {
        "page": page,
        "communities": communities,
        "community": community,
        "figures": selectors.figures(top) if top else None,
        "qs": urlencode({"community": community.pk}) if community else "",
        "ledger_area": _ledger_area(request.user, community),
    }
    return render(request, "volunteering/teams.html", context)


def volunteer_list(request):
    """The volunteers living in an area, names masked: where the dashboards' count leads."""
    if not can_list_volunteers(request.user):
        raise Http404
    if request.GET.get("format") == "xlsx":
        make = ledgers.volunteers_ledger
        return exporting.answer(request, kind="volunteers", params=request.GET.dict(), make=make)
    area = volunteers_area(request.user, request.GET.get("area"))
    rows = selectors.volunteers_visible_to(request.user, area)
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    for v in page.object_list:
        v.masked = mask_name(v.person.name)
    context = {"page": page, "area": area, "qs": f"area={area.pk}" if area else ""}
    return render(request, "volunteering/volunteers.html", context)


def team_detail(request, pk: int):
    team = access_team(request.user, pk)
    members = team.memberships.select_related("volunteer__person").order_by("pk")
    page = Paginator(members, 30).get_page(request.GET.get("page"))
    context = {
        "team": team,
        "leaders": team.leaders.all(),
        "page": page,
        "members": [mask_name(m.volunteer.person.name) for m in page.object_list],
        "activities": selectors.team_activities(team),
        "dates": selectors.upcoming(team=team)[:10],
        "feed": request.build_absolute_uri(reverse("volunteering:feed_team", args=[team.pk])),
    }
    return render(request, "volunteering/team.html", context)


# --- Calendar feeds (public by design: phone calendars cannot sign in) ------------------------


def _ics(body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=ICS_TYPE)
    response["Content-Disposition"] = f"inline; filename={name}.ics"
    return response


@login_not_required
def feed_team(request, pk: int):
    team = Team.objects.filter(pk=pk).first()
    if team is None:
        raise Http404
    return _ics(feeds.activities_feed(team.name, Activity.objects.filter(team=team)), f"team-{pk}")


@login_not_required
def feed_community(request, pk: int):
    community = Area.objects.filter(pk=pk, level=Area.Level.COMMUNITY).first()
    if community is None:
        raise Http404
    name = f"{community.name}志愿服务活动"
    rows = Activity.objects.filter(community=community)
    return _ics(feeds.activities_feed(name, rows), f"community-{pk}")


@login_not_required
def feed_mine(request, token: str):
    volunteer = Volunteer.objects.filter(calendar_token=token[:64]).select_related("person").first()
    if volunteer is None:
        raise Http404
    return _ics(feeds.volunteer_feed(volunteer), "mine")
