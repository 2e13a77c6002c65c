"""The OpenAPI document declares what the server enforces: what it allows is taken, what it
refuses is 400 naming the field, and what depends on stored data is 404 or 409."""

import json
import re

import pytest
from django.test import Client

from grassroots.areas.models import Area
from grassroots.cases.models import Case, Event
from grassroots.cases.tests import factories as f
from grassroots.cases.tests.test_api import Api, error, report_body
from grassroots.cases.workflow import ON_A_CASE, Status
from grassroots.core.apitypes import NO_NUL, NOT_BLANK, YEARS
from grassroots.core.idempotency import KEY_FORM

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def document() -> dict:
    return Client().get("/api/v1/openapi.json").json()


def _schema(document: dict, name: str) -> dict:
    return document["components"]["schemas"][name]


def _parameter(operation: dict, name: str) -> dict:
    found = next(p for p in operation["parameters"] if p["name"] == name)
    return found["schema"]["anyOf"][0] if "anyOf" in found["schema"] else found["schema"]


def test_the_list_filter_declares_its_statuses_and_date_bounds(document):
    listing = document["paths"]["/api/v1/cases"]["get"]
    status = re.compile(_parameter(listing, "status")["pattern"])
    assert status.search("closed,rejected") and not status.search("closed,lost")
    assert all(status.search(s) for s in Status.values)
    created = _parameter(listing, "created_from")
    assert created["format"] == "date" and created["pattern"] == YEARS
    assert re.search(YEARS, "2100-12-31") and not re.search(YEARS, "1999-12-31")


def test_every_post_declares_the_idempotency_key_and_every_body_refuses_unknown_fields(document):
    for path, operations in document["paths"].items():
        post = operations.get("post")
        if post is None or path == "/api/v1/auth/token":
            continue
        key = _parameter(post, "Idempotency-Key")
        assert (key["minLength"], key["maxLength"], key["pattern"]) == (1, 100, KEY_FORM), path
        body = post["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        assert _schema(document, body.rsplit("/", 1)[1])["additionalProperties"] is False, path
    assert {f"/api/v1/cases/{{case_id}}/actions/{a}" for a in ON_A_CASE} <= set(document["paths"])


def test_a_description_and_a_reason_must_say_something(document):
    description = _schema(document, "CaseIn")["properties"]["description"]
    assert description["pattern"] == NOT_BLANK and description["maxLength"] == 4000
    reason = _schema(document, "ReasonIn")
    assert (
        reason["required"] == ["reason"] and reason["properties"]["reason"]["pattern"] == NOT_BLANK
    )


@pytest.mark.parametrize(
    "text", ["", " ", "\u3000\t\n", "\x1c", "a", " 积水 ", "a\x00", "\x00", "\u00a0b\u2028"]
)
def test_the_declared_patterns_agree_with_what_the_server_strips_and_refuses(text):
    assert bool(re.search(NOT_BLANK, text)) == bool(text.strip() and "\x00" not in text)
    assert bool(re.search(NO_NUL, text)) == ("\x00" not in text)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"description": " \u3000 "}, "description"),
        ({"descripton": "拼错的字段"}, "descripton"),
        ({"latitude": 35.1}, "latitude"),
        ({"latitude": 35.1, "longitude": None}, "latitude"),
    ],
)
def test_a_report_outside_the_document_is_400_and_creates_nothing(changes, field):
    before = Case.objects.count()
    assert field in error(Api("resident").post("/cases", report_body(**changes)), 400)["fields"]
    assert Case.objects.count() == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"category": "nothing"}, "category"),
        ({"area": 99999999}, "area"),
        ({"area": "street"}, "area"),  # an area, but not a compound or a building
    ],
)
def test_a_report_naming_what_does_not_exist_is_404_naming_the_field(changes, field):
    if changes.get("area") == "street":
        changes["area"] = Area.objects.filter(level=Area.Level.STREET).first().pk
    before = Case.objects.count()
    body = error(Api("resident").post("/cases", report_body(**changes)), 404)
    assert body["code"] == "not_found" and field in body["fields"]
    assert Case.objects.count() == before


def test_a_point_is_rounded_to_the_places_the_database_keeps():
    response = Api("resident").post(
        "/cases", report_body(latitude=35.12345678, longitude=111.1234565)
    )
    assert response.status_code == 201, response.content
    case = Case.objects.get(pk=response.json()["id"])
    assert (str(case.latitude), str(case.longitude)) == ("35.123457", "111.123457")


@pytest.mark.parametrize(("key", "taken"), [("a b", True), (" a", False), ("键", False)])
def test_an_idempotency_key_is_printable_ascii_without_spaces_at_the_ends(key, taken):
    api = Api("resident")
    headers = {"HTTP_IDEMPOTENCY_KEY": key.encode().decode("latin-1")}
    response = api.post("/cases", report_body(), **headers)
    if taken:
        assert response.status_code == 201, response.content
    else:
        assert "Idempotency-Key" in error(response, 400)["message"]
    assert bool(re.fullmatch(KEY_FORM, key)) == taken


def test_choices_a_case_does_not_offer_are_404_and_a_missing_request_409():
    case = f.accepted()
    secretary = Api("secretary")
    body = error(secretary.act(case.pk, "merge", into=f.submitted("禹泽苑").pk), 404)
    assert "into" in body["fields"]
    fresh = f.submitted()
    body = error(secretary.act(fresh.pk, "triage", category="nothing"), 404)
    assert "category" in body["fields"]
    assert Case.objects.get(pk=fresh.pk).status == Status.SUBMITTED
    waiting = f.in_progress()
    body = error(secretary.act(waiting.pk, "decide_extension", approve=True), 409)
    assert body["code"] == "conflict"
    assert not Event.objects.filter(case__in=[case, waiting], action="merge").exists()


def test_a_lead_also_named_as_co_handler_leads_and_is_not_counted_twice():
    case = f.accepted()
    lead, other = f.unit("县中医医院"), f.unit("县人民法院")
    response = Api("secretary").act(
        case.pk, "dispatch", lead=f"unit:{lead.pk}", co_handlers=[lead.pk, other.pk]
    )
    assert response.status_code == 200, response.content
    takers = {(t["role"], t["name"]) for t in response.json()["takers"]}
    assert takers == {("lead", "县中医医院"), ("co", "县人民法院")}


def test_an_unknown_url_under_the_api_is_404_in_the_error_shape():
    response = Api("secretary").get("/nothing/here")
    assert error(response, 404)["code"] == "not_found"
    assert json.loads(response.content)["error"]["message"] == "未找到。"
