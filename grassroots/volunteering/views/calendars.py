"""Calendar feeds (iCalendar): a team's, a community's and a volunteer's own. The first two are
public by design (phone calendars cannot sign in; activities are public notices); a
volunteer's feed is behind the secret in its address."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse

from grassroots.areas.models import Area
from grassroots.volunteering import feeds
from grassroots.volunteering.models import Activity, Team, Volunteer

ICS_TYPE = "text/calendar; charset=utf-8"


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
