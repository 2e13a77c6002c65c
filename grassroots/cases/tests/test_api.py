"""The JSON API over cases, for each role: the right caller succeeds, an outsider gets 404,
anonymous 401, bad input 400 with the field named; a whole case lifecycle through actions."""

import json

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from grassroots.accounts.models import ApiToken
from grassroots.accounts.services import issue_api_token
from grassroots.areas.models import Area
from grassroots.cases.models import Case, Event
from grassroots.cases.tests import factories as f
from grassroots.cases.workflow import ON_A_CASE, OPEN

pytestmark = pytest.mark.django_db


class Api:
    """A client speaking to /api/v1 as one user with a bearer token."""

    def __init__(self, username: str | None):
        self.client = Client()
        self.headers = {}
        if username:
            key, _token = issue_api_token(user=f.user(username))
            self.headers["HTTP_AUTHORIZATION"] = f"Bearer {key}"

    def get(self, path: str, **params):
        return self.client.get(f"/api/v1{path}", params, **self.headers)

    def post(self, path: str, body: dict | None = None, **headers):
        return self.client.post(
            f"/api/v1{path}",
            json.dumps(body or {}),
            content_type="application/json",
            **self.headers,
            **headers,
        )

    def act(self, case_id: int, action: str, **body):
        return self.post(f"/cases/{case_id}/actions/{action}", body)


def error(response, status: int) -> dict:
    assert response.status_code == status, response.content
    body = response.json()["error"]
    assert set(body) == {"code", "message", "fields"} and body["message"]
    return body


def report_body(**changes) -> dict:
    return {
        "kind": "problem",
        "category": "drainage",
        "area": Area.objects.get(name="骨科小区").pk,
        "description": "巷道下水道堵塞，污水外溢。",
        **changes,
    }


# --- Authentication ---------------------------------------------------------------------------


def test_a_token_from_username_and_password_opens_the_api_and_revoking_it_closes_it(client):
    response = client.post(
        "/api/v1/auth/token",
        json.dumps({"username": "secretary", "password": "Xiaxian@2026"}),
        content_type="application/json",
    )
    assert response.status_code == 200
    key = response.json()["token"]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get("/api/v1/cases", **headers).status_code == 200
    ApiToken.objects.filter(user__username="secretary").update(revoked=True)
    error(client.get("/api/v1/cases", **headers), 401)


def test_a_wrong_password_is_401_and_anonymous_calls_are_401(client):
    response = client.post(
        "/api/v1/auth/token",
        json.dumps({"username": "secretary", "password": "wrong"}),
        content_type="application/json",
    )
    assert error(response, 401)["code"] == "invalid_login"
    anonymous = Api(None)
    case = f.submitted()
    for path in ("/cases", f"/cases/{case.pk}", f"/cases/{case.pk}/events", "/areas", "/units"):
        assert error(anonymous.get(path), 401)["code"] == "unauthenticated"
    error(anonymous.post("/cases", report_body()), 401)
    error(anonymous.act(case.pk, "triage"), 401)


# --- Reading ----------------------------------------------------------------------------------


def test_the_list_filters_by_area_group_category_and_overdue_like_an_independent_count():
    api = Api("secretary")
    north = Area.objects.get(name="城北社区")
    in_north = Case.objects.filter(area__path__startswith=north.path)
    body = api.get("/cases", area=north.pk, page_size=100).json()
    assert body["count"] == in_north.count() > 0
    open_drainage = in_north.filter(status__in=OPEN, category__code="drainage")
    body = api.get("/cases", area=north.pk, group="open", category="drainage").json()
    assert body["count"] == open_drainage.count()
    assert {r["status"] for r in body["results"]} <= set(OPEN)
    overdue = api.get("/cases", area=north.pk, overdue="true").json()
    assert overdue["count"] == in_north.filter(overdue=True).count()
    statuses = api.get("/cases", area=north.pk, status="closed,rejected").json()
    assert statuses["count"] == in_north.filter(status__in=["closed", "rejected"]).count()


