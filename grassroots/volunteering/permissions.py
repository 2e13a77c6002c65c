"""Who may organise activities, run their dates, manage teams and certify hours.

Activities and teams are public to every signed-in user (residents look for them on their
phones); running them is for community staff in their areas, the team's leaders and the
organising unit's liaisons."""

from django.http import Http404

from grassroots.accounts.models import ADMIN_ROLES, AUDIT_ROLES, Role
from grassroots.accounts.scopes import scope_of
from grassroots.areas.permissions import access_places
from grassroots.volunteering.models import Activity, Certificate, Occurrence, Team

STAFF = (Role.COMMUNITY_STAFF, Role.COMMUNITY_SECRETARY, *ADMIN_ROLES)
VOLUNTEER_LIST_ROLES = (
    *ADMIN_ROLES,
    *AUDIT_ROLES,
    Role.COMMUNITY_SECRETARY,
    Role.COMMUNITY_STAFF,
)


def staff_over(user, area) -> bool:
    """The community's staff, its secretary, and the county's or city's department over it."""
    return scope_of(user).covers(area, STAFF)


def _leads(user, team: Team | None) -> bool:
    return team is not None and team.leaders.filter(pk=user.pk).exists()


def _liaison(user, unit) -> bool:
    return unit is not None and unit.pk in scope_of(user).unit_ids(roles=[Role.UNIT_LIAISON])


def can_organise(user, community, *, team: Team | None = None, unit=None) -> bool:
    """Create activities in `community`: its staff, a leader of the team, a unit's liaison."""
    if not getattr(user, "is_authenticated", False):
        return False
    return staff_over(user, community) or _leads(user, team) or _liaison(user, unit)


def may_organise_somewhere(user) -> bool:
    scope = scope_of(user)
    return (
        scope.is_superuser
        or scope.has(*STAFF, Role.UNIT_LIAISON)
        or Team.objects.filter(leaders=user).exists()
    )


def can_run(user, activity: Activity) -> bool:
    """Run an activity's dates: roster, check-in screen, attendance, hours, cancel and move."""
    if not getattr(user, "is_authenticated", False):
        return False
    return activity.organiser_id == user.pk or can_organise(
        user, activity.community, team=activity.team, unit=activity.unit
    )


def can_manage_team(user, team: Team) -> bool:
    return staff_over(user, team.community) or _leads(user, team)


def can_certify(user, volunteer) -> bool:
    return staff_over(user, volunteer.person.home_area)


def can_list_volunteers(user) -> bool:
    """List the volunteers (names masked) living in one's areas."""
    return scope_of(user).has(*VOLUNTEER_LIST_ROLES)


def volunteers_area(user, asked):
    """The area(s) a volunteer list or ledger asks for (`?area=`), within the areas whose
    volunteers the user lists (404 outside them); None when none is asked (all they list)."""
    if not asked:
        return None
    places = access_places(user, asked, roles=VOLUNTEER_LIST_ROLES)
    return places.single or places


def access_activity(user, pk) -> Activity:
    activity = (
        Activity.objects.select_related("community", "team", "unit", "organiser")
        .filter(pk=pk)
        .first()
    )
    if activity is None:
        raise Http404
    return activity


def access_occurrence(user, pk, *, run: bool = False) -> Occurrence:
    """An activity date; with `run`, only for those who run it (404 for anyone else)."""
    occurrence = (
        Occurrence.objects.select_related("activity__community", "activity__team", "activity__unit")
        .filter(pk=pk)
        .first()
    )
    if occurrence is None or (run and not can_run(user, occurrence.activity)):
        raise Http404
    return occurrence


def access_team(user, pk) -> Team:
    team = Team.objects.select_related("community", "category", "unit").filter(pk=pk).first()
    if team is None:
        raise Http404
    return team


def access_certificate(user, pk) -> Certificate:
    """The holder's own certificate, or one a staff member over the holder's home may read."""
    certificate = (
        Certificate.objects.select_related("volunteer__person__home_area").filter(pk=pk).first()
    )
    if certificate is None:
        raise Http404
    if certificate.volunteer.person.user_id != user.pk and not can_certify(
        user, certificate.volunteer
    ):
        raise Http404
    return certificate
