"""Pages of compound governance, one module per sub-domain, every view importable from here.

For the county and the communities: the 六有 overview of an area, the compounds with their
standing, a compound's page and its ledger (`standing`); the forms and pages of assessments,
projects and meetings; the 三务公开 disclosures, with the public page of a compound for its
residents (`disclosures`). Files (evidence, photos, attachments) are served through views that
check access."""

from grassroots.governance.views.assessments import assess, assessment_page, evidence_file
from grassroots.governance.views.disclosures import (
    attachment_file,
    disclosure_list,
    disclosure_new,
    disclosure_page,
    my_compound,
    public_disclosures,
)
from grassroots.governance.views.meetings import meeting_list, meeting_new, meeting_page
from grassroots.governance.views.projects import (
    project_list,
    project_new,
    project_page,
    project_photo,
)
from grassroots.governance.views.standing import (
    compound_ledger,
    compound_list,
    compound_page,
    overview,
)

__all__ = [
    "assess",
    "assessment_page",
    "attachment_file",
    "compound_ledger",
    "compound_list",
    "compound_page",
    "disclosure_list",
    "disclosure_new",
    "disclosure_page",
    "evidence_file",
    "meeting_list",
    "meeting_new",
    "meeting_page",
    "my_compound",
    "overview",
    "project_list",
    "project_new",
    "project_page",
    "project_photo",
    "public_disclosures",
]