def test_filtering_by_an_area_outside_ones_scope_shows_only_what_one_may_see():
    north = Area.objects.get(name="城北社区")
    assert Api("staff").get("/cases", area=north.pk).json()["count"] == 0  # 城西 staff
    mine = Case.objects.filter(area__path__startswith=north.path, requester__username="resident")
    assert Api("resident").get("/cases", area=north.pk).json()["count"] == mine.count() > 0
    county = Area.objects.get(level="county")
    everything = Case.objects.filter(area__path__startswith=county.path).count()
    assert Api("admin").get("/cases", area=county.pk).json()["count"] == everything


def test_pages_cover_the_list_once_newest_first():
    api = Api("secretary")
    north = Area.objects.get(name="城北社区").pk
    first = api.get("/cases", area=north, page_size=7).json()
    seen = [r["id"] for r in first["results"]]
    for page in range(2, first["pages"] + 1):
        rows = api.get("/cases", area=north, page=page, page_size=7).json()["results"]
        seen += [r["id"] for r in rows]
    expected = Case.objects.filter(area__path__startswith=Area.objects.get(pk=north).path)
    assert seen == list(expected.order_by("-created_at", "-pk").values_list("pk", flat=True))
    assert first["count"] == len(seen) and first["pages"] == -(-len(seen) // 7)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "lost"}, "status"),
        ({"page_size": 101}, "page_size"),
        ({"page": 0}, "page"),
        ({"group": "all"}, "group"),
        ({"area": "north"}, "area"),
        ({"area": 2**70}, "area"),
        ({"created_from": "yesterday"}, "created_from"),
        ({"category": "drain\x00age"}, "category"),
    ],
)
def test_bad_list_parameters_are_400_naming_the_field(params, field):
    body = error(Api("secretary").get("/cases", **params), 400)
    assert field in body["fields"], body


def test_outsiders_get_404_for_a_case_they_may_not_see():
    case = f.submitted()  # 骨科小区, 城北社区
    assert Api("secretary").get(f"/cases/{case.pk}").status_code == 200
    assert Api("resident").get(f"/cases/{case.pk}").status_code == 200  # who reported it
    for outsider in ("staff", "liaison"):  # 城西 staff; a unit not taking it
        assert error(Api(outsider).get(f"/cases/{case.pk}"), 404)["code"] == "not_found"
        error(Api(outsider).get(f"/cases/{case.pk}/events"), 404)
        error(Api(outsider).act(case.pk, "triage"), 404)
    error(Api("secretary").get("/cases/99999999"), 404)


def test_the_detail_masks_the_phone_and_lists_what_the_caller_may_do():
    case = f.submitted()
    staff = Api("secretary").get(f"/cases/{case.pk}").json()
    assert staff["requester_name"] == case.requester_name
    assert "****" in staff["requester_phone"] or not case.requester_phone
    assert {"triage", "reject", "answer", "withdraw"} <= set(staff["actions"])
    mine = Api("resident").get(f"/cases/{case.pk}").json()
    assert mine["actions"] == ["withdraw"]


# --- Reporting --------------------------------------------------------------------------------


def test_a_resident_reports_and_the_case_is_theirs():
    api = Api("resident")
    response = api.post("/cases", report_body(latitude="35.140500", longitude="111.220300"))
    assert response.status_code == 201, response.content
    body = response.json()
    case = Case.objects.get(pk=body["id"])
    assert case.requester == f.user("resident") and case.channel == "resident"
    assert body["reference"] == case.reference and body["status"] == "submitted"
    assert str(case.latitude) == "35.140500"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"description": ""}, "description"),
        ({"description": "渗" * 4001}, "description"),
        ({"kind": "complaint"}, "kind"),
        ({"channel": "open311"}, "channel"),
        ({"latitude": "35.1"}, "latitude"),
        ({"latitude": "1e400", "longitude": "1"}, "latitude"),
        ({"title": "堵\x00塞"}, "title"),
        ({"area": "骨科小区"}, "area"),
    ],
)
def test_bad_reports_are_400_naming_the_field_and_create_nothing(changes, field):
    before = Case.objects.count()
    body = error(Api("resident").post("/cases", report_body(**changes)), 400)
    assert field in body["fields"], body
    assert Case.objects.count() == before


