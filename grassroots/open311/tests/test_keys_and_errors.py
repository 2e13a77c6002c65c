"""Open311 keys belong to a county (or the city) and post nowhere else; every refusal answers
with the status the GeoReport v2 errors table gives (404 not found, 403 api_key, 400 the rest)."""

import io
from decimal import Decimal
from xml.etree import ElementTree as ET

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from grassroots.areas.models import Area
from grassroots.cases.models import Case
from grassroots.open311.models import ApiKey

pytestmark = pytest.mark.django_db
XIAXIAN = "140828000000"
OTHER = "140899000000"  # the conftest's 测试县


def xiaxian() -> Area:
    return Area.objects.get(code=XIAXIAN)


@pytest.fixture
def elsewhere(compound):
    """幸福小区 in 测试县, a second county of the city, with a map position."""
    Area.objects.filter(pk=compound.pk).update(latitude=Decimal("35.5"), longitude=Decimal("111.5"))
    compound.refresh_from_db()
    return compound


def post(client, key: str, fmt: str = "json", **data):
    fields = {
        "api_key": key,
        "service_code": "lighting",
        "address_string": "幸福小区",
        "description": "小区路灯不亮。",
        **data,
    }
    return client.post(f"/open311/v2/requests.{fmt}", {k: v for k, v in fields.items() if v})


def refusal(response, status: int, fmt: str = "json") -> str:
    assert response.status_code == status, response.content
    if fmt == "xml":
        root = ET.fromstring(response.content)
        assert root.tag == "errors" and root.findtext("error/code") == str(status)
        return root.findtext("error/description")
    [error] = response.json()
    assert set(error) == {"code", "description"} and error["code"] == status
    return error["description"]


# --- keys per county --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_xiaxian_key_cannot_post_into_another_county(client, elsewhere, fmt):
    key = ApiKey.issue("夏县App", xiaxian())[1]
    before = Case.objects.count()
    response = post(client, key, fmt, jurisdiction_id=OTHER)
    assert "测试县" in refusal(response, 403, fmt)
    assert Case.objects.count() == before


def test_a_county_key_finds_nothing_outside_its_county_by_place(client, elsewhere):
    key = ApiKey.issue("夏县App", xiaxian())[1]
    before = Case.objects.count()
    for place in (
        {"address_string": "幸福小区"},
        {"address_string": "", "address_id": str(elsewhere.pk)},
        {"address_string": "", "lat": "35.5", "long": "111.5"},
    ):
        # No jurisdiction_id: a county key posts into its own county, where 幸福小区 is not.
        assert "address_id" in refusal(post(client, key, **place), 400)
        assert "address_id" in refusal(post(client, key, jurisdiction_id=XIAXIAN, **place), 400)
    assert Case.objects.count() == before


def test_a_county_key_posts_into_its_county_without_naming_it(client, elsewhere):
    key = ApiKey.issue("夏县App", xiaxian())[1]
    response = post(client, key, address_string="晋新小区3号楼")
    assert response.status_code == 200, response.content
    [created] = response.json()
    case = Case.objects.get(pk=int(created["service_request_id"].split("-")[1]))
    assert case.area.path.startswith(xiaxian().path)


def test_a_city_key_posts_into_any_county_it_names(client, elsewhere, city):
    key = ApiKey.issue("12345热线", city)[1]
    response = post(client, key, jurisdiction_id=OTHER)
    assert response.status_code == 200, response.content
    [created] = response.json()
    assert Case.objects.get(pk=int(created["service_request_id"].split("-")[1])).area == elsewhere
    into_xiaxian = post(client, key, jurisdiction_id=XIAXIAN, address_string="晋新小区3号楼")
    assert into_xiaxian.status_code == 200, into_xiaxian.content
    # Two counties: a city key must say which one (400, as the specification's table says).
    assert "jurisdiction_id" in refusal(post(client, key), 400)


def test_create_open311_key_names_the_county_or_the_city(county):
    def issue(*args) -> ApiKey:
        out = io.StringIO()
        call_command("create_open311_key", "热线", *args, stdout=out)
        return ApiKey.valid(out.getvalue().strip())

    assert issue("--county", XIAXIAN).area == xiaxian()
    assert issue("--county", OTHER).area == county
    assert issue("--city").area.level == Area.Level.CITY
    assert issue("--county", "140800000000").area.level == Area.Level.CITY
    with pytest.raises(CommandError, match="140899999999"):
        issue("--county", "140899999999")
    with pytest.raises(CommandError, match=r"--county .*--city"):  # two counties: which one?
        issue()


def test_the_back_office_lists_each_keys_area(client):
    ApiKey.issue("夏县App", xiaxian())
    client.force_login(get_user_model().objects.get(username="admin"))
    page = client.get("/admin/open311/apikey/")
    assert page.status_code == 200
    assert "夏县App" in page.content.decode() and "夏县" in page.content.decode()


# --- the specification's errors table ---------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_posting_into_an_unknown_jurisdiction_is_404(client, fmt):
    key = ApiKey.issue("12345热线", xiaxian())[1]
    assert "999" in refusal(post(client, key, fmt, jurisdiction_id="999"), 404, fmt)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_missing_service_code_is_400_and_an_unknown_one_404(client, fmt):
    key = ApiKey.issue("12345热线", xiaxian())[1]
    place = {"address_string": "晋新小区"}
    assert "service_code" in refusal(post(client, key, fmt, service_code="", **place), 400, fmt)
    assert "no-thing" in refusal(post(client, key, fmt, service_code="no-thing", **place), 404, fmt)


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("post", "/open311/v2/services.json"),
        ("post", "/open311/v2/discovery.json"),
        ("post", "/open311/v2/services/drainage.json"),
        ("delete", "/open311/v2/requests.json"),
    ],
)
def test_a_method_the_url_does_not_take_is_400_in_the_error_shape(client, method, url):
    response = getattr(client, method)(url)
    assert "GET" in refusal(response, 400)
    assert "GET" in response["Allow"]


@pytest.mark.parametrize(
    ("url", "fmt"),
    [
        ("/open311/v2/tokens/123.json", "json"),
        ("/open311/v2/tokens/123.xml", "xml"),
        ("/open311/v2/services.html", "json"),
    ],
)
def test_an_unknown_resource_is_404_in_the_error_shape(client, url, fmt):
    assert refusal(client.get(url), 404, fmt)
