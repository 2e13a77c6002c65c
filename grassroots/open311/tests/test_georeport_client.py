"""A third-party Open311 client (PyPI `georeport`) against a live server of this platform."""

from datetime import timedelta

import pytest
import requests
from django.utils import timezone
from georeport import GeoReport

from grassroots.areas.models import Area
from grassroots.cases.models import Case
from grassroots.cases.workflow import OPEN311_CLOSED
from grassroots.open311.models import ApiKey

COUNTY = "140828000000"


@pytest.fixture
def endpoint(live_server):
    """The county without its demo year (transactional tests start from an empty database)."""
    from grassroots.demo.seed import seed_demo

    seed_demo(history=False)
    return f"{live_server.url}/open311/v2"


def _post(endpoint: str, key: str, **fields) -> str:
    response = requests.post(
        f"{endpoint}/requests.json",
        data={"api_key": key, "jurisdiction_id": COUNTY, **fields},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    return response.json()[0]["service_request_id"]


def test_the_georeport_client_reads_services_definitions_and_requests(endpoint):
    key = ApiKey.issue("12345热线", Area.objects.get(code=COUNTY))[1]
    drain = _post(
        endpoint,
        key,
        service_code="drainage",
        address_string="禹泽苑2号楼",
        description="2号楼东侧下水道堵塞",
        **{"attribute[where]": "road"},
    )
    light = _post(
        endpoint, key, service_code="lighting", address_string="梧桐苑", description="路灯不亮"
    )
    since = timezone.now() - timedelta(days=90)
    expected_drainage = {
        c.reference
        for c in Case.objects.filter(
            kind="problem", category__code="drainage", created_at__gte=since
        ).exclude(status__in=OPEN311_CLOSED)
    }
    assert drain in expected_drainage
    for fmt in ("json", "xml"):
        client = GeoReport(endpoint, jurisdiction=COUNTY, output_format=fmt)

        services = client.get_service_list()
        codes = {s["service_code"] for s in services}
        assert {"drainage", "lighting", "water"} <= codes

        definition = client.get_service_definition("drainage")
        attributes = definition["attributes"]
        if fmt == "xml":  # xmltodict: <attributes><attribute>…</attribute>…</attributes>
            attributes = attributes["attribute"]
        assert {a["datatype"] for a in attributes} >= {
            "singlevaluelist",
            "multivaluelist",
            "number",
        }

        drainage = client.get_service_requests(service_code="drainage", status="open")
        if isinstance(drainage, dict):  # xmltodict gives a lone <request> as a dict
            drainage = [drainage]
        # The new request and any open drainage problem of the last 90 days already there
        # (the database may hold the demo's year, depending on which tests ran before).
        assert {r["service_request_id"] for r in drainage} == expected_drainage

        both = client.get_service_requests(service_request_id=f"{drain},{light}")
        assert {r["service_request_id"] for r in both} == {drain, light}

        one = client.get_service_request(light)
        assert one["service_code"] == "lighting" and one["status"] == "open"
        assert one["requested_datetime"].endswith("+08:00")
    case = Case.objects.get(pk=int(light.split("-")[1]))
    assert case.channel == "open311" and one["address_id"] == str(case.area_id)
