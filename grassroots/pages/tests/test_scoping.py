import pytest
from django.urls import reverse

from grassroots.accounts.models import Role, User
from grassroots.areas.models import Area
from grassroots.areas.permissions import access_area, areas_visible_to
from grassroots.conftest import make_user
from grassroots.units.models import Unit
from grassroots.units.permissions import access_unit

pytestmark = pytest.mark.django_db


def _area(name):
    return Area.objects.get(name=name)


def test_community_staff_see_their_own_subtree_only():
    staff = User.objects.get(username="staff")  # demo: 城西社区
    west = _area("城西社区")
    visible = areas_visible_to(staff)
    assert visible.count() == Area.objects.filter(path__startswith=west.path).count()
    assert set(visible.values_list("level", flat=True)) == {"community", "compound", "building"}
    assert visible.filter(name="火神庙后巷小区").exists()
    assert not visible.filter(name="骨科小区").exists()


def test_outsider_gets_404_for_an_area_outside_the_scope(client):
    client.force_login(User.objects.get(username="staff"))
    inside = _area("火神庙后巷小区")
    outside = _area("骨科小区")
    assert client.get(reverse("area_detail", args=[inside.pk])).status_code == 200
    assert client.get(reverse("area_detail", args=[outside.pk])).status_code == 404
    assert client.get(reverse("area_detail", args=[_area("城北社区").pk])).status_code == 404


def test_access_area_raises_404_for_outsider():
    from django.http import Http404

    staff = User.objects.get(username="staff")
    with pytest.raises(Http404):
        access_area(staff, _area("城南社区").pk)
    assert access_area(staff, _area("城西社区").pk).name == "城西社区"


def test_county_admin_sees_the_whole_county(client):
    client.force_login(User.objects.get(username="admin"))
    response = client.get(reverse("area_detail", args=[_area("骨科小区").pk]))
    assert response.status_code == 200
    assert "骨科小区" in response.content.decode()


def test_unit_liaison_reaches_their_unit_only():
    from django.http import Http404

    liaison = User.objects.get(username="liaison")
    own = Unit.objects.get(name="县中医医院")
    assert access_unit(liaison, own.pk) == own
    with pytest.raises(Http404):
        access_unit(liaison, Unit.objects.get(name="县人民法院").pk)


def test_user_without_roles_sees_nothing(county):
    nobody = make_user("nobody")
    assert areas_visible_to(nobody).count() == 0


def test_role_scope_must_be_area_or_unit(community):
    from django.db import IntegrityError, transaction

    from grassroots.accounts.models import RoleAssignment

    user = make_user("twoscopes")
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(
            user=user, role=Role.COMMUNITY_STAFF, area=community, unit=Unit.objects.first()
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=user, role=Role.COMMUNITY_STAFF)
