"""三务公开: disclosures drafted for a community or compound, scanned for mobile and ID numbers,
published only when the scan finds none, edited while drafts, withdrawn once published."""

import io

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.areas.models import Area
from grassroots.core.audit import record_audit
from grassroots.governance import permissions, scanning
from grassroots.governance.errors import GovernanceRefused
from grassroots.governance.models import Disclosure, DisclosureAttachment
from grassroots.governance.services.checks import check_files, forbid


def _disclosure_area(area: Area) -> None:
    if area.level not in (Area.Level.COMMUNITY, Area.Level.COMPOUND):
        raise GovernanceRefused("invalid", _("Choose a community or a compound."), {"area": []})


@transaction.atomic
def draft_disclosure(
    *, actor, area: Area, category: str, title: str, body: str, period: str, files=()
) -> Disclosure:
    _disclosure_area(area)
    forbid(permissions.can_keep(actor, area))
    if category not in Disclosure.Category.values:
        raise GovernanceRefused("invalid", _("Choose party, residence or finance affairs."))
    if not (title or "").strip() or not (body or "").strip() or not (period or "").strip():
        raise GovernanceRefused("invalid", _("A disclosure needs a title, a text and a period."))
    files = list(files)
    check_files(files)
    disclosure = Disclosure.objects.create(
        area=area,
        category=category,
        title=title.strip()[:100],
        body=body.strip(),
        period=period.strip()[:30],
        created_by=actor,
    )
    for f in files:
        DisclosureAttachment.objects.create(disclosure=disclosure, file=f, name=f.name[:150])
    record_audit(actor=actor, action="create", target=disclosure)
    return disclosure


def scan_disclosure(disclosure: Disclosure) -> list[str]:
    """What must be fixed before publishing (`governance.scanning`): each mobile or ID number in
    the title, the text, an attachment's name or content, and each attachment that cannot be
    read. The files are read whole (10 MB at most each)."""
    attachments = []
    for a in disclosure.attachments.all():
        try:
            with a.file.open("rb") as f:
                data = f.read()
        except OSError:
            data = b""  # gone from storage: read as a damaged file, so it is refused
        attachments.append((a.name, io.BytesIO(data)))
    return scanning.problems_in(
        title=disclosure.title, body=disclosure.body, attachments=attachments
    )


@transaction.atomic
def publish_disclosure(*, actor, disclosure: Disclosure) -> Disclosure:
    """Publish after the scan finds nothing; otherwise refuse with every finding."""
    forbid(permissions.can_keep(actor, disclosure.area))
    problems = scan_disclosure(disclosure)
    if problems:
        raise GovernanceRefused("personal_data", " ".join(problems), {"problems": problems})
    if not Disclosure.objects.filter(pk=disclosure.pk, status=Disclosure.Status.DRAFT).update(
        status=Disclosure.Status.PUBLISHED, published_at=timezone.now(), published_by=actor
    ):
        raise GovernanceRefused("conflict", _("Only a draft is published."))
    disclosure.refresh_from_db()
    record_audit(actor=actor, action="change", target=disclosure, detail={"action": "publish"})
    return disclosure


@transaction.atomic
def edit_disclosure(*, actor, disclosure: Disclosure, title: str, body: str, period: str):
    """Fix a draft (after the scan found a number, say)."""
    forbid(permissions.can_keep(actor, disclosure.area))
    if disclosure.status != Disclosure.Status.DRAFT:
        raise GovernanceRefused("conflict", _("Only a draft is edited."))
    if not title.strip() or not body.strip() or not period.strip():
        raise GovernanceRefused("invalid", _("A disclosure needs a title, a text and a period."))
    Disclosure.objects.filter(pk=disclosure.pk).update(
        title=title.strip()[:100], body=body.strip(), period=period.strip()[:30]
    )
    disclosure.refresh_from_db()
    record_audit(actor=actor, action="change", target=disclosure, detail={"action": "edit"})
    return disclosure


@transaction.atomic
def remove_attachment(*, actor, attachment: DisclosureAttachment) -> None:
    disclosure = attachment.disclosure
    forbid(permissions.can_keep(actor, disclosure.area))
    if disclosure.status != Disclosure.Status.DRAFT:
        raise GovernanceRefused("conflict", _("Only a draft is edited."))
    attachment.file.delete(save=False)
    attachment.delete()
    record_audit(
        actor=actor, action="change", target=disclosure, detail={"removed": attachment.name}
    )


@transaction.atomic
def withdraw_disclosure(*, actor, disclosure: Disclosure) -> Disclosure:
    forbid(permissions.can_keep(actor, disclosure.area))
    if not Disclosure.objects.filter(pk=disclosure.pk, status=Disclosure.Status.PUBLISHED).update(
        status=Disclosure.Status.WITHDRAWN
    ):
        raise GovernanceRefused("conflict", _("Only a published disclosure is withdrawn."))
    disclosure.refresh_from_db()
    record_audit(actor=actor, action="change", target=disclosure, detail={"action": "withdraw"})
    return disclosure
