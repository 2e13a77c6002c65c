"""The API under concurrent callers, on the real databases: threads, one winner, clear refusals."""

import json
import threading

import pytest
from django.db import connection
from django.test import Client

from grassroots.accounts.services import issue_api_token
from grassroots.areas.models import Area
from grassroots.cases import services
from grassroots.cases.models import Case
from grassroots.cases.tests import factories as f
from grassroots.cases.tests.test_races import _liaisons, _race

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(db):
    from grassroots.demo.seed import seed_demo

    seed_demo(history=False)


def _bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(user=user)[0]}"}


def _report(headers: dict, key: str):
    body = {
        "category": "drainage",
        "area": Area.objects.get(name="骨科小区").pk,
        "description": "巷道下水道堵塞",
    }
    return Client().post(
        "/api/v1/cases",
        json.dumps(body),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key,
        **headers,
    )


def test_a_repeat_while_the_first_is_still_running_is_409_then_replays(demo, monkeypatch):
    headers = _bearer(f.user("resident"))
    before = Case.objects.count()
    entered, release = threading.Event(), threading.Event()
    original = services.submit_case

    def held(**kwargs):
        entered.set()
        assert release.wait(60)
        return original(**kwargs)

    monkeypatch.setattr(services, "submit_case", held)
    first: dict = {}

    def run():
        try:
            first["response"] = _report(headers, "slow-1")
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    assert entered.wait(60)
    during = _report(headers, "slow-1")
    release.set()
    thread.join(60)
    assert during.status_code == 409
    assert during.json()["error"]["code"] == "idempotency_in_progress"
    assert first["response"].status_code == 201
    after = _report(headers, "slow-1")
    assert after.status_code == 201 and after.content == first["response"].content
    assert Case.objects.count() == before + 1


def test_sixteen_simultaneous_repeats_create_one_case(demo):
    headers = _bearer(f.user("resident"))
    before = Case.objects.count()
    results = _race(lambda _i: _report(headers, "burst-1"), list(range(16)))
    codes = sorted(r.status_code for r in results)
    assert Case.objects.count() == before + 1
    assert set(codes) <= {201, 409} and 201 in codes
    created = [r.content for r in results if r.status_code == 201]
    assert len(set(created)) == 1  # every 201 is the same response, replayed


def test_of_sixteen_units_claiming_through_the_api_exactly_one_wins(demo):
    case = f.published()
    callers = [_bearer(u) for u in _liaisons(16)]

    def claim(headers):
        return Client().post(
            f"/api/v1/cases/{case.pk}/actions/claim",
            "{}",
            content_type="application/json",
            **headers,
        )

    results = _race(claim, callers)
    codes = sorted(r.status_code for r in results)
    assert codes.count(200) == 1 and codes.count(409) == 15, codes
    case.refresh_from_db()
    assert case.status == "in_progress" and case.assignments.filter(role="lead").count() == 1