def test_recording_for_a_resident_outside_ones_area_is_403():
    outside = report_body(channel="duty_desk", requester_name="王建国")
    assert error(Api("staff").post("/cases", outside), 403)["code"] == "forbidden"
    inside = report_body(channel="grid_worker", requester_name="王建国")
    assert Api("gridworker").post("/cases", inside).status_code == 201


# --- Actions ----------------------------------------------------------------------------------


def test_a_case_goes_from_report_to_rating_through_the_api():
    resident, secretary = Api("resident"), Api("secretary")
    liaison, grid = Api("liaison"), Api("gridworker")
    case_id = resident.post("/cases", report_body()).json()["id"]
    unit = f.unit("县中医医院")
    steps = [
        (secretary, "triage", {"urgent": False}, "accepted"),
        (secretary, "dispatch", {"lead": f"unit:{unit.pk}", "note": "请尽快处理"}, "dispatched"),
        (liaison, "accept", {}, "in_progress"),
        (liaison, "complete", {"note": "已疏通", "cost_yuan": "120.50"}, "handled"),
        (grid, "verify_ok", {"note": "现场已通"}, "revisiting"),
        (resident, "rate", {"rating": "satisfied", "comment": "很及时"}, "closed"),
    ]
    for api, action, body, status in steps:
        response = api.act(case_id, action, **body)
        assert response.status_code == 200, (action, response.content)
        assert response.json()["status"] == status
    events = secretary.get(f"/cases/{case_id}/events").json()
    assert [e["action"] for e in events] == [
        "submit",
        "triage",
        "dispatch",
        "accept",
        "complete",
        "verify_ok",
        "rate",
    ]
    case = Case.objects.get(pk=case_id)
    assert str(case.cost_yuan) == "120.50" and case.rating == "satisfied"
    assert Event.objects.filter(case=case, action="dispatch").get().actor == f.user("secretary")


def test_refusals_are_403_409_404_and_400_with_the_field():
    case = f.accepted()
    unit = f.unit("县中医医院")
    assert error(Api("resident").act(case.pk, "dispatch", lead=f"unit:{unit.pk}"), 403)
    body = error(Api("secretary").act(case.pk, "dispatch"), 400)
    assert "lead" in body["fields"]
    body = error(Api("secretary").act(case.pk, "dispatch", lead="unit:99999999"), 404)
    assert "lead" in body["fields"]
    assert Api("secretary").act(case.pk, "dispatch", lead=f"unit:{unit.pk}").status_code == 200
    assert error(Api("secretary").act(case.pk, "dispatch", lead=f"unit:{unit.pk}"), 409)
    assert Api("liaison").act(case.pk, "accept").status_code == 200
    assert error(Api("liaison").act(case.pk, "accept"), 409)["code"] == "conflict"
    body = error(Api("liaison").act(case.pk, "complete"), 400)
    assert "note" in body["fields"]
    body = error(Api("liaison").act(case.pk, "request_extension", days=40, reason="x"), 400)
    assert "days" in body["fields"]
    assert error(Api("secretary").act(case.pk, "fly"), 404)["code"] == "not_found"


def test_escalation_extension_and_reopen_through_the_api():
    case = f.in_progress()
    liaison, secretary = Api("liaison"), Api("secretary")
    court = f.unit("县人民法院")
    assert (
        liaison.act(case.pk, "escalate", units=[court.pk], note="需要法院协助").status_code == 200
    )
    assert liaison.act(case.pk, "request_extension", days=3, reason="等材料").status_code == 200
    decided = secretary.act(case.pk, "decide_extension", approve=True, note="同意")
    assert decided.status_code == 200
    takers = {(t["role"], t["name"]) for t in decided.json()["takers"]}
    assert ("summoned", "县人民法院") in takers and ("lead", "县中医医院") in takers
    assert case.extensions.get().decision == "approved"


