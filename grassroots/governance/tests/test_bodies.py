"""Self-governance bodies and their members go through `governance.bodies`: kept by the
compound's community staff, members living in the compound, every change audited — from the
back office too."""

import datetime as dt

import pytest
from django.urls import reverse

from grassroots.accounts.models import Role
from grassroots.conftest import make_user
from grassroots.core.models import AuditEntry
from grassroots.governance import bodies
from grassroots.governance.models import Body, BodyMember
from grassroots.governance.services import GovernanceRefused
from grassroots.people.models import Person

pytestmark = pytest.mark.django_db


def _body(compound, **changes) -> Body:
    fields = {
        "compound": compound,
        "kind": Body.Kind.RESIDENTS_COMMITTEE,
        "name": "幸福小区居民自治管理委员会",
        "term_starts": dt.date(2026, 1, 1),
        "term_ends": dt.date(2029, 1, 1),
    }
    return Body(**{**fields, **changes})


def test_staff_set_a_body_up_with_its_members(staff_user, compound, building):
    body = bodies.save_body(actor=staff_user, body=_body(compound))
    resident = Person.objects.create(name="钱桂芳", home_area=building)
    bodies.set_member(actor=staff_user, body=body, person=resident, role=BodyMember.Role.HEAD)
    assert body.members.get().role == "head"
    bodies.remove_member(actor=staff_user, member=body.members.get())
    actions = AuditEntry.objects.filter(target_type="governance.body", target_id=str(body.pk))
    actions = actions.order_by("pk")
    assert [e.detail["action"] for e in actions] == [
        "set up body",
        "body member",
        "body member left",
    ]


def test_a_member_lives_in_the_compound(staff_user, compound, other_community):
    body = bodies.save_body(actor=staff_user, body=_body(compound))
    from grassroots.areas.models import Area

    away = Area.objects.add_child(
        other_community, instance=Area(name="南关小区", level=Area.Level.COMPOUND)
    )
    stranger = Person.objects.create(name="外小区居民", home_area=away)
    with pytest.raises(GovernanceRefused) as refused:
        bodies.set_member(actor=staff_user, body=body, person=stranger, role="member")
    assert "person" in refused.value.fields and not body.members.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"term_ends": dt.date(2025, 1, 1)}, "term_ends"), ({"kind": Body.Kind.GROUP}, "focus")],
)
def test_a_body_holds_together(staff_user, compound, changes, field):
    with pytest.raises(GovernanceRefused) as refused:
        bodies.save_body(actor=staff_user, body=_body(compound, **changes))
    assert field in refused.value.fields


def test_staff_of_another_community_may_not_keep_it(compound, other_community):
    outsider = make_user("south_keeper", Role.COMMUNITY_STAFF, area=other_community)
    with pytest.raises(GovernanceRefused) as refused:
        bodies.save_body(actor=outsider, body=_body(compound))
    assert refused.value.code == "forbidden" and not Body.objects.filter(compound=compound)


def test_the_back_office_sets_a_body_up_through_the_service(client, county, compound):
    client.force_login(make_user("body_admin", Role.COUNTY_ADMIN, area=county, is_staff=True))
    data = {
        "compound": compound.pk,
        "kind": "group",
        "focus": "",
        "name": "幸福小区平安小组",
        "term_starts": "2026-01-01",
        "term_ends": "2029-01-01",
    }
    url = reverse("admin:governance_body_add")
    refused = client.post(url, data)  # a group without its focus: the service's check says so
    assert refused.status_code == 200 and not Body.objects.filter(name="幸福小区平安小组")
    assert client.post(url, {**data, "focus": "safety"}).status_code == 302
    body = Body.objects.get(name="幸福小区平安小组")
    assert AuditEntry.objects.filter(target_id=str(body.pk), detail__action="set up body").exists()
