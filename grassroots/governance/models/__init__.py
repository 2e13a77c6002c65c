"""Compound governance: the criteria sets 三无 and 六有 as data, each compound's assessment
history with evidence and verifiers, remediation projects (整治提升), self-governance bodies,
deliberation meetings (议事) with decisions and votes, and 三务公开 disclosures — one module
each, every model importable from here."""

from grassroots.governance.models.assessments import (
    Assessment,
    AssessmentItem,
    CriteriaSet,
    Criterion,
    EvidenceFile,
)
from grassroots.governance.models.bodies import Body, BodyMember
from grassroots.governance.models.compounds import COMPOUND
from grassroots.governance.models.disclosures import Disclosure, DisclosureAttachment
from grassroots.governance.models.meetings import Decision, Meeting
from grassroots.governance.models.projects import Project, ProjectPhoto, ProjectTask

__all__ = [
    "COMPOUND",
    "Assessment",
    "AssessmentItem",
    "Body",
    "BodyMember",
    "CriteriaSet",
    "Criterion",
    "Decision",
    "Disclosure",
    "DisclosureAttachment",
    "EvidenceFile",
    "Meeting",
    "Project",
    "ProjectPhoto",
    "ProjectTask",
]
