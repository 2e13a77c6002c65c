"""Volunteer teams and who is in them: setting a team up, changing it, and its members joining
and leaving — every write checked against the staff's areas (or the team's leaders, for its
members) and audited. Each check is a function of its own, so a form can show the refusal
before anything is written."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.areas.models import Area
from grassroots.core.audit import record_audit
from grassroots.people.models import Person
from grassroots.volunteering import permissions
from grassroots.volunteering.errors import VolunteerRefused
from grassroots.volunteering.models import Membership, Team, Volunteer


def check_team(*, actor, team: Team) -> None:
    """Refuse a team the actor may not keep, or whose places and unit do not hold together."""
    community = team.community
    if community is None or community.level != Area.Level.COMMUNITY:
        raise VolunteerRefused("invalid", _("Choose the community that runs the team."))
    if not permissions.staff_over(actor, community):
        raise VolunteerRefused("forbidden", _("You may not keep the teams of this community."))
    if team.pk and not permissions.staff_over(actor, Team.objects.get(pk=team.pk).community):
        raise VolunteerRefused("forbidden", _("You may not keep the teams of this community."))
    if team.serves_id and not community.holds(team.serves):
        message = _("The team serves a compound of its own community.")
        raise VolunteerRefused("invalid", message, {"serves": [message]})
    if team.unit is not None and not team.unit.area.holds(community):
        message = _("%(unit)s is not a unit of this county.") % {"unit": team.unit}
        raise VolunteerRefused("invalid", message, {"unit": [message]})


@transaction.atomic
def save_team(*, actor, team: Team) -> Team:
    """Set a team up, or change its name, category, the compound it serves or its unit."""
    check_team(actor=actor, team=team)
    adding = team.pk is None
    team.save()
    detail = {"action": "set up team" if adding else "change team"}
    record_audit(actor=actor, action="change", target=team, detail=detail)
    return team


@transaction.atomic
def set_leaders(*, actor, team: Team, leaders) -> None:
    """Who leads the team (they organise its activities and keep its members)."""
    if not permissions.staff_over(actor, team.community):
        raise VolunteerRefused("forbidden", _("You may not keep the teams of this community."))
    team.leaders.set(leaders)
    detail = {"action": "team leaders", "leaders": sorted(u.pk for u in leaders)}
    record_audit(actor=actor, action="change", target=team, detail=detail)


def check_member(*, actor, team: Team, volunteer: Volunteer) -> None:
    """The team's staff or leaders keep its members; a member lives in the team's county."""
    if not permissions.can_manage_team(actor, team):
        raise VolunteerRefused("forbidden", _("You may not keep this team's members."))
    home = volunteer.person.home_area
    if home.county_path != team.community.county_path:
        message = _("%(name)s does not live in this team's county.") % {
            "name": volunteer.person.name
        }
        raise VolunteerRefused("invalid", message, {"volunteer": [message]})


@transaction.atomic
def add_member(
    *, actor, team: Team, volunteer: Volunteer, joined_on: dt.date | None = None
) -> Membership:
    """A volunteer joins the team (joining again changes nothing)."""
    check_member(actor=actor, team=team, volunteer=volunteer)
    membership, created = Membership.objects.get_or_create(
        team=team, volunteer=volunteer, defaults={"joined_on": joined_on or timezone.localdate()}
    )
    if created:
        detail = {"action": "joined team", "volunteer": volunteer.pk}
        record_audit(actor=actor, action="change", target=team, detail=detail)
    return membership


@transaction.atomic
def remove_member(*, actor, membership: Membership) -> None:
    """A volunteer leaves the team; their hours stay in the ledger."""
    team = membership.team
    if not permissions.can_manage_team(actor, team):
        raise VolunteerRefused("forbidden", _("You may not keep this team's members."))
    detail = {"action": "left team", "volunteer": membership.volunteer_id}
    membership.delete()
    record_audit(actor=actor, action="change", target=team, detail=detail)


@transaction.atomic
def add_person(*, actor, team: Team, person: Person) -> Membership:
    """Staff or a leader adds a resident to the team: they become a volunteer if they were not
    one, then a member (the same checks as `add_member`)."""
    volunteer = Volunteer(person=person)
    check_member(actor=actor, team=team, volunteer=volunteer)
    volunteer, _created = Volunteer.objects.get_or_create(person=person)
    return add_member(actor=actor, team=team, volunteer=volunteer)


@transaction.atomic
def join_by_report(*, actor, team: Team, person: Person) -> Membership | None:
    """A party member who reported (报到) to a compound joins the team of their specialty in
    that compound's community — the report is their (or the staff's) own act, so only the place
    is checked: the member lives in the team's community. None when they do not."""
    if not team.community.holds(person.home_area):
        return None
    volunteer, _created = Volunteer.objects.get_or_create(person=person)
    membership, created = Membership.objects.get_or_create(
        team=team, volunteer=volunteer, defaults={"joined_on": timezone.localdate()}
    )
    if created:
        detail = {"action": "joined team", "volunteer": volunteer.pk, "by": "report"}
        record_audit(actor=actor, action="change", target=team, detail=detail)
    return membership


def specialty_team(community: Area, order: int) -> Team | None:
    """The community's team of the `order`-th specialty (夏县's six: 党建指导 … 温暖帮扶)."""
    code = f"specialty-{order + 1}"
    return Team.objects.filter(community=community, category__code=code).order_by("pk").first()
