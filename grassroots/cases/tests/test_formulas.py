"""The rates' formulas cannot rewrite a published ranking: the weights add up to 100, a version
in force is frozen, and a change is a new version from today or later — through the service
and the back office alike, kept by the city only."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from grassroots.accounts.models import User
from grassroots.cases import kpis
from grassroots.cases.errors import CaseRefused
from grassroots.cases.models import RateFormula
from grassroots.cases.services import formulas
from grassroots.core.models import AuditEntry

pytestmark = pytest.mark.django_db

ADD = "/admin/cases/rateformula/add/"


def _city() -> User:
    return User.objects.get(username="cityadmin")


def _in_force() -> RateFormula:
    """A version that has been in force since the start of last year."""
    start = dt.date(timezone.localdate().year - 1, 1, 1)
    version = (
        RateFormula.objects.order_by("-version").values_list("version", flat=True).first() or 0
    ) + 1
    return RateFormula.objects.create(version=version, effective_from=start)


def _form(**changes) -> dict:
    data = {
        "effective_from": timezone.localdate().isoformat(),
        "response_weight": 30,
        "resolution_weight": 35,
        "satisfaction_weight": 35,
        "basically_counts_as": "0.80",
        "note": "",
    }
    data.update(changes)
    return data


def test_weights_that_do_not_add_up_to_100_are_refused():
    formula = RateFormula(effective_from=timezone.localdate(), response_weight=40)
    with pytest.raises(CaseRefused) as refused:
        formulas.save_formula(actor=_city(), formula=formula)
    assert refused.value.code == "invalid" and "110" in str(refused.value.message)


def test_a_formula_in_force_is_frozen_and_a_revision_starts_today():
    old = _in_force()
    old.satisfaction_weight, old.resolution_weight = 40, 30
    with pytest.raises(CaseRefused) as refused:
        formulas.save_formula(actor=_city(), formula=old)
    assert refused.value.code == "conflict"
    today = timezone.localdate()
    new = formulas.save_formula(
        actor=_city(),
        formula=RateFormula(
            effective_from=today,
            response_weight=20,
            resolution_weight=40,
            satisfaction_weight=40,
            basically_counts_as=Decimal("0.50"),
        ),
    )
    assert new.version == old.version + 1
    last_year_end = dt.date(today.year - 1, 12, 31)
    assert kpis.formula_for(last_year_end) == old  # the published year keeps its formula
    assert kpis.formula_for(today) == new
    old.refresh_from_db()
    assert (old.response_weight, old.resolution_weight, old.satisfaction_weight) == (30, 35, 35)
    entry = AuditEntry.objects.get(target_type="cases.rateformula", target_id=str(new.pk))
    assert entry.detail["action"] == "new rate formula"


def test_a_version_cannot_start_in_the_past():
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    with pytest.raises(CaseRefused) as refused:
        formulas.save_formula(actor=_city(), formula=RateFormula(effective_from=yesterday))
    assert refused.value.code == "invalid"


def test_a_version_not_yet_in_force_may_be_corrected_or_removed():
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    planned = formulas.save_formula(actor=_city(), formula=RateFormula(effective_from=tomorrow))
    planned.response_weight, planned.resolution_weight = 25, 40
    formulas.save_formula(actor=_city(), formula=planned)
    formulas.remove_formula(actor=_city(), formula=planned)
    assert not RateFormula.objects.filter(pk=planned.pk).exists()


@pytest.mark.parametrize("username", ["admin", "auditor"])
def test_a_county_and_an_auditor_do_not_keep_the_formulas(username):
    with pytest.raises(CaseRefused) as refused:
        formulas.save_formula(
            actor=User.objects.get(username=username),
            formula=RateFormula(effective_from=timezone.localdate()),
        )
    assert refused.value.code == "forbidden"


def test_the_back_office_goes_through_the_service(client):
    old = _in_force()
    client.force_login(_city())
    answer = client.post(ADD, _form(response_weight=50))
    assert answer.status_code == 200 and "三项权重之和须为100" in answer.content.decode()
    assert client.post(ADD, _form()).status_code == 302
    made = RateFormula.objects.order_by("-version").first()
    assert made is not None and made.version == old.version + 1
    change = f"/admin/cases/rateformula/{old.pk}/change/"
    assert (
        client.post(change, _form(effective_from=old.effective_from.isoformat())).status_code == 403
    )
    assert (
        client.post(f"/admin/cases/rateformula/{old.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert RateFormula.objects.filter(pk=old.pk, response_weight=30).exists()
    client.force_login(User.objects.get(username="admin"))  # the county reads, never writes
    assert client.post(ADD, _form()).status_code == 403
