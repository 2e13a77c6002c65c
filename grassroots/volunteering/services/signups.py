"""Sign-up and the waiting list: places counted by the database, freed places handed on."""

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.audit import record_audit
from grassroots.notifications.services import notify
from grassroots.volunteering import permissions
from grassroots.volunteering.errors import VolunteerRefused, require
from grassroots.volunteering.models import Enrollment, Occurrence, Volunteer
from grassroots.volunteering.services.volunteers import volunteer_signing_up

E = Enrollment.Status


def signup_window(occurrence: Occurrence) -> tuple[dt.datetime, dt.datetime]:
    activity = occurrence.activity
    opens = occurrence.starts_at - dt.timedelta(days=activity.signup_opens_days)
    closes = occurrence.starts_at - dt.timedelta(hours=activity.signup_closes_hours)
    return opens, closes


@transaction.atomic
def sign_up(
    *,
    actor,
    occurrence: Occurrence,
    volunteer: Volunteer | None = None,
    now: dt.datetime | None = None,
) -> Enrollment:
    """Take a place, or the next place on the waiting list when all are taken. Places are
    counted with one conditional UPDATE, so concurrent sign-ups never exceed the capacity.

    The organiser may sign up a `volunteer` who asked at the desk or by phone."""
    now = now or timezone.now()
    if volunteer is None:
        volunteer = volunteer_signing_up(actor)
    elif volunteer.person.user_id != actor.pk:
        require(permissions.can_run(actor, occurrence.activity))
    if occurrence.status != Occurrence.Status.SCHEDULED:
        raise VolunteerRefused("conflict", _("This date is not open for sign-up."))
    opens, closes = signup_window(occurrence)
    if now < opens:
        message = _("Sign-up opens on %(when)s.") % {
            "when": timezone.localtime(opens).strftime("%Y-%m-%d %H:%M")
        }
        raise VolunteerRefused("invalid", message)
    if now > closes:
        raise VolunteerRefused("invalid", _("Sign-up for this date has closed."))
    enrollment = Enrollment.objects.filter(occurrence=occurrence, volunteer=volunteer).first()
    if enrollment is not None and enrollment.status != E.CANCELLED:
        raise VolunteerRefused("conflict", _("You have already signed up for this date."))
    took = Occurrence.objects.filter(pk=occurrence.pk, taken__lt=F("capacity")).update(
        taken=F("taken") + 1
    )
    status = E.ENROLLED if took else E.WAITING
    if enrollment is None:
        enrollment = Enrollment.objects.create(
            occurrence=occurrence, volunteer=volunteer, status=status, created_at=now
        )
    else:  # signing up again after cancelling: to the end of the queue
        enrollment.status, enrollment.created_at = status, now
        enrollment.save(update_fields=["status", "created_at"])
    record_audit(actor=actor, action="change", target=occurrence, detail={"sign_up": status})
    return enrollment


@transaction.atomic
def cancel_sign_up(*, actor, enrollment: Enrollment) -> Enrollment | None:
    """Give up a place (or a place in the queue). A freed place goes to the first in the queue,
    who is told; returns their sign-up, if any."""
    require(
        enrollment.volunteer.person.user_id == actor.pk
        or permissions.can_run(actor, enrollment.occurrence.activity)
    )
    was = enrollment.status
    if was not in (E.ENROLLED, E.WAITING):
        raise VolunteerRefused("conflict", _("This sign-up cannot be cancelled now."))
    if not Enrollment.objects.filter(pk=enrollment.pk, status=was).update(status=E.CANCELLED):
        raise VolunteerRefused("conflict", _("This sign-up was changed meanwhile; reload."))
    enrollment.status = E.CANCELLED
    record_audit(actor=actor, action="change", target=enrollment.occurrence, detail={"cancel": was})
    if was != E.ENROLLED:
        return None
    return _promote(enrollment.occurrence)


def _promote(occurrence: Occurrence) -> Enrollment | None:
    """Hand a freed place to the first in the queue, or give it back to the count."""
    queue = Enrollment.objects.filter(occurrence=occurrence, status=E.WAITING)
    for candidate in queue.order_by("created_at", "pk")[:20]:
        if Enrollment.objects.filter(pk=candidate.pk, status=E.WAITING).update(status=E.ENROLLED):
            candidate.status = E.ENROLLED
            user = candidate.volunteer.person.user
            notify(
                recipients=[user] if user else [],
                title=_("A place became free: you are signed up for %(what)s")
                % {"what": occurrence},
            )
            return candidate
    Occurrence.objects.filter(pk=occurrence.pk, taken__gt=0).update(taken=F("taken") - 1)
    return None
