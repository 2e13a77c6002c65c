"""A team's keepers add residents to it on its page and remove them; a party member who reports
to a compound joins the team of their specialty in its community — a real membership."""

import pytest
from django.urls import reverse

from grassroots.accounts.models import Role, User
from grassroots.areas.models import Area
from grassroots.conftest import make_user
from grassroots.core.models import AuditEntry
from grassroots.offers.reporting import register_member
from grassroots.party.models import PartyMember, PartyOrg
from grassroots.people.models import Person
from grassroots.volunteering.models import Membership, Team, TeamCategory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(community):
    return Team.objects.create(name="北关社区温暖帮扶队", community=community)


def _resident(home, name="孙丽", mobile="13911112222") -> Person:
    return Person.objects.create(name=name, mobile=mobile, home_area=home)


def test_staff_find_a_resident_add_them_and_remove_them_on_the_page(
    client, team, staff_user, compound
):
    person = _resident(compound)
    client.force_login(staff_user)
    url = reverse("volunteering:team", args=[team.pk])
    found = client.get(url, {"find": "孙"}).content.decode()
    assert "孙丽" in found and "添加到本队" in found
    assert "孙丽" in client.get(url, {"find": "13911112222"}).content.decode()
    answer = client.post(url, {"action": "add", "person": person.pk}, follow=True)
    assert "孙丽已加入本队" in answer.content.decode()
    membership = Membership.objects.get(team=team, volunteer__person=person)
    assert "孙丽" not in client.get(url, {"find": "孙"}).content.decode().split("添加一名队员")[1]
    client.post(url, {"action": "remove", "member": membership.pk})
    assert not Membership.objects.filter(team=team).exists()
    actions = AuditEntry.objects.filter(actor=staff_user, target_type="volunteering.team")
    assert [e.detail["action"] for e in actions.order_by("pk")] == ["joined team", "left team"]


def test_a_resident_of_another_county_cannot_be_added_or_seen(client, team, staff_user):
    elsewhere = _resident(Area.objects.get(name="骨科小区"), name="夏县人", mobile="13933334444")
    client.force_login(staff_user)
    url = reverse("volunteering:team", args=[team.pk])
    assert "本县没有相符的居民" in client.get(url, {"find": "夏县人"}).content.decode()
    answer = client.post(url, {"action": "add", "person": elsewhere.pk}, follow=True)
    assert "请从搜索结果中选择居民" in answer.content.decode()
    assert "夏县人" not in answer.content.decode()
    assert not Membership.objects.filter(team=team).exists()


def test_an_outsider_and_an_auditor_may_not_keep_the_members(client, team, compound):
    person = _resident(compound)
    url = reverse("volunteering:team", args=[team.pk])
    for user in (User.objects.get(username="staff"), User.objects.get(username="auditor")):
        client.force_login(user)
        page = client.get(url, {"find": "孙"}).content.decode()
        assert "添加一名队员" not in page  # the public page, without the keeper's tools
        assert client.post(url, {"action": "add", "person": person.pk}).status_code == 404
    assert not Membership.objects.filter(team=team).exists()


def test_a_reported_member_joins_the_team_of_their_specialty(team, compound):
    team.category = TeamCategory.objects.get(code="specialty-6")  # 温暖帮扶
    team.save()
    account = User.objects.create_user(username="newmember", password="x")
    person = _resident(compound, name="新党员")
    Person.objects.filter(pk=person.pk).update(user=account)
    org = PartyOrg.objects.add_root(
        instance=PartyOrg(name="测试县委", kind=PartyOrg.Kind.COMMITTEE, area=compound)
    )
    member = PartyMember.objects.create(
        person=Person.objects.get(pk=person.pk),
        org=org,
        in_service=True,
        home_compound=compound,
    )
    make_user("compound_staff", Role.COMMUNITY_STAFF, area=Area.objects.get_parent(compound))
    registration = register_member(
        actor=account, member=member, compound=compound, skills="陪老人聊天"
    )
    assert registration.service_team == "warmth"
    assert Membership.objects.filter(team=team, volunteer__person=person).exists()
