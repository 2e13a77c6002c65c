"""Double reporting (双报到) and pairing (包联): units report to their community, in-service
members to their compound; units are paired with communities and compounds, members with
households, and buildings get their group leaders. One function per use case, `actor=` first;
each check is also a function of its own (`check_…`), so that a form can show the refusal
before anything is written (the back office does).

Refusals are `OfferRefused` with a code (`forbidden`, `conflict`, `invalid`) and a message for
people; nothing is half-written (each function is one transaction).
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.accounts.models import ADMIN_ROLES, Role, RoleAssignment
from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area
from grassroots.core.audit import record_audit
from grassroots.core.refusals import Refused
from grassroots.offers.models import GroupLeader, HouseholdPairing, Registration, ServiceTeam
from grassroots.party.models import PartyMember
from grassroots.people.models import Household
from grassroots.units.models import Pairing, Unit
from grassroots.units.selectors import serves
from grassroots.volunteering import teams

STAFF = (Role.COMMUNITY_STAFF, Role.COMMUNITY_SECRETARY, *ADMIN_ROLES)

# Words in what a member can do → the service team they are sorted into (first match wins).
TEAM_WORDS = [
    (ServiceTeam.GUIDANCE, ("党建", "党务", "理论", "宣讲党")),
    (ServiceTeam.PROPAGANDA, ("宣传", "写作", "摄影", "红色", "讲解", "播音")),
    (ServiceTeam.SAFETY, ("巡逻", "安全", "消防", "治安", "法律", "调解", "平安")),
    (ServiceTeam.AFFAIRS, ("协调", "物业", "会计", "财务", "管理", "议事")),
    (ServiceTeam.CIVILITY, ("环境", "卫生", "文明", "垃圾", "绿化", "志愿")),
    (ServiceTeam.WARMTH, ("医疗", "护理", "陪护", "辅导", "教育", "理发", "养老", "助老")),
]


class OfferRefused(Refused):
    """A refusal of a reporting, pairing or two-lists service."""


def team_for(skills: str, intentions: str = "") -> str:
    """The service team a member's skills and intentions point to; 温暖帮扶 when nothing fits."""
    text = f"{skills} {intentions}"
    for team, words in TEAM_WORDS:
        if any(w in text for w in words):
            return team
    return ServiceTeam.WARMTH


def _county_of(area: Area) -> str:
    return area.county_path


def staff_over(actor, area: Area) -> bool:
    return scope_of(actor).covers(area, STAFF)


def not_served(unit: Unit, area: Area) -> OfferRefused:
    message = _("%(unit)s does not serve %(area)s: it belongs to another county.") % {
        "unit": unit,
        "area": area,
    }
    return OfferRefused("invalid", message, {"unit": [message]})


def clean_text(text: str, limit: int) -> str:
    return (text or "").replace("\x00", "").strip()[:limit]


def check_unit_report(*, actor, unit: Unit, community: Area) -> bool:
    """Refuse a unit's report the actor may not record, or to the wrong place; True when the
    unit reports for itself (its liaison), False when staff record it."""
    own = unit.pk in scope_of(actor).unit_ids(roles=[Role.UNIT_LIAISON])
    if not (own or staff_over(actor, community)):
        raise OfferRefused("forbidden", _("You may not report for this unit here."))
    if community.level != Area.Level.COMMUNITY:
        raise OfferRefused("invalid", _("A unit reports to a community."), {"community": []})
    if not serves(unit, community):
        message = _("%(community)s is not in the unit's county or city.") % {"community": community}
        raise OfferRefused("invalid", message, {"community": [message]})
    return own


@transaction.atomic
def register_unit(
    *,
    actor,
    unit: Unit,
    community: Area,
    reported_on: dt.date | None = None,
    contact_name: str = "",
    contact_phone: str = "",
    can_offer: str = "",
) -> Registration:
    """A unit reports (报到) to the community where it sits; a new report ends the previous one."""
    own = check_unit_report(actor=actor, unit=unit, community=community)
    today = timezone.localdate()
    Registration.objects.filter(unit=unit, active=True).update(active=False, ended_on=today)
    registration = Registration.objects.create(
        unit=unit,
        area=community,
        reported_on=reported_on or today,
        contact_name=clean_text(contact_name, 50),
        contact_phone=clean_text(contact_phone, 20),
        can_offer=clean_text(can_offer, 500),
        channel=Registration.Channel.SELF if own else Registration.Channel.STAFF,
        recorded_by=actor,
    )
    if unit.community_id != community.pk:
        Unit.objects.filter(pk=unit.pk).update(community=community)
    record_audit(actor=actor, action="change", target=registration, detail={"action": "report"})
    return registration


