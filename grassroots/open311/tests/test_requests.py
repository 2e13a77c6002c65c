"""Open311 GeoReport v2: service definitions, posting requests and reading them back."""

from datetime import timedelta
from decimal import Decimal
from xml.etree import ElementTree as ET

import pytest
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from grassroots.areas.models import Area
from grassroots.cases.models import Case, Event
from grassroots.cases.tests import factories as f
from grassroots.open311.models import ApiKey

pytestmark = pytest.mark.django_db
COUNTY = "140828000000"
DATATYPES = {"string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"}


def xiaxian() -> Area:
    return Area.objects.get(code=COUNTY)


@pytest.fixture
def key():
    return ApiKey.issue("12345热线", xiaxian())[1]


def post(client, key, fmt="json", **data):
    fields = {
        "api_key": key,
        "service_code": "drainage",
        "address_string": "夏县城北社区晋新小区3号楼",
        "description": "3号楼楼道积水，下水道返味。",
        "attribute[where]": "stairwell",
        **data,
    }
    return client.post(f"/open311/v2/requests.{fmt}", {k: v for k, v in fields.items() if v})


def case_of(response) -> Case:
    [created] = response.json()
    pk = int(created["service_request_id"].split("-")[1])
    return Case.objects.get(pk=pk)


# --- service definitions ----------------------------------------------------------------------


def test_the_drainage_definition_asks_in_all_six_datatypes(client):
    body = client.get("/open311/v2/services/drainage.json").json()
    assert body["service_code"] == "drainage"
    assert {a["datatype"] for a in body["attributes"]} == DATATYPES
    where = next(a for a in body["attributes"] if a["code"] == "where")
    assert where["required"] is True and where["variable"] is True
    assert {"key": "road", "name": "路面"} in where["values"]
    orders = [a["order"] for a in body["attributes"]]
    assert orders == sorted(orders)
    services = client.get("/open311/v2/services.json").json()
    metadata = {s["service_code"]: s["metadata"] for s in services}
    assert metadata["drainage"] is True and metadata["neighbours"] is False


def test_a_definition_in_xml_has_the_spec_element_names(client):
    root = ET.fromstring(client.get("/open311/v2/services/drainage.xml").content)
    assert root.tag == "service_definition"
    assert root.findtext("service_code") == "drainage"
    where = next(a for a in root.findall("attributes/attribute") if a.findtext("code") == "where")
    assert where.findtext("datatype") == "singlevaluelist"
    assert [v.findtext("key") for v in where.findall("values/value")][:2] == ["stairwell", "road"]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_unknown_service_code_is_404(client, fmt):
    response = client.get(f"/open311/v2/services/nothing.{fmt}")
    assert response.status_code == 404
    if fmt == "xml":
        assert ET.fromstring(response.content).findtext("error/code") == "404"
    else:
        assert response.json()[0]["code"] == 404


# --- POST requests ----------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["body", "query"])
def test_a_posted_request_becomes_an_open311_case_placed_in_the_building(client, key, where):
    if where == "query":
        response = client.post(
            f"/open311/v2/requests.json?api_key={key}",
            {
                "service_code": "drainage",
                "address_string": "晋新小区3号楼",
                "description": "楼道积水",
                "attribute[where]": "road",
                "attribute[affected][]": ["homes", "traffic"],
                "attribute[depth_cm]": "15",
                "attribute[since]": "2026-11-28T08:00:00+08:00",
                "first_name": "建国",
                "last_name": "王",
                "phone": "13800001111",
            },
        )
    else:
        response = post(client, key)
    assert response.status_code == 200, response.content
    [created] = response.json()
    case = case_of(response)
    assert created["service_request_id"] == case.reference
    assert case.channel == Case.Channel.OPEN311 and case.kind == Case.Kind.PROBLEM
    assert case.area.name == "3号楼"
    assert case.area.path.startswith(Area.objects.get(name="晋新小区").path)
    assert case.requester is None and case.recorded_by is None
    submit = Event.objects.get(case=case, action="submit")
    assert submit.data["source"] == "12345热线"
    answers = {a["code"]: a["answer"] for a in submit.data["attributes"]}
    if where == "query":
        assert answers == {
            "where": "路面",
            "affected": "住户、道路通行",
            "depth_cm": "15",
            "since": "2026-11-28 08:00",
        }
        assert case.requester_name == "王 建国" and case.requester_phone == "13800001111"
    else:
        assert answers == {"where": "楼道"}


