"""Teams and their members are kept through `volunteering.teams`: by the community's staff (and
a team's leaders, for its members), inside their areas, audited; the back office goes the same
way."""

import pytest
from django.urls import reverse

from grassroots.accounts.models import Role
from grassroots.cases.tests import factories as f
from grassroots.conftest import make_user
from grassroots.core.models import AuditEntry
from grassroots.people.models import Person
from grassroots.volunteering import teams
from grassroots.volunteering.models import Membership, Team, Volunteer
from grassroots.volunteering.services import VolunteerRefused

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(community):
    return Team.objects.create(name="北关社区红色宣传队", community=community)


def _volunteer(home, name="孙丽") -> Volunteer:
    return Volunteer.objects.create(person=Person.objects.create(name=name, home_area=home))


def test_staff_add_and_remove_a_member_and_each_change_is_audited(team, staff_user, compound):
    volunteer = _volunteer(compound)
    membership = teams.add_member(actor=staff_user, team=team, volunteer=volunteer)
    assert teams.add_member(actor=staff_user, team=team, volunteer=volunteer) == membership
    teams.remove_member(actor=staff_user, membership=membership)
    assert not Membership.objects.filter(team=team).exists()
    actions = AuditEntry.objects.filter(actor=staff_user, target_type="volunteering.team")
    assert [e.detail["action"] for e in actions.order_by("pk")] == ["joined team", "left team"]


def test_a_leader_keeps_members_but_not_the_team(team, compound):
    leader = make_user("team_leader", Role.VOLUNTEER, area=compound)
    team.leaders.add(leader)
    teams.add_member(actor=leader, team=team, volunteer=_volunteer(compound))
    team.name = "改名"
    with pytest.raises(VolunteerRefused):
        teams.save_team(actor=leader, team=team)


def test_a_volunteer_of_another_county_does_not_join(team, staff_user):
    from grassroots.areas.models import Area

    elsewhere = _volunteer(Area.objects.get(name="骨科小区"), name="夏县人")
    with pytest.raises(VolunteerRefused) as refused:
        teams.add_member(actor=staff_user, team=team, volunteer=elsewhere)
    assert refused.value.code == "invalid"
    assert not Membership.objects.filter(team=team).exists()


def test_staff_of_another_community_may_not_keep_the_team(team, other_community, compound):
    outsider = make_user("south_staff", Role.COMMUNITY_STAFF, area=other_community)
    with pytest.raises(VolunteerRefused) as refused:
        teams.add_member(actor=outsider, team=team, volunteer=_volunteer(compound))
    assert refused.value.code == "forbidden"
    with pytest.raises(VolunteerRefused):
        teams.save_team(actor=outsider, team=Team(name="越界队", community=team.community))


def test_a_team_may_not_be_run_by_another_county_s_unit(team, staff_user):
    team.unit = f.unit("县人民法院")  # 夏县's, the team is in the test county
    with pytest.raises(VolunteerRefused) as refused:
        teams.save_team(actor=staff_user, team=team)
    assert "unit" in refused.value.fields


def test_the_back_office_sets_teams_up_through_the_service(client, county, community):
    admin = make_user("test_county_admin", Role.COUNTY_ADMIN, area=county, is_staff=True)
    client.force_login(admin)
    url = reverse("admin:volunteering_team_add")
    response = client.post(url, {"name": "北关社区平安建设队", "community": community.pk})
    assert response.status_code == 302
    made = Team.objects.get(name="北关社区平安建设队")
    assert AuditEntry.objects.filter(target_id=str(made.pk), detail__action="set up team").exists()
    xiaxian_community = f.user("staff").role_assignments.first().area  # not this department's
    refused = client.post(url, {"name": "越界", "community": xiaxian_community.pk})
    assert refused.status_code == 200
    assert not Team.objects.filter(name="越界").exists()