def check_member_report(
    *, actor, member: PartyMember, compound: Area, service_team: str = "", moving: bool = False
) -> Registration | None:
    """Refuse a member's report the actor may not record, or that is wrong; the member's
    current registration when it is fine (None for a first report)."""
    self_service = member.person.user_id is not None and member.person.user_id == actor.pk
    if not (self_service or staff_over(actor, compound)):
        raise OfferRefused("forbidden", _("You may not report for this party member here."))
    if compound.level != Area.Level.COMPOUND:
        message = _("Choose the compound where the member lives.")
        raise OfferRefused("invalid", message, {"compound": [message]})
    if _county_of(compound) != _county_of(member.org.area):
        message = _("%(compound)s is not in the member's county.") % {"compound": compound}
        raise OfferRefused("invalid", message, {"compound": [message]})
    if not member.in_service:
        raise OfferRefused("invalid", _("Only in-service party members report to a compound."))
    if service_team and service_team not in ServiceTeam.values:
        raise OfferRefused("invalid", _("Choose a service team."), {"service_team": []})
    current = Registration.objects.filter(member=member, active=True).select_related("area").first()
    if current is not None and not moving:
        message = _(
            "%(name)s has already reported to %(compound)s; to move, choose “moving house”."
        ) % {"name": member.person.name, "compound": current.area.name}
        raise OfferRefused("conflict", message, {"compound": [message]})
    return current


@transaction.atomic
def register_member(
    *,
    actor,
    member: PartyMember,
    compound: Area,
    reported_on: dt.date | None = None,
    skills: str = "",
    intentions: str = "",
    availability: str = "",
    service_team: str = "",
    moving: bool = False,
) -> Registration:
    """An in-service member reports (报到) to the compound where they live.

    A member has one home compound at a time: reporting elsewhere while a registration is active
    is refused unless `moving`, which ends the old registration (kept as history)."""
    self_service = member.person.user_id is not None and member.person.user_id == actor.pk
    current = check_member_report(
        actor=actor, member=member, compound=compound, service_team=service_team, moving=moving
    )
    today = timezone.localdate()
    if current is not None:
        Registration.objects.filter(pk=current.pk).update(active=False, ended_on=today)
    skills, intentions = clean_text(skills, 300), clean_text(intentions, 300)
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                member=member,
                area=compound,
                reported_on=reported_on or today,
                skills=skills,
                intentions=intentions,
                availability=clean_text(availability, 200),
                service_team=service_team or team_for(skills, intentions),
                channel=Registration.Channel.SELF if self_service else Registration.Channel.STAFF,
                recorded_by=actor,
            )
    except IntegrityError as exc:  # two reports racing: the one-home-compound constraint
        raise OfferRefused("conflict", _("This member has just reported; reload.")) from exc
    if member.home_compound_id != compound.pk:
        PartyMember.objects.filter(pk=member.pk).update(home_compound=compound)
    _member_role(member, compound)
    _join_team(actor, member, compound, registration.service_team)
    record_audit(actor=actor, action="change", target=registration, detail={"action": "report"})
    return registration


def _join_team(actor, member: PartyMember, compound: Area, service_team: str) -> None:
    """Sorted into a service team, the member joins that specialty's team of the compound's
    community, where the community has one (the six teams are 夏县's six specialties)."""
    community = Area.objects.get_parent(compound)
    order = list(ServiceTeam).index(ServiceTeam(service_team))
    team = teams.specialty_team(community, order) if community else None
    if team is not None:
        teams.join_by_report(actor=actor, team=team, person=member.person)


def _member_role(member: PartyMember, compound: Area) -> None:
    """A reported member sees and takes the orders of their compound: their party member role is
    scoped to it (moving moves the role)."""
    user_id = member.person.user_id
    if user_id is None:
        return
    RoleAssignment.objects.filter(user_id=user_id, role=Role.PARTY_MEMBER).exclude(
        area=compound
    ).delete()
    RoleAssignment.objects.get_or_create(user_id=user_id, role=Role.PARTY_MEMBER, area=compound)


