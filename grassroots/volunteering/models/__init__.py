"""The models of volunteering, by sub-domain: teams and volunteers, activities and their dates,
the records of service (hours and certificates), and the needs questionnaires."""

from grassroots.volunteering.models.activities import Activity, CodeUse, Enrollment, Occurrence
from grassroots.volunteering.models.questionnaires import Questionnaire
from grassroots.volunteering.models.records import Certificate, ServiceRecord
from grassroots.volunteering.models.teams import Membership, Team, TeamCategory, Volunteer
from grassroots.volunteering.models.tokens import new_token

# The migrations name the token default by its first home, grassroots.volunteering.models._token.
_token = new_token

__all__ = [
    "Activity",
    "Certificate",
    "CodeUse",
    "Enrollment",
    "Membership",
    "Occurrence",
    "Questionnaire",
    "ServiceRecord",
    "Team",
    "TeamCategory",
    "Volunteer",
]
