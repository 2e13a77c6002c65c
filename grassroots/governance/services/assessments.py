"""Assessments against a criteria set (六有, 三无): recorded by the community, counted once a
secretary or the county (someone other than the recorder) verifies them."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.areas.models import Area
from grassroots.core.audit import record_audit
from grassroots.governance import permissions
from grassroots.governance.errors import GovernanceRefused
from grassroots.governance.models import (
    Assessment,
    AssessmentItem,
    CriteriaSet,
    Criterion,
    EvidenceFile,
)
from grassroots.governance.selectors import active_criteria
from grassroots.governance.services.checks import check_files, forbid, require_compound


@dataclass
class ItemInput:
    status: str
    evidence: str = ""
    files: tuple = ()


def _check_items(criteria: list[Criterion], items: dict[int, ItemInput]) -> None:
    """Refuse unless every criterion has a known status, and every yes says what shows it."""
    missing = [c.name for c in criteria if c.pk not in items]
    if missing:
        raise GovernanceRefused(
            "invalid", _("Give a status for: %(items)s.") % {"items": "、".join(missing)}
        )
    for c in criteria:
        given = items[c.pk]
        if given.status not in AssessmentItem.Status.values:
            raise GovernanceRefused(
                "invalid", _("Choose a status for %(item)s.") % {"item": c.name}
            )
        if given.status == AssessmentItem.Status.YES and not (
            given.evidence.strip() or given.files
        ):
            raise GovernanceRefused(
                "invalid",
                _("%(item)s: say what shows it (text, photo or document).") % {"item": c.name},
            )
        check_files(given.files)


@transaction.atomic
def record_assessment(
    *,
    actor,
    compound: Area,
    criteria_set: CriteriaSet,
    assessed_on: dt.date,
    items: dict[int, ItemInput],
    note: str = "",
) -> Assessment:
    """Record an assessment: every item of the set in use gets a status (and may get evidence
    text and files). A status other than yes needs no evidence; a yes needs some."""
    require_compound(compound)
    forbid(permissions.can_keep(actor, compound))
    if assessed_on > timezone.localdate():
        raise GovernanceRefused("invalid", _("An assessment cannot be dated in the future."))
    criteria = active_criteria(criteria_set)
    _check_items(criteria, items)
    assessment = Assessment.objects.create(
        compound=compound,
        criteria_set=criteria_set,
        assessed_on=assessed_on,
        note=note[:300],
        recorded_by=actor,
    )
    for c in criteria:
        given = items[c.pk]
        item = AssessmentItem.objects.create(
            assessment=assessment,
            criterion=c,
            status=given.status,
            evidence=given.evidence.strip(),
        )
        for f in given.files:
            EvidenceFile.objects.create(item=item, file=f, name=f.name[:150], uploaded_by=actor)
    record_audit(actor=actor, action="create", target=assessment, detail={"set": criteria_set.code})
    return assessment


@transaction.atomic
def verify_assessment(*, actor, assessment: Assessment) -> Assessment:
    """A secretary or the county confirms the assessment; from then on it counts."""
    forbid(permissions.can_verify(actor, assessment.compound))
    if assessment.recorded_by_id == actor.pk:
        raise GovernanceRefused(
            "forbidden", _("Someone other than the recorder verifies an assessment.")
        )
    now = timezone.now()
    if not Assessment.objects.filter(pk=assessment.pk, verified_at__isnull=True).update(
        verified_by=actor, verified_at=now
    ):
        raise GovernanceRefused("conflict", _("This assessment is already verified."))
    assessment.items.update(verified_by=actor)
    assessment.refresh_from_db()
    record_audit(actor=actor, action="change", target=assessment, detail={"action": "verify"})
    return assessment