def check_pairing(*, actor, unit: Unit, area: Area) -> None:
    """Refuse a pairing (包联) the actor may not make, or of a unit that does not serve there."""
    if area.level not in (Area.Level.COMMUNITY, Area.Level.COMPOUND):
        raise OfferRefused("invalid", _("Pair a unit with a community or a compound."))
    if not staff_over(actor, area):
        raise OfferRefused("forbidden", _("You may not pair units here."))
    if not serves(unit, area):
        raise not_served(unit, area)


@transaction.atomic
def pair_unit(*, actor, unit: Unit, area: Area, since: dt.date | None = None) -> Pairing:
    """包联: make a unit responsible for a community or a compound."""
    check_pairing(actor=actor, unit=unit, area=area)
    pairing, _created = Pairing.objects.get_or_create(
        unit=unit, area=area, defaults={"since": since or timezone.localdate()}
    )
    record_audit(actor=actor, action="change", target=pairing, detail={"action": "pair"})
    return pairing


@transaction.atomic
def unpair_unit(*, actor, pairing: Pairing) -> None:
    """End a pairing; the gap it leaves shows on the coverage pages."""
    if not staff_over(actor, pairing.area):
        raise OfferRefused("forbidden", _("You may not change pairings here."))
    record_audit(actor=actor, action="change", target=pairing, detail={"action": "unpair"})
    pairing.delete()


def check_household_pairing(*, actor, member: PartyMember, household: Household, role: str):
    """Refuse a member ↔ household pairing the actor may not make, or of a member living
    elsewhere."""
    building = household.building
    if not staff_over(actor, building):
        raise OfferRefused("forbidden", _("You may not pair households here."))
    if not _lives_in(member, building):
        raise _lives_elsewhere(member, building)
    if role not in HouseholdPairing.Role.values:
        raise OfferRefused("invalid", _("Choose a role."), {"role": []})


@transaction.atomic
def pair_household(
    *, actor, member: PartyMember, household: Household, role: str
) -> HouseholdPairing:
    """党员中心户 / 片长: a member looks after a household of their compound."""
    check_household_pairing(actor=actor, member=member, household=household, role=role)
    pairing, _created = HouseholdPairing.objects.update_or_create(
        household=household, role=role, defaults={"member": member}
    )
    record_audit(actor=actor, action="change", target=pairing, detail={"action": "pair"})
    return pairing


@transaction.atomic
def unpair_household(*, actor, pairing: HouseholdPairing) -> None:
    """The member no longer looks after the household."""
    if not staff_over(actor, pairing.household.building):
        raise OfferRefused("forbidden", _("You may not pair households here."))
    record_audit(actor=actor, action="change", target=pairing, detail={"action": "unpair"})
    pairing.delete()


def check_group_leader(*, actor, member: PartyMember, building: Area) -> None:
    """Refuse a group leader the actor may not appoint, or who lives elsewhere."""
    if building.level != Area.Level.BUILDING:
        raise OfferRefused("invalid", _("Choose a building or lane."))
    if not staff_over(actor, building):
        raise OfferRefused("forbidden", _("You may not appoint group leaders here."))
    if not _lives_in(member, building):
        raise _lives_elsewhere(member, building)


@transaction.atomic
def appoint_group_leader(*, actor, member: PartyMember, building: Area) -> GroupLeader:
    """楼栋/巷院党小组长 of a building or lane."""
    check_group_leader(actor=actor, member=member, building=building)
    leader, _created = GroupLeader.objects.update_or_create(
        building=building, defaults={"member": member}
    )
    record_audit(actor=actor, action="change", target=leader, detail={"action": "appoint"})
    return leader


@transaction.atomic
def remove_group_leader(*, actor, leader: GroupLeader) -> None:
    """The building has no group leader until another is appointed."""
    if not staff_over(actor, leader.building):
        raise OfferRefused("forbidden", _("You may not appoint group leaders here."))
    record_audit(actor=actor, action="change", target=leader, detail={"action": "remove"})
    leader.delete()


def _lives_in(member: PartyMember, building: Area) -> bool:
    """A member looks after households, or leads the group, of the compound they live in."""
    home = member.home_compound
    return home is not None and home.holds(building)


def _lives_elsewhere(member: PartyMember, building: Area) -> OfferRefused:
    message = _("%(member)s does not live in the compound of %(building)s.") % {
        "member": member,
        "building": building,
    }
    return OfferRefused("invalid", message, {"member": [message]})
