"""Volunteers: the record behind an account, and what a volunteer says they can do."""

from django.db import transaction
from django.utils.translation import gettext as _

from grassroots.core.audit import record_audit
from grassroots.people.models import Person
from grassroots.volunteering import permissions
from grassroots.volunteering.errors import VolunteerRefused, require
from grassroots.volunteering.models import Volunteer


def volunteer_for(user) -> Volunteer | None:
    """The user's volunteer record, if they have one."""
    return Volunteer.objects.filter(person__user=user).select_related("person").first()


def volunteer_signing_up(user) -> Volunteer:
    """The user's volunteer record, registering the person behind the account if need be (a
    party member or resident who signs up for the first time becomes a volunteer)."""
    volunteer = volunteer_for(user)
    if volunteer is not None:
        return volunteer
    person = Person.objects.filter(user=user).first()
    if person is None:
        raise VolunteerRefused(
            "invalid", _("Your account is not linked to a resident record; ask your community.")
        )
    volunteer, _created = Volunteer.objects.get_or_create(person=person)
    return volunteer


@transaction.atomic
def update_profile(*, actor, volunteer: Volunteer, skills: str, availability: str) -> Volunteer:
    """A volunteer says what they can do and when (staff over their home may do it for them)."""
    require(volunteer.person.user_id == actor.pk or permissions.can_certify(actor, volunteer))
    volunteer.skills = (skills or "").strip()[:200]
    volunteer.availability = (availability or "").strip()[:100]
    volunteer.save(update_fields=["skills", "availability"])
    record_audit(actor=actor, action="change", target=volunteer, detail={"profile": True})
    return volunteer
