"""The back office: every change list opens for the county admin within a query budget."""

import pytest
from django.contrib import admin
from django.urls import reverse

from grassroots.accounts.models import User

pytestmark = pytest.mark.django_db

# The demo county holds thousands of rows; a list page must not spend a query per row.
QUERY_BUDGET = 15
MODELS = sorted(
    (m._meta.app_label, m._meta.model_name)
    for m in admin.site._registry
    if m._meta.app_label
    in {
        "accounts",
        "areas",
        "units",
        "party",
        "people",
        "core",
        "auth",
        "django_tasks_db",
        "cases",
        "volunteering",
        "venues",
        "governance",
        "notifications",
        "open311",
    }
)


@pytest.mark.parametrize(("app_label", "model_name"), MODELS)
def test_changelist_within_query_budget(
    client, django_assert_max_num_queries, app_label, model_name
):
    client.force_login(User.objects.get(username="admin"))
    url = reverse(f"admin:{app_label}_{model_name}_changelist")
    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client.get(url)
    assert response.status_code == 200


def test_admin_speaks_chinese(client):
    client.force_login(User.objects.get(username="admin"))
    body = client.get(reverse("admin:people_person_changelist")).content.decode()
    assert "人员" in body and "手机号" in body


def test_person_changelist_masks_personal_data(client):
    from grassroots.people.models import Person

    client.force_login(User.objects.get(username="admin"))
    person = Person.objects.filter(id_number__isnull=False).order_by("pk").first()
    body = client.get(
        reverse("admin:people_person_changelist"), {"q": person.name}
    ).content.decode()
    assert person.mobile not in body
    assert person.id_number not in body
    assert person.mobile[:3] + "****" + person.mobile[-4:] in body


def test_search_and_autocomplete_work(client):
    client.force_login(User.objects.get(username="admin"))
    response = client.get(reverse("admin:areas_area_changelist"), {"q": "骨科"})
    assert "骨科小区" in response.content.decode()
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "party",
            "model_name": "partymember",
            "field_name": "home_compound",
            "term": "禹泽",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["禹泽苑"]


def test_auditor_can_view_but_not_change(client):
    from grassroots.units.models import Unit

    client.force_login(User.objects.get(username="auditor"))
    unit = Unit.objects.get(name="县文联")
    assert client.get(reverse("admin:units_unit_changelist")).status_code == 200
    response = client.post(reverse("admin:units_unit_change", args=[unit.pk]), {"name": "x"})
    assert response.status_code == 403
