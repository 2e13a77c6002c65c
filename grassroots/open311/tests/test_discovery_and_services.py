"""Open311 GeoReport v2: discovery, the service list, keys, in both formats."""

import io
import json
from xml.etree import ElementTree as ET

import pytest
from django.core.management import call_command

from grassroots.cases.models import Category
from grassroots.open311.models import ApiKey

pytestmark = pytest.mark.django_db
COUNTY_CODE = "140828000000"


def test_discovery_in_json_and_xml_names_the_spec_and_both_formats(client):
    body = client.get("/open311/v2/discovery.json").json()
    endpoint = body["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"].endswith("/open311/v2/")
    assert set(endpoint["formats"]) == {"text/xml", "application/json"}
    response = client.get("/open311/v2/discovery.xml")
    assert response["Content-Type"].startswith("text/xml")
    assert response.content.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    root = ET.fromstring(response.content)
    assert root.tag == "discovery"
    formats = root.findall("./endpoints/endpoint/formats/format")
    assert {f.text for f in formats} == {"text/xml", "application/json"}


def test_services_list_every_active_category_as_a_bare_array(client):
    Category.objects.filter(code="other").update(active=False)
    services = client.get("/open311/v2/services.json", {"jurisdiction_id": COUNTY_CODE}).json()
    assert isinstance(services, list)
    expected = set(Category.objects.filter(active=True).values_list("code", flat=True))
    assert {s["service_code"] for s in services} == expected and "other" not in expected
    drainage = next(s for s in services if s["service_code"] == "drainage")
    assert drainage["service_name"] == "排水/下水道" and drainage["type"] == "realtime"
    root = ET.fromstring(client.get("/open311/v2/services.xml").content)
    assert root.tag == "services"
    assert {s.findtext("service_code") for s in root.findall("service")} == expected
    assert root.find("service/metadata").text in ("true", "false")


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_unknown_jurisdiction_is_404_in_the_error_shape(client, fmt):
    response = client.get(f"/open311/v2/services.{fmt}", {"jurisdiction_id": "999"})
    assert response.status_code == 404
    if fmt == "json":
        [error] = response.json()
        assert error["code"] == 404 and "999" in error["description"]
    else:
        root = ET.fromstring(response.content)
        assert root.tag == "errors" and root.findtext("error/code") == "404"


def test_other_formats_are_not_served(client):
    assert client.get("/open311/v2/services.html").status_code == 404


def test_create_open311_key_prints_a_key_that_is_stored_only_hashed():
    out = io.StringIO()
    call_command("create_open311_key", "12345热线", stdout=out)
    raw = out.getvalue().strip()
    key = ApiKey.valid(raw)
    assert key is not None and key.name == "12345热线"
    assert key.area.code == COUNTY_CODE  # the deployment's only county
    assert raw not in json.dumps(list(ApiKey.objects.values()), default=str)
    ApiKey.objects.filter(pk=key.pk).update(revoked=True)
    assert ApiKey.valid(raw) is None
    assert ApiKey.valid("guess") is None and ApiKey.valid("") is None
