"""The three rates page (cases:rates) and its Excel export, per role."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from grassroots.accounts.models import Role
from grassroots.cases.kpis import period_bounds
from grassroots.cases.models import RateFormula
from grassroots.cases.tests import factories as f
from grassroots.cases.tests import test_kpis
from grassroots.cases.tests.test_kpis import build_example, build_other
from grassroots.conftest import make_user
from grassroots.core.models import AuditEntry

pytestmark = pytest.mark.django_db
URL = reverse("cases:rates")
# The hand-computed example's people and second compound (see test_kpis).
people = test_kpis.people
other_compound = test_kpis.other_compound


@pytest.fixture
def both(people, compound, other_compound):
    """The seven-case example in 北关社区 and two more cases in 南关社区."""
    build_example(people, compound)
    build_other(people, other_compound)
    return people


def names(response) -> list[str]:
    return [obj.name for obj, _r in response.context["report"].rows]


def test_county_admin_sees_the_county_figures_and_every_community(client, both):
    client.force_login(both.admin)
    response = client.get(URL, {"period": "month", "by": "community"})
    assert response.status_code == 200
    total = response.context["report"].total
    # 北关 + 南关 (hand-computed in test_kpis): 5/8, 4/6, 2.8/4 → 62.5, 66.7, 70.0 → 66.6.
    assert (total.signed_in_time, total.to_sign, total.response) == (5, 8, Decimal("62.5"))
    assert (total.resolution, total.satisfaction, total.composite) == (
        Decimal("66.7"),
        Decimal("70.0"),
        Decimal("66.6"),
    )
    assert names(response) == ["北关社区", "南关社区"]
    html = response.content.decode()
    assert "62.5%" in html and "66.6" in html and "5 / 8" in html
    # One bar per row with a composite, its width a 5 % step class: 62.0 → 60, 85.0 → 85.
    assert 'class="bar w-60"' in html and 'class="bar w-85"' in html
    assert "style=" not in html


def test_the_period_is_the_calendar_month_by_default(client, both):
    client.force_login(both.admin)
    response = client.get(URL)
    start, end = period_bounds("month", timezone.localdate())
    assert (response.context["period_start"], response.context["period_end"]) == (start, end)
    assert (response.context["period"], response.context["by"]) == ("month", "community")


def test_by_street_and_by_unit(client, both):
    client.force_login(both.admin)
    assert names(client.get(URL, {"by": "street"})) == ["测试镇"]
    assert names(client.get(URL, {"by": "unit"})) == ["县委组织部", "县中医医院"]


def test_community_staff_see_only_their_community(client, both, staff_user):
    client.force_login(staff_user)  # community staff of 北关社区
    response = client.get(URL, {"period": "quarter", "by": "community"})
    assert response.status_code == 200
    assert names(response) == ["北关社区"]
    total = response.context["report"].total
    assert (total.to_sign, total.signed_in_time, total.composite) == (6, 4, Decimal("62.0"))
    # A street is wider than their scope: the breakdown falls back to their community.
    assert names(client.get(URL, {"by": "street"})) == ["北关社区"]
    assert names(client.get(URL, {"by": "unit"})) == ["县委组织部", "县中医医院"]


def test_units_are_limited_to_cases_in_the_scope(client, both, other_community):
    other_staff = make_user("south_staff", Role.COMMUNITY_STAFF, area=other_community)
    client.force_login(other_staff)
    # 南关社区's two cases were both dispatched to 县中医医院; 县委组织部 only led one in 北关.
    assert names(client.get(URL, {"by": "unit"})) == ["县中医医院"]


def test_demo_county_admin_and_auditor_see_the_demo_communities(client):
    for username in ("admin", "auditor"):
        client.force_login(f.user(username))
        response = client.get(URL, {"period": "year"})
        assert response.status_code == 200
        assert names(response) == ["城北社区", "城西社区", "城南社区", "城东社区"]


def test_residents_and_liaisons_are_refused(client):
    for username in ("resident", "liaison", "gridworker"):
        client.force_login(f.user(username))
        assert client.get(URL).status_code == 403


def test_anonymous_users_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_custom_period_shows_its_own_days(client, both):
    client.force_login(both.admin)
    response = client.get(URL, {"period": "custom", "start": "2026-03-05", "end": "2026-04-02"})
    assert (response.context["period_start"], response.context["period_end"]) == (
        date(2026, 3, 5),
        date(2026, 4, 2),
    )


@pytest.mark.parametrize(
    "params",
    [
        {"period": "custom", "start": "2026-05-10", "end": "2026-05-01"},
        {"period": "custom", "start": "2026-05-10"},
        {"period": "month", "start": "not-a-date"},
        {"period": "custom", "start": "2000-01-01", "end": "2026-01-01"},
        {"period": "decade"},
    ],
)
def test_bad_input_is_explained_and_this_month_shown(client, both, params):
    client.force_login(both.admin)
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response.context["query"].errors
    assert response.context["period"] == "month"
    assert response.context["period_start"] == period_bounds("month", timezone.localdate())[0]


def test_excel_export_has_one_row_per_community_and_is_audited(client, both):
    client.force_login(both.admin)
    response = client.get(URL, {"period": "month", "by": "community", "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)))["三率"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:4] == ["名称", "应签收数", "按时签收数", "响应率(%)"]
    assert [row[0] for row in rows[1:]] == ["测试县（合计）", "北关社区", "南关社区"]
    # 北关社区: due 6, in time 4, 66.7; taken 5, resolved 3, 60; rated 3 (1/1/1), 60; 62.
    assert rows[2][1:] == [6, 4, 66.7, 5, 3, 60, 3, 1, 1, 1, 60, 62]
    entry = AuditEntry.objects.filter(action="export", actor=both.admin).get()
    assert entry.detail["what"] == "rates"
    assert (entry.detail["by"], entry.detail["rows"]) == ("community", 2)


def test_an_export_of_bad_input_is_not_a_download(client, both):
    client.force_login(both.admin)
    response = client.get(URL, {"period": "custom", "start": "x", "format": "xlsx"})
    assert response["Content-Type"].startswith("text/html")
    assert not AuditEntry.objects.filter(action="export", actor=both.admin).exists()


@pytest.mark.parametrize("by", ["community", "street", "unit"])
def test_the_page_takes_a_fixed_number_of_queries(
    client, both, compound, by, django_assert_max_num_queries
):
    client.force_login(both.admin)
    client.get(URL)  # warm the session
    with CaptureQueriesContext(connection) as before:
        client.get(URL, {"by": by})
    build_example(both, compound)
    with django_assert_max_num_queries(len(before)):
        assert names(client.get(URL, {"by": by}))
    assert len(before) <= 14


def test_the_page_shows_the_formula_in_force(client, both):
    RateFormula.objects.create(
        version=3, effective_from=date(2020, 1, 1), basically_counts_as=Decimal("0.50")
    )
    client.force_login(both.admin)
    response = client.get(URL)
    assert response.context["report"].formula.version == 3
    assert response.context["report"].total.version == 3
    html = response.content.decode()
    assert "× 0.50" in html and "2020-01-01" in html