def test_address_id_and_a_map_point_place_the_request_too(client, key):
    compound = Area.objects.get(name="禹泽苑")
    by_id = case_of(post(client, key, address_string="", address_id=str(compound.pk)))
    assert by_id.area == compound
    near = post(
        client,
        key,
        address_string="",
        lat=str(compound.latitude + Decimal("0.00001")),
        long=str(compound.longitude),
    )
    placed = case_of(near)
    assert placed.area == compound and placed.latitude == compound.latitude + Decimal("0.00001")
    far = post(client, key, address_string="", lat="39.9", long="116.4")
    assert far.status_code == 400 and "address_string" in far.json()[0]["description"]


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        ({"address_string": ""}, "address_id"),
        ({"address_string": "", "lat": "35.1"}, "long"),
        ({"lat": "abc", "long": "111.2"}, "lat"),
        ({"service_code": ""}, "service_code"),
        ({"attribute[where]": ""}, "attribute[where]"),
        ({"attribute[where]": "roof"}, "attribute[where]"),
        ({"attribute[depth_cm]": "deep"}, "attribute[depth_cm]"),
        ({"attribute[since]": "yesterday"}, "attribute[since]"),
        ({"attribute[colour]": "red"}, "colour"),
        ({"description": "渗" * 4001}, "4000"),
        ({"description": "  "}, ""),
    ],
)
def test_bad_requests_are_400_with_a_reason_and_create_nothing(client, key, data, needle):
    before = Case.objects.count()
    response = post(client, key, **data)  # an empty value is not sent at all
    assert response.status_code == 400, response.content
    [error] = response.json()
    assert error["code"] == 400 and needle in error["description"]
    assert Case.objects.count() == before


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_unknown_service_code_is_404_as_the_specification_says(client, key, fmt):
    before = Case.objects.count()
    response = post(client, key, fmt=fmt, service_code="nothing")
    assert response.status_code == 404
    if fmt == "xml":
        root = ET.fromstring(response.content)
        assert root.findtext("error/code") == "404" and "nothing" in root.findtext(
            "error/description"
        )
    else:
        [error] = response.json()
        assert error["code"] == 404 and "nothing" in error["description"]
    assert Case.objects.count() == before


def test_a_description_of_exactly_4000_characters_is_taken(client, key):
    assert post(client, key, description="渗" * 4000).status_code == 200


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_posting_without_a_valid_key_is_403(client, fmt):
    before = Case.objects.count()
    revoked, raw = ApiKey.issue("revoked", xiaxian())
    ApiKey.objects.filter(pk=revoked.pk).update(revoked=True)
    for key in ("", "guess", raw):
        response = post(client, key, fmt=fmt)
        assert response.status_code == 403
        if fmt == "xml":
            root = ET.fromstring(response.content)
            assert root.tag == "errors" and root.findtext("error/code") == "403"
    assert Case.objects.count() == before