# --- Idempotency and throttling ---------------------------------------------------------------


def test_an_idempotent_replay_returns_the_first_response_and_creates_nothing_more():
    api = Api("resident")
    before = Case.objects.count()
    first = api.post("/cases", report_body(), HTTP_IDEMPOTENCY_KEY="report-1")
    again = api.post("/cases", report_body(), HTTP_IDEMPOTENCY_KEY="report-1")
    assert first.status_code == again.status_code == 201
    assert again.content == first.content and again["Idempotent-Replayed"] == "true"
    assert Case.objects.count() == before + 1
    other = api.post("/cases", report_body(title="另一件事"), HTTP_IDEMPOTENCY_KEY="report-1")
    assert error(other, 422)["code"] == "idempotency_mismatch"
    # keys belong to their caller: the same key from someone else is a new request
    assert (
        Api("gridworker")
        .post("/cases", report_body(channel="grid_worker"), HTTP_IDEMPOTENCY_KEY="report-1")
        .status_code
        == 201
    )
    assert Case.objects.count() == before + 2


def test_an_idempotent_action_is_not_applied_twice():
    case = f.dispatched()
    api = Api("liaison")
    first = api.post(f"/cases/{case.pk}/actions/accept", {}, HTTP_IDEMPOTENCY_KEY="accept-1")
    again = api.post(f"/cases/{case.pk}/actions/accept", {}, HTTP_IDEMPOTENCY_KEY="accept-1")
    assert first.status_code == again.status_code == 200 and first.content == again.content
    assert Event.objects.filter(case=case, action="accept").count() == 1


@override_settings(API_RATE="3/min")
def test_callers_past_the_rate_get_429_in_the_error_shape():
    cache.clear()
    api = Api("secretary")
    assert [api.get("/categories").status_code for _ in range(3)] == [200, 200, 200]
    response = api.get("/categories")
    assert error(response, 429)["code"] == "throttled"
    assert int(response["Retry-After"]) >= 1
    assert Api("resident").get("/categories").status_code == 200  # per caller
    cache.clear()


# --- Documentation ----------------------------------------------------------------------------


def test_the_openapi_document_lists_every_error_status():
    schema = Client().get("/api/v1/openapi.json").json()
    create = schema["paths"]["/api/v1/cases"]["post"]
    assert {"201", "400", "401", "403", "404", "409", "422", "429"} <= set(create["responses"])
    for action in ON_A_CASE:
        act = schema["paths"][f"/api/v1/cases/{{case_id}}/actions/{action}"]["post"]
        assert {"400", "401", "403", "404", "409", "422", "429"} <= set(act["responses"])
        assert any(p["name"] == "Idempotency-Key" for p in act["parameters"])
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if path != "/api/v1/auth/token":
                assert {"400", "401", "429"} <= set(operation["responses"]), (path, method)


def test_the_interactive_docs_are_for_staff_only_and_load_nothing_from_elsewhere(client):
    assert client.get("/api/v1/docs").status_code == 302
    client.force_login(f.user("resident"))
    assert client.get("/api/v1/docs").status_code == 302
    client.force_login(f.user("admin"))
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "cdn" not in html.lower() and "https://" not in html


@pytest.mark.parametrize(
    ("action", "body", "field"),
    [
        ("request_extension", {"days": "three", "reason": "等材料"}, "days"),
        ("request_extension", {"days": 2**80, "reason": "等材料"}, "days"),
        ("escalate", {"units": "all", "note": "需要协助"}, "units"),
        ("escalate", {"units": [2**70], "note": "需要协助"}, "units.0"),
        ("complete", {"note": "已疏通", "cost_yuan": 1e20}, "cost_yuan"),
        ("complete", {"note": "已\x00疏通"}, "note"),
        ("request_extension", {"days": 3, "reason": "等材料", "approve": True}, "approve"),
        ("request_extension", {"days": 3, "reason": "   "}, "reason"),
    ],
)
def test_wrong_types_nul_blanks_and_unknown_fields_in_an_action_are_400(action, body, field):
    case = f.in_progress()
    events = case.events.count()
    response = Api("liaison").act(case.pk, action, **body)
    assert field in error(response, 400)["fields"]
    assert not case.extensions.exists() and case.events.count() == events


