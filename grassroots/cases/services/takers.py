"""Who may take a case: units, volunteer teams and party members, where they serve."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from grassroots.accounts.models import Role
from grassroots.accounts.scopes import scope_of
from grassroots.cases.errors import MOVED_ON, CaseRefused
from grassroots.cases.models import Assignment, Case
from grassroots.cases.services.moving import status_label
from grassroots.party.models import PartyMember
from grassroots.units.models import Unit
from grassroots.units.selectors import serves, serving_paths
from grassroots.volunteering.models import Team

Taker = Unit | Team | PartyMember


def taker_fields(taker: Taker) -> dict:
    if isinstance(taker, Unit):
        return {"unit": taker}
    if isinstance(taker, Team):
        return {"team": taker}
    if isinstance(taker, PartyMember):
        return {"member": taker}
    raise CaseRefused("invalid", _("Choose a unit, a volunteer team or a party member."))


def assign(case: Case, taker: Taker, role: str) -> Assignment:
    try:
        with transaction.atomic():
            return Assignment.objects.create(case=case, role=role, **taker_fields(taker))
    except IntegrityError as exc:  # the one-active-lead constraint: someone else got there first
        raise CaseRefused("conflict", MOVED_ON % {"status": status_label(case.status)}) from exc


def check_serves(taker: Taker, case: Case) -> None:
    """A case goes only to those who serve its place: a unit of its county or of the city, a
    team of its county, a party member living in its county."""
    if isinstance(taker, Unit):
        ok = serves(taker, case.area)
    elif isinstance(taker, Team):
        ok = case.area.county_path == taker.community.county_path
    else:
        home = taker.home_compound
        ok = home is not None and case.area.county_path == home.county_path
    if not ok:
        message = _("%(taker)s does not serve %(place)s: choose one of its county.") % {
            "taker": taker,
            "place": case.area,
        }
        raise CaseRefused("invalid", message, {"lead": [message]})


def claimant_for(actor, case: Case | None = None) -> Taker:
    """Who takes a claimed case: the actor's unit (of those serving the case's place), else the
    team they lead, else their member."""
    scope = scope_of(actor)
    units = Unit.objects.filter(pk__in=scope.unit_ids(roles=[Role.UNIT_LIAISON]))
    if case is not None:
        units = units.filter(area__path__in=serving_paths(case.area))
    unit = units.order_by("pk").first()
    if unit is not None:
        return unit
    team = Team.objects.filter(leaders=actor).order_by("pk").first()
    if team is not None:
        return team
    member = PartyMember.objects.filter(person__user=actor).first()
    if member is not None:
        return member
    raise CaseRefused("forbidden", _("Only a unit, a volunteer team or a party member can claim."))
