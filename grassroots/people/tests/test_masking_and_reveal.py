import pytest
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.core.masking import mask_id_number, mask_mobile
from grassroots.core.models import AuditEntry
from grassroots.people.models import Person

pytestmark = pytest.mark.django_db


def test_mask_mobile_and_id_number():
    assert mask_mobile("13812341234") == "138****1234"
    assert mask_mobile("") == ""
    assert mask_id_number("140828199001011234") == "1408***********234"
    assert "199001011" not in mask_id_number("140828199001011234")


def _someone_in(community_name):
    return Person.objects.filter(
        home_area__path__startswith=Person.objects.model._meta.get_field("home_area")
        .related_model.objects.get(name=community_name)
        .path,
        household__isnull=False,
    ).order_by("pk")[0]


def test_resident_list_masks_mobiles_and_id_numbers(client):
    client.force_login(User.objects.get(username="secretary"))  # 城北社区
    person = _someone_in("城北社区")
    body = client.get(reverse("people:list"), {"q": person.name}).content.decode()
    assert mask_mobile(person.mobile) in body
    assert person.mobile not in body
    assert person.id_number not in body


def test_reveal_shows_the_full_value_and_logs_who_saw_whom(client):
    secretary = User.objects.get(username="secretary")
    client.force_login(secretary)
    person = _someone_in("城北社区")
    response = client.post(reverse("people:reveal", args=[person.pk, "mobile"]))
    assert response.status_code == 200
    assert response.content.decode().strip() == person.mobile
    entry = AuditEntry.objects.get(action="reveal", target_id=str(person.pk))
    assert entry.actor == secretary
    assert entry.detail == {"field": "mobile"}
    assert entry.target_type == "people.person"


def test_role_that_may_not_reveal_is_refused_and_nothing_logged(client):
    client.force_login(User.objects.get(username="staff"))  # community staff: list only
    person = _someone_in("城西社区")
    response = client.post(reverse("people:reveal", args=[person.pk, "id_number"]))
    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action="reveal").exists()


def test_reveal_outside_the_scope_is_404(client):
    client.force_login(User.objects.get(username="secretary"))  # 城北社区
    person = _someone_in("城南社区")
    assert client.post(reverse("people:reveal", args=[person.pk, "mobile"])).status_code == 404
    assert not AuditEntry.objects.filter(action="reveal").exists()


def test_people_list_is_scoped(client):
    client.force_login(User.objects.get(username="staff"))  # 城西社区
    outsider = _someone_in("城北社区")
    body = client.get(reverse("people:list"), {"q": outsider.name}).content.decode()
    assert mask_mobile(outsider.mobile) not in body
