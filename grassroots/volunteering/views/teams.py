"""The teams directory with its figures, a team's page, and the list of volunteers (names
masked) the dashboards' count leads to."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from grassroots.areas.models import Area
from grassroots.areas.permissions import own_county, public_places, scope_roots
from grassroots.areas.places import Places
from grassroots.core import export_views
from grassroots.core.masking import mask_name
from grassroots.volunteering import ledgers, selectors, teams
from grassroots.volunteering.errors import VolunteerRefused
from grassroots.volunteering.permissions import (
    VOLUNTEER_LIST_ROLES,
    access_team,
    can_list_volunteers,
    can_manage_team,
    volunteers_area,
)
from grassroots.volunteering.views.common import as_id, communities


def _ledger_area(user, community: Area | None):
    """The area whose hours ledger the user may export: the chosen community, else all of
    their own (one area, or several summed)."""
    roots = scope_roots(user, VOLUNTEER_LIST_ROLES)
    if community is not None and any(r.holds(community) for r in roots):
        return community
    if not roots:
        return None
    places = Places.of(*roots)
    return places.single or places


def team_list(request):
    """The teams (a public directory) of the reader's county, or of the community or the
    area(s) asked for (?community=, ?area= from a dashboard's link)."""
    county = own_county(request.user)
    choices = communities(county)
    wanted = as_id(request.GET.get("community"))
    community = next((c for c in choices if c.pk == wanted), None)
    asked = None if community else public_places(request.GET.get("area") or "")
    within = community or asked or county
    page = Paginator(selectors.team_rows(within), 30).get_page(request.GET.get("page"))
    top = within or Area.objects.filter(depth=1).order_by("path").first()
    context = {
        "page": page,
        "communities": choices,
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
        return export_views.answer(request, kind="volunteers", params=request.GET.dict(), make=make)
    area = volunteers_area(request.user, request.GET.get("area"))
    rows = selectors.volunteers_visible_to(request.user, area)
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    for v in page.object_list:
        v.masked = mask_name(v.person.name)
    context = {"page": page, "area": area, "qs": f"area={area.pk}" if area else ""}
    return render(request, "volunteering/volunteers.html", context)


@require_http_methods(["GET", "POST"])
def team_detail(request, pk: int):
    """A team's page; its keepers (the community's staff, its leaders) add and remove members."""
    team = access_team(request.user, pk)
    keeper = can_manage_team(request.user, team)
    if request.method == "POST":
        if not keeper:
            raise Http404
        _keep_members(request, team)
        return redirect(reverse("volunteering:team", args=[team.pk]))
    members = team.memberships.select_related("volunteer__person").order_by("pk")
    page = Paginator(members, 30).get_page(request.GET.get("page"))
    find = request.GET.get("find", "") if keeper else ""
    context = {
        "team": team,
        "leaders": team.leaders.all(),
        "page": page,
        "members": [(m, mask_name(m.volunteer.person.name)) for m in page.object_list],
        "keeper": keeper,
        "find": find,
        "candidates": selectors.member_candidates(team, find) if find else [],
        "activities": selectors.team_activities(team),
        "dates": selectors.upcoming(team=team)[:10],
        "feed": request.build_absolute_uri(reverse("volunteering:feed_team", args=[team.pk])),
    }
    return render(request, "volunteering/team.html", context)


def _keep_members(request, team) -> None:
    """Add the resident chosen from the search, or remove a member; a refusal is shown."""
    try:
        if request.POST.get("action") == "add":
            person = selectors.county_resident(team, as_id(request.POST.get("person")))
            if person is None:
                raise VolunteerRefused("invalid", _("Choose a resident from the search."))
            teams.add_person(actor=request.user, team=team, person=person)
            messages.success(request, _("%(name)s has joined the team.") % {"name": person.name})
        elif request.POST.get("action") == "remove":
            membership = team.memberships.filter(pk=as_id(request.POST.get("member")) or 0).first()
            if membership is None:
                raise Http404
            teams.remove_member(actor=request.user, membership=membership)
            messages.success(request, _("The member has left the team."))
    except VolunteerRefused as refused:
        messages.error(request, refused.message)
