"""The JSON API as every role of 夏县, with a bearer token: another county's cases, their
timelines, actions, areas and units are not found, exactly as an unknown id."""

import pytest
from django.core.cache import cache

from grassroots.cases.models import Case
from grassroots.cases.tests.test_api import Api, error
from grassroots.tests.conftest import XIAXIAN_LOGINS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_throttle():
    """Each test's calls counted on their own (the throttle counts per caller per minute)."""
    cache.clear()


@pytest.mark.parametrize("username", XIAXIAN_LOGINS)
def test_another_county_s_cases_are_not_found(elsewhere, username):
    api = Api(username)
    for case in (elsewhere.submitted, elsewhere.published, elsewhere.dispatched):
        error(api.get(f"/cases/{case.pk}"), 404)
        error(api.get(f"/cases/{case.pk}/events"), 404)
    error(api.act(elsewhere.submitted.pk, "triage"), 404)
    error(api.act(elsewhere.published.pk, "claim"), 404)
    error(api.act(elsewhere.dispatched.pk, "accept"), 404)
    assert Case.objects.get(pk=elsewhere.published.pk).status == "published"
    listed = api.get("/cases", page_size=100, group="open").json()["results"]
    assert not {c["id"] for c in listed} & {elsewhere.submitted.pk, elsewhere.published.pk}


@pytest.mark.parametrize("username", XIAXIAN_LOGINS)
def test_another_county_s_places_and_units_are_not_found(elsewhere, username):
    api = Api(username)
    error(api.get(f"/areas/{elsewhere.community.pk}"), 404)
    assert api.get("/areas", name="府前").json()["count"] == 0
    error(api.get("/cases", area=elsewhere.county.pk), 404)  # as an unknown area
    courts = api.get("/units", name="县人民法院").json()["results"]
    assert elsewhere.court.pk not in {u["id"] for u in courts}


def test_a_read_only_role_may_not_act_through_the_api():
    api = Api("auditor")
    own = Case.objects.filter(status="submitted", area__path__startswith=_xiaxian()).first()
    error(api.act(own.pk, "triage"), 403)
    assert Case.objects.get(pk=own.pk).status == "submitted"


def _xiaxian() -> str:
    from grassroots.areas.models import Area

    return Area.objects.get(name="夏县").path
