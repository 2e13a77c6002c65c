"""Open311 reads publish no phone, ID or door number and no address finer than the compound, in
JSON and XML, in the list and for one request."""

from decimal import Decimal
from xml.etree import ElementTree as ET

import pytest

from grassroots.areas.models import Area
from grassroots.cases import services
from grassroots.cases.models import Case
from grassroots.cases.tests import factories as f
from grassroots.open311.models import ApiKey

pytestmark = pytest.mark.django_db
DESCRIPTION = (
    "2026年3月5日起3号楼2单元501室门口积水，约3户受影响，修好约需1500元。"
    "请联系138 1234 5678或家里0359-6321234，身份证140828 19900101 123X。"
)
SECRETS = ("1234", "5678", "6321234", "19900101", "123X", "501", "2单元", "3号楼")
KEPT = ("2026年3月5日", "3户", "1500元", "门口积水")


def _posted(client) -> Case:
    key = ApiKey.issue("12345热线", Area.objects.get(name="夏县"))[1]
    response = client.post(
        "/open311/v2/requests.json",
        {
            "api_key": key,
            "service_code": "drainage",
            "address_string": "晋新小区3号楼2单元501",
            "description": DESCRIPTION,
            "attribute[where]": "stairwell",
            "first_name": "建国",
            "last_name": "王",
            "phone": "13800001111",
        },
    )
    assert response.status_code == 200
    pk = int(response.json()[0]["service_request_id"].split("-")[1])
    case = Case.objects.get(pk=pk)
    services.withdraw_case(
        actor=f.user("secretary"), case=case, reason="已电话13912345678联系，5栋302房已修好"
    )
    return case


def _published(text: str) -> None:
    for secret in (*SECRETS, "13912345678", "302", "5栋", "王", "建国", "13800001111"):
        assert secret not in text, secret
    for kept in KEPT:
        assert kept in text, kept


def test_json_reads_hide_numbers_and_give_the_compound_only(client):
    case = _posted(client)
    assert case.area.level == Area.Level.BUILDING  # the request was placed on the building
    compound = Area.objects.get(name="晋新小区")
    one = client.get(f"/open311/v2/requests/{case.reference}.json").json()[0]
    listed = client.get("/open311/v2/requests.json", {"service_request_id": case.reference})
    assert listed.json() == [one]
    assert one["address"] == compound.name == "晋新小区"
    assert one["address_id"] == str(compound.pk)
    assert one["status_notes"] == "已电话[电话已隐藏]联系，**已修好"
    _published(one["description"] + one["status_notes"] + one["address"])
    _published(listed.content.decode())


def test_xml_reads_hide_numbers_and_give_the_compound_only(client):
    case = _posted(client)
    compound = Area.objects.get(name="晋新小区")
    for url in (
        f"/open311/v2/requests/{case.reference}.xml",
        f"/open311/v2/requests.xml?service_request_id={case.reference}",
    ):
        response = client.get(url)
        assert response.status_code == 200
        _published(response.content.decode())
        request = ET.fromstring(response.content).find("request")
        assert request.findtext("address") == "晋新小区"
        assert request.findtext("address_id") == str(compound.pk)
        assert "[电话已隐藏]" in request.findtext("description")
        assert "[证件号已隐藏]" in request.findtext("description")


def test_the_published_point_is_rounded_to_about_a_hundred_metres(client):
    case = _posted(client)
    Case.objects.filter(pk=case.pk).update(
        latitude=Decimal("35.141234"), longitude=Decimal("111.220987")
    )
    one = client.get(f"/open311/v2/requests/{case.reference}.json").json()[0]
    assert (one["lat"], one["long"]) == (35.141, 111.221)
