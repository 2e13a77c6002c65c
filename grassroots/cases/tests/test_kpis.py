"""The three rates on a hand-computed example."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from grassroots.areas.models import Area
from grassroots.cases import services
from grassroots.cases.kpis import rates_for
from grassroots.cases.models import Case, RateFormula
from grassroots.cases.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine():
    """The cases this test makes in 晋新小区 (the demo's own are left out of the example)."""
    existing = list(Case.objects.values_list("pk", flat=True))
    path = Area.objects.get(name="晋新小区").path
    return lambda: Case.objects.filter(area__path__startswith=path).exclude(pk__in=existing)


def test_three_rates_on_a_hand_computed_example(mine):
    liaison, secretary = f.user("liaison"), f.user("secretary")
    # 1 and 2: closed, rated satisfied and basically satisfied, signed in time.
    f.closed("晋新小区", "satisfied")
    f.closed("晋新小区", "basically")
    # 3: closed and rated dissatisfied, but signed after its sign-by time.
    late = f.dispatched("晋新小区")
    Case.objects.filter(pk=late.pk).update(sign_due_at=timezone.now() - timedelta(hours=1))
    late.refresh_from_db()
    services.accept_case(actor=liaison, case=late)
    services.complete_case(actor=liaison, case=late, note="n")
    services.verify_case(actor=f.user("gridworker"), case=late, ok=True)
    services.rate_case(actor=f.user("resident"), case=late, rating="dissatisfied")
    # 4: in progress, signed in time, not resolved.  5: dispatched, then withdrawn.
    f.in_progress("晋新小区")
    services.withdraw_case(actor=secretary, case=f.dispatched("晋新小区"))
    today = timezone.localdate()
    rates = rates_for(mine(), today - timedelta(days=1), today)
    # Needed a taker: 5.  Responded in time: 1, 2, 4 → 3/5 = 60.0 %.
    assert (rates.needed, rates.responded, rates.response) == (5, 3, Decimal("60.0"))
    # Resolvable (not withdrawn): 4.  Resolved (verified): 1, 2, 3 → 3/4 = 75.0 %.
    assert (rates.resolvable, rates.resolved, rates.resolution) == (4, 3, Decimal("75.0"))
    # Rated: 3; points 1 + 0.8 + 0 = 1.8 → 60.0 %.
    assert (rates.rated, rates.satisfaction) == (3, Decimal("60.0"))
    # Composite: 60×0.30 + 75×0.35 + 60×0.35 = 18 + 26.25 + 21 = 65.25 → 65.3 (half up).
    assert rates.composite == Decimal("65.3")
    assert rates.version == 0


def test_a_newer_formula_applies_from_its_date_only(mine):
    f.closed("晋新小区", "basically")
    today = timezone.localdate()
    RateFormula.objects.create(
        version=2, effective_from=today + timedelta(days=1), basically_counts_as=Decimal("0.50")
    )
    now = rates_for(mine(), today - timedelta(days=1), today)
    later = rates_for(mine(), today - timedelta(days=1), today + timedelta(days=1))
    assert (now.version, now.satisfaction) == (0, Decimal("80.0"))
    assert (later.version, later.satisfaction) == (2, Decimal("50.0"))


def test_rates_take_a_fixed_number_of_queries(mine, django_assert_max_num_queries):
    for _ in range(5):
        f.closed("晋新小区")
    today = timezone.localdate()
    cases = mine()
    with django_assert_max_num_queries(3):
        rates_for(cases, date(2026, 1, 1), today)


def test_rates_page_by_role(client):
    from django.urls import reverse

    url = reverse("cases:rates")
    client.force_login(f.user("admin"))
    response = client.get(url)
    assert response.status_code == 200
    assert [c.name for c, _r in response.context["rows"]] == [
        "城北社区",
        "城西社区",
        "城南社区",
        "城东社区",
    ]
    client.force_login(f.user("staff"))
    assert [c.name for c, _r in client.get(url).context["rows"]] == ["城西社区"]
    client.force_login(f.user("resident"))
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302
