"""Keeping the rates' formulas so a published ranking never changes.

A formula is in force from its `effective_from` until a newer one starts. Rates are shown for
any period up to today (this month so far, last month, the year, chosen days), so a formula
whose first day has come has been used for figures someone has seen: it is frozen. Changing
the rules means a new version in force from today or a later date; a version not yet in force
may still be corrected or removed. The three weights always add up to 100.

The city's organisation department keeps the formulas (they are shared by every county);
every write is audited."""

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from grassroots.accounts.backoffice import writes_settings
from grassroots.cases.errors import CaseRefused
from grassroots.cases.models import RateFormula
from grassroots.core.audit import record_audit

WEIGHTS = ("response_weight", "resolution_weight", "satisfaction_weight")
IN_FORCE = _lazy(
    "This formula is in force and rates were shown with it; make a new version from a date."
)


def frozen(formula: RateFormula, today: dt.date | None = None) -> bool:
    """Whether the stored formula has come into force (and so has been used for rates)."""
    today = today or timezone.localdate()
    if formula.pk is None:
        return False
    stored = RateFormula.objects.filter(pk=formula.pk).values_list("effective_from", flat=True)
    starts = stored.first()
    return starts is not None and starts <= today


def check_formula(*, actor, formula: RateFormula, today: dt.date | None = None) -> None:
    """Refuse a formula the actor may not keep, whose weights do not add up to 100, which is
    already in force, or which would start in the past."""
    today = today or timezone.localdate()
    if not writes_settings(actor):
        raise CaseRefused("forbidden", _("Only the city keeps the rates' formulas."))
    total = sum(getattr(formula, name) or 0 for name in WEIGHTS)
    if total != 100:
        message = _("The three weights must add up to 100 (they add up to %(total)d).") % {
            "total": total
        }
        raise CaseRefused("invalid", message, {"__all__": [message]})
    if frozen(formula, today):
        raise CaseRefused("conflict", IN_FORCE)
    if formula.effective_from is None or formula.effective_from < today:
        message = _("A new version starts today or later, so past rates keep their formula.")
        raise CaseRefused("invalid", message, {"effective_from": [message]})


@transaction.atomic
def save_formula(*, actor, formula: RateFormula, today: dt.date | None = None) -> RateFormula:
    """Make a new version (numbered after the highest), or correct one not yet in force."""
    check_formula(actor=actor, formula=formula, today=today)
    adding = formula.pk is None
    if adding:
        highest = RateFormula.objects.select_for_update().aggregate(v=Max("version"))["v"]
        formula.version = (highest or 0) + 1
    formula.save()
    detail = {"action": "new rate formula" if adding else "correct rate formula"}
    detail.update({name: getattr(formula, name) for name in WEIGHTS})
    record_audit(actor=actor, action="change", target=formula, detail=detail)
    return formula


@transaction.atomic
def remove_formula(*, actor, formula: RateFormula, today: dt.date | None = None) -> None:
    """Remove a version that has not come into force."""
    if not writes_settings(actor):
        raise CaseRefused("forbidden", _("Only the city keeps the rates' formulas."))
    if frozen(formula, today):
        raise CaseRefused("conflict", IN_FORCE)
    detail = {"action": "remove rate formula", "version": formula.version}
    record_audit(actor=actor, action="change", target=formula, detail=detail)
    formula.delete()
