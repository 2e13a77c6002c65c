"""The back office as the county's department and its auditor: another county's records are
not found there, the auditor writes nothing anywhere, and nobody but a superuser makes a
superuser or grants a role beyond their own areas."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from grassroots.accounts.models import Role, RoleAssignment, User
from grassroots.cases.tests import factories as f
from grassroots.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def records(e) -> list:
    """One record of the other county per kind the back office keeps."""
    return [
        e.compound, e.court, e.person, e.household, e.org, e.member, e.submitted, e.card,
        e.registration, e.team, e.volunteer, e.venue, e.body, e.disclosure,
        e.staff, RoleAssignment.objects.get(user=e.staff),
    ]  # fmt: skip


def change_url(obj) -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


@pytest.mark.parametrize("username", ["admin", "auditor"])
def test_another_county_s_records_are_not_found_in_the_back_office(client, elsewhere, username):
    client.force_login(f.user(username))
    answers = {
        change_url(obj): client.get(change_url(obj)).status_code for obj in records(elsewhere)
    }
    assert answers == dict.fromkeys(answers, 404)
    client.force_login(f.user("cityadmin"))  # the city holds both counties
    assert {client.get(url).status_code for url in answers} == {200}


@pytest.mark.parametrize("username", ["auditor", "cityauditor"])
def test_an_auditor_may_add_change_or_delete_nothing_anywhere(username):
    request = RequestFactory().get("/admin/")
    request.user = f.user(username)
    for model, model_admin in admin.site._registry.items():
        assert not model_admin.has_add_permission(request), model
        assert not model_admin.has_change_permission(request), model
        assert not model_admin.has_delete_permission(request), model


def test_the_auditor_s_post_is_refused(client):
    client.force_login(f.user("auditor"))
    unit = f.unit("县文联")
    response = client.post(reverse("admin:units_unit_change", args=[unit.pk]), {"name": "x"})
    assert response.status_code == 403
    unit.refresh_from_db()
    assert unit.name == "县文联"


def test_the_county_department_never_sees_or_sets_superuser_staff_or_groups(client):
    county_admin = f.user("admin")
    client.force_login(county_admin)
    target = f.user("staff")
    url = reverse("admin:accounts_user_change", args=[target.pk])
    form = client.get(url).context["adminform"].form
    assert not {"is_superuser", "is_staff", "groups", "user_permissions"} & set(form.fields)
    data = {
        "username": target.username, "full_name": target.full_name, "mobile": target.mobile or "",
        "email": "", "is_active": "on", "is_superuser": "on", "is_staff": "on",
        "role_assignments-TOTAL_FORMS": "0", "role_assignments-INITIAL_FORMS": "0",
    }  # fmt: skip
    assert client.post(url, data).status_code == 302  # saved, without those fields
    target.refresh_from_db()
    assert not target.is_superuser and not target.is_staff
    root = User.objects.create_superuser("root-x", password="pw-root")
    assert client.get(change_url(root)).status_code == 404  # superusers are not theirs to see


def _grant(client, user, role, area) -> int:
    response = client.post(
        reverse("admin:accounts_roleassignment_add"),
        {"user": user.pk, "role": role, "area": area.pk, "unit": ""},
    )
    return response.status_code


def test_a_role_is_granted_only_within_one_s_own_areas(client, elsewhere):
    from grassroots.areas.models import Area

    client.force_login(f.user("admin"))
    target = f.user("staff")
    assert _grant(client, target, Role.COMMUNITY_STAFF, elsewhere.community) == 200  # refused
    assert _grant(client, target, Role.CITY_ADMIN, Area.objects.get(level="city")) == 200
    assert not RoleAssignment.objects.filter(
        user=target, area__in=[elsewhere.community, Area.objects.get(level="city")]
    ).exists()
    north = Area.objects.get(name="城北社区")
    assert _grant(client, target, Role.COMMUNITY_STAFF, north) == 302  # one's own county
    assert RoleAssignment.objects.filter(user=target, area=north).exists()
    granted = AuditEntry.objects.filter(actor__username="admin", detail__action="grant_role")
    assert granted.count() == 1


def test_pairings_made_in_the_back_office_go_through_the_service(client, elsewhere):
    from grassroots.areas.models import Area
    from grassroots.units.models import Pairing

    client.force_login(f.user("admin"))
    url = reverse("admin:units_pairing_add")
    court = f.unit("县人民法院")
    refused = client.post(url, {"unit": court.pk, "area": elsewhere.compound.pk})
    assert refused.status_code == 200
    assert not Pairing.objects.filter(unit=court, area=elsewhere.compound).exists()
    compound = Area.objects.get(name="禹泽苑")
    assert client.post(url, {"unit": court.pk, "area": compound.pk}).status_code == 302
    pairing = Pairing.objects.get(unit=court, area=compound)
    assert AuditEntry.objects.filter(target_id=str(pairing.pk), detail__action="pair").exists()
