"""Every write of compound governance, one function per use case, each checking the actor,
writing whole or not at all, and leaving an audit entry; one module per sub-domain
(assessments, projects, meetings, disclosures; the bodies are `governance.bodies`), every
public name importable from here.

Assessments are recorded by the community and count once a secretary or the county verifies
them. Projects take in demands being handled and, when finished, hand them on to the
resident's rating (`cases.services.complete_by_project`). A meeting's decision can raise
follow-up demands that go through the pipeline like any other. Disclosures are scanned for
mobile and ID numbers before they go public."""

from grassroots.governance.errors import GovernanceRefused
from grassroots.governance.services.assessments import (
    ItemInput,
    record_assessment,
    verify_assessment,
)
from grassroots.governance.services.checks import MAX_FILE_BYTES
from grassroots.governance.services.disclosures import (
    draft_disclosure,
    edit_disclosure,
    publish_disclosure,
    remove_attachment,
    scan_disclosure,
    withdraw_disclosure,
)
from grassroots.governance.services.meetings import (
    raise_follow_up,
    record_decision,
    record_meeting,
    vote_passes,
)
from grassroots.governance.services.projects import (
    add_project_photos,
    complete_project,
    create_project,
    update_task,
)

__all__ = [
    "MAX_FILE_BYTES",
    "GovernanceRefused",
    "ItemInput",
    "add_project_photos",
    "complete_project",
    "create_project",
    "draft_disclosure",
    "edit_disclosure",
    "publish_disclosure",
    "raise_follow_up",
    "record_assessment",
    "record_decision",
    "record_meeting",
    "remove_attachment",
    "scan_disclosure",
    "update_task",
    "verify_assessment",
    "vote_passes",
    "withdraw_disclosure",
]