def test_a_body_that_is_not_json_is_400():
    api = Api("resident")
    response = api.client.post(
        "/api/v1/cases", "{not json", content_type="application/json", **api.headers
    )
    error(response, 400)


# --- Reference data ---------------------------------------------------------------------------


def test_the_rates_are_for_staff_and_match_the_rates_page_figures():
    error(Api("resident").get("/rates"), 403)
    body = Api("secretary").get("/rates", period="year", by="community").json()
    from django.utils import timezone

    from grassroots.cases.kpis import period_bounds, rates_for

    north = Area.objects.get(name="城北社区")
    start, end = period_bounds("year", timezone.localdate())
    total = rates_for(
        cases_qs=Case.objects.filter(area__path__startswith=north.path),
        period_start=start,
        period_end=end,
    )
    assert body["total"]["due_for_signing"] == total.to_sign > 0
    assert body["total"]["resolved"] == total.resolved
    assert [r["name"] for r in body["rows"]] == ["城北社区"]
    units = Api("admin").get("/rates", period="year", by="unit").json()
    assert units["rows"] and {r["kind"] for r in units["rows"]} == {"unit"}
    one_day = Api("secretary").get("/rates", period="custom", day="2026-05-01").json()
    assert one_day["period_start"] == one_day["period_end"] == "2026-05-01"
    either_way = Api("secretary").get("/rates", period="custom", day="2026-05-31", end="2026-05-01")
    assert (either_way.json()["period_start"], either_way.json()["period_end"]) == (
        "2026-05-01",
        "2026-05-31",
    )


def test_areas_units_and_categories_read_back():
    api = Api("gridworker")
    north = Area.objects.get(name="城北社区")
    children = api.get("/areas", parent=north.pk, page_size=500).json()
    assert (
        children["count"]
        == Area.objects.filter(path__startswith=north.path, depth=north.depth + 1).count()
    )
    assert {a["parent"] for a in children["results"]} == {north.pk}
    assert api.get(f"/areas/{north.pk}").json()["name"] == "城北社区"
    error(api.get("/areas/99999999"), 404)
    units = api.get("/units", name="医院").json()
    assert "县中医医院" in {u["name"] for u in units["results"]}
    codes = {c["code"] for c in api.get("/categories").json()}
    assert {"drainage", "water"} <= codes


@pytest.mark.parametrize(
    "body",
    [
        {"username": "secre\x00tary", "password": "Xiaxian@2026"},
        {"username": "secretary", "password": "Xia\x00xian"},
        {"username": "s" * 151, "password": "x"},
        {"username": 12, "password": ["x"]},
    ],
)
def test_a_token_request_with_nul_characters_or_wrong_types_is_400(client, body):
    response = client.post("/api/v1/auth/token", json.dumps(body), content_type="application/json")
    assert error(response, 400)["code"] == "invalid"


@pytest.mark.parametrize("value", ["0", "20260101", "2026-1-1", "1e3"])
def test_dates_must_be_written_as_dates(value):
    body = error(Api("secretary").get("/cases", created_to=value), 400)
    assert "created_to" in body["fields"]
    assert Api("secretary").get("/cases", created_to="2026-01-01").status_code == 200


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
def test_dates_outside_the_years_the_platform_holds_are_400(value):
    assert (
        "created_from" in error(Api("secretary").get("/cases", created_from=value), 400)["fields"]
    )
    assert "day" in error(Api("secretary").get("/rates", day=value), 400)["fields"]