def test_a_posted_request_answers_in_xml(client, key):
    response = post(client, key, fmt="xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == "service_requests"
    assert root.findtext("request/service_request_id").count("-") == 1


# --- GET requests -----------------------------------------------------------------------------


def _aware(text: str):
    moment = parse_datetime(text)
    assert moment is not None and moment.tzinfo is not None, text
    return moment


def test_a_request_reads_back_with_status_agency_and_timezoned_dates(client, key):
    case = case_of(post(client, key, description="楼道积水，电话13812345678联系"))
    body = client.get(f"/open311/v2/requests/{case.reference}.json").json()[0]
    assert body["status"] == "open" and body["agency_responsible"] == ""
    assert body["description"] == "楼道积水，电话[电话已隐藏]联系"
    assert body["address"] == "晋新小区"  # the compound, not the building typed in
    assert _aware(body["requested_datetime"]) == case.created_at.replace(microsecond=0)
    assert body["requested_datetime"].endswith("+08:00")
    # triaged and dispatched: the unit is responsible, the handling deadline is expected
    secretary = f.user("secretary")
    from grassroots.cases import services

    services.triage_case(actor=secretary, case=case)
    services.dispatch_case(actor=secretary, case=case, lead=f.unit("县人民法院"))
    case.refresh_from_db()
    body = client.get(f"/open311/v2/requests/{case.reference}.json").json()[0]
    assert body["agency_responsible"] == "县人民法院"
    assert _aware(body["expected_datetime"]) == case.handle_due_at.replace(microsecond=0)
    services.withdraw_case(actor=secretary, case=case, reason="居民已自行处理")
    body = client.get(f"/open311/v2/requests/{case.reference}.json").json()[0]
    assert body["status"] == "closed" and body["status_notes"] == "居民已自行处理"
    assert body["expected_datetime"] is None


def test_one_request_by_an_unknown_or_wrong_id_is_404(client, key):
    case = case_of(post(client, key))
    wrong_year = f"1999-{case.pk:06d}"
    for reference in (wrong_year, "2026-999999999", "abc", "2026-"):
        response = client.get(f"/open311/v2/requests/{reference}.json")
        assert response.status_code == 404, reference


def test_ids_override_every_other_filter(client, key):
    a, b = case_of(post(client, key)), case_of(post(client, key))
    ids = f"{a.reference},{b.reference},1999-000001"
    found = client.get(
        "/open311/v2/requests.json",
        {"service_request_id": ids, "service_code": "water", "status": "closed"},
    ).json()
    assert {r["service_request_id"] for r in found} == {a.reference, b.reference}


def test_lists_filter_by_code_status_and_the_last_90_days_by_default(client, key):
    fresh = case_of(post(client, key))
    old = case_of(post(client, key))
    Case.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=120))
    listed = client.get("/open311/v2/requests.json").json()
    ids = {r["service_request_id"] for r in listed}
    assert fresh.reference in ids and old.reference not in ids
    in_90 = Case.objects.filter(kind="problem", created_at__gte=timezone.now() - timedelta(days=90))
    assert len(listed) == min(in_90.count(), 1000)
    drainage = client.get("/open311/v2/requests.json", {"service_code": "drainage"}).json()
    assert drainage and {r["service_code"] for r in drainage} == {"drainage"}
    closed = client.get("/open311/v2/requests.json", {"status": "closed"}).json()
    opened = client.get("/open311/v2/requests.json", {"status": "open"}).json()
    both = client.get("/open311/v2/requests.json", {"status": "open,closed"}).json()
    assert {r["status"] for r in closed} == {"closed"} and {r["status"] for r in opened} == {"open"}
    assert len(closed) + len(opened) == len(both) == len(listed)
    for row in listed:
        _aware(row["requested_datetime"]), _aware(row["updated_datetime"])
    start = (timezone.now() - timedelta(days=130)).isoformat()
    end = (timezone.now() - timedelta(days=100)).isoformat()
    window = client.get("/open311/v2/requests.json", {"start_date": start, "end_date": end})
    assert old.reference in {r["service_request_id"] for r in window.json()}


def test_pages_split_the_list_without_overlap(client, key):
    for _ in range(3):
        post(client, key)
    everything = client.get("/open311/v2/requests.json").json()
    pages = [
        client.get("/open311/v2/requests.json", {"page": n, "page_size": 2}).json()
        for n in range(1, len(everything) // 2 + 2)
    ]
    assert [r["service_request_id"] for p in pages for r in p] == [
        r["service_request_id"] for r in everything
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"start_date": "2026-01-01T00:00:00+08:00", "end_date": "2026-06-01T00:00:00+08:00"},
        {"start_date": "2026-06-01T00:00:00+08:00", "end_date": "2026-01-01T00:00:00+08:00"},
        {"start_date": "yesterday"},
        {"status": "pending"},
        {"page": "0"},
        {"page_size": "1001"},
        {"page_size": "-5"},
    ],
)
def test_bad_list_parameters_are_400(client, params):
    response = client.get("/open311/v2/requests.json", params)
    assert response.status_code == 400 and response.json()[0]["code"] == 400


def test_the_xml_list_has_the_spec_root_and_children(client, key):
    case_of(post(client, key))
    root = ET.fromstring(client.get("/open311/v2/requests.xml", {"page_size": 5}).content)
    assert root.tag == "service_requests"
    rows = root.findall("request")
    assert 1 <= len(rows) <= 5
    assert _aware(rows[0].findtext("requested_datetime"))
    assert rows[0].findtext("status") in ("open", "closed")


def test_discovery_advertises_the_paging_extension(client):
    body = client.get("/open311/v2/discovery.json").json()
    assert {e["name"] for e in body["extensions"]} == {"page", "page_size"}


@pytest.mark.parametrize(
    "params",
    [
        {"service_code": "drain\x00age"},
        {"jurisdiction_id": "1408\x00"},
        {"page": str(10**30)},
        {"service_request_id": "2026-\x00"},
    ],
)
def test_nul_characters_and_huge_numbers_are_400(client, key, params):
    assert client.get("/open311/v2/requests.json", params).status_code == 400
    if "page" not in params:  # paging means nothing to a POST
        assert post(client, key, **params).status_code == 400


def test_the_case_page_shows_the_system_that_posted_and_the_answers(client, key):
    case = case_of(
        post(client, key, **{"attribute[depth_cm]": "12", "attribute[affected][]": "homes"})
    )
    client.force_login(f.user("secretary"))
    page = client.get(f"/cases/{case.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "12345热线" in html
    for shown in ("积水或堵塞的位置", "楼道", "积水深度（厘米）", "12", "住户"):
        assert shown in html
