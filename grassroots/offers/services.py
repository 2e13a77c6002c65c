"""Every write of double reporting and pairing: one function per use case, `actor=` first.

Refusals are `OfferRefused` with a code (`forbidden`, `conflict`, `invalid`) and a message for
people; nothing is half-written (each function is one transaction).
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.accounts.models import ADMIN_ROLES, Role, RoleAssignment
from grassroots.accounts.scopes import scope_of
from grassroots.areas.models import Area
from grassroots.core.audit import record_audit
from grassroots.offers.models import (
    GroupLeader,
    HouseholdPairing,
    Offer,
    OfferRequest,
    OfferUse,
    Partnership,
    Registration,
    ServiceItem,
    ServiceTeam,
)
from grassroots.party.models import PartyMember
from grassroots.people.models import Household
from grassroots.units.models import Pairing, Unit

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


class OfferRefused(Exception):
    def __init__(self, code: str, message: str, fields: dict | None = None):
        super().__init__(message)
        self.code, self.message, self.fields = code, message, fields or {}


def team_for(skills: str, intentions: str = "") -> str:
    """The service team a member's skills and intentions point to; 温暖帮扶 when nothing fits."""
    text = f"{skills} {intentions}"
    for team, words in TEAM_WORDS:
        if any(w in text for w in words):
            return team
    return ServiceTeam.WARMTH


def _county_of(area: Area) -> str:
    return area.county_path


def _staff_for(actor, area: Area) -> bool:
    return scope_of(actor).reaches(area, STAFF)


def _serves(unit: Unit, area: Area) -> bool:
    """A unit serves its own county, or the whole city for a city unit."""
    return area.path.startswith(unit.area.path)


def _not_served(unit: Unit, area: Area) -> OfferRefused:
    message = _("%(unit)s does not serve %(area)s: it belongs to another county.") % {
        "unit": unit,
        "area": area,
    }
    return OfferRefused("invalid", message, {"unit": [message]})


def _clean(text: str, limit: int) -> str:
    return (text or "").replace("\x00", "").strip()[:limit]


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
    scope = scope_of(actor)
    own = unit.pk in scope.unit_ids(roles=[Role.UNIT_LIAISON])
    if not (own or _staff_for(actor, community)):
        raise OfferRefused("forbidden", _("You may not report for this unit here."))
    if community.level != Area.Level.COMMUNITY:
        raise OfferRefused("invalid", _("A unit reports to a community."), {"community": []})
    if not community.path.startswith(unit.area.path):
        message = _("%(community)s is not in the unit's county or city.") % {"community": community}
        raise OfferRefused("invalid", message, {"community": [message]})
    today = timezone.localdate()
    Registration.objects.filter(unit=unit, active=True).update(active=False, ended_on=today)
    registration = Registration.objects.create(
        unit=unit,
        area=community,
        reported_on=reported_on or today,
        contact_name=_clean(contact_name, 50),
        contact_phone=_clean(contact_phone, 20),
        can_offer=_clean(can_offer, 500),
        channel=Registration.Channel.SELF if own else Registration.Channel.STAFF,
        recorded_by=actor,
    )
    if unit.community_id != community.pk:
        Unit.objects.filter(pk=unit.pk).update(community=community)
    record_audit(actor=actor, action="change", target=registration, detail={"action": "report"})
    return registration


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
    if not (self_service or _staff_for(actor, compound)):
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
    today = timezone.localdate()
    if current is not None:
        Registration.objects.filter(pk=current.pk).update(active=False, ended_on=today)
    skills, intentions = _clean(skills, 300), _clean(intentions, 300)
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                member=member,
                area=compound,
                reported_on=reported_on or today,
                skills=skills,
                intentions=intentions,
                availability=_clean(availability, 200),
                service_team=service_team or team_for(skills, intentions),
                channel=Registration.Channel.SELF if self_service else Registration.Channel.STAFF,
                recorded_by=actor,
            )
    except IntegrityError as exc:  # two reports racing: the one-home-compound constraint
        raise OfferRefused("conflict", _("This member has just reported; reload.")) from exc
    if member.home_compound_id != compound.pk:
        PartyMember.objects.filter(pk=member.pk).update(home_compound=compound)
    _member_role(member, compound)
    record_audit(actor=actor, action="change", target=registration, detail={"action": "report"})
    return registration


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


@transaction.atomic
def pair_unit(*, actor, unit: Unit, area: Area, since: dt.date | None = None) -> Pairing:
    """包联: make a unit responsible for a community or a compound."""
    if area.level not in (Area.Level.COMMUNITY, Area.Level.COMPOUND):
        raise OfferRefused("invalid", _("Pair a unit with a community or a compound."))
    if not _staff_for(actor, area):
        raise OfferRefused("forbidden", _("You may not pair units here."))
    if not _serves(unit, area):
        raise _not_served(unit, area)
    pairing, _created = Pairing.objects.get_or_create(
        unit=unit, area=area, defaults={"since": since or timezone.localdate()}
    )
    record_audit(actor=actor, action="change", target=pairing, detail={"action": "pair"})
    return pairing


@transaction.atomic
def unpair_unit(*, actor, pairing: Pairing) -> None:
    if not _staff_for(actor, pairing.area):
        raise OfferRefused("forbidden", _("You may not change pairings here."))
    record_audit(actor=actor, action="change", target=pairing, detail={"action": "unpair"})
    pairing.delete()


@transaction.atomic
def pair_household(
    *, actor, member: PartyMember, household: Household, role: str
) -> HouseholdPairing:
    """党员中心户 / 片长: a member looks after a household of their compound."""
    building = household.building
    if not _staff_for(actor, building):
        raise OfferRefused("forbidden", _("You may not pair households here."))
    if not _lives_in(member, building):
        raise _lives_elsewhere(member, building)
    if role not in HouseholdPairing.Role.values:
        raise OfferRefused("invalid", _("Choose a role."), {"role": []})
    pairing, _created = HouseholdPairing.objects.update_or_create(
        household=household, role=role, defaults={"member": member}
    )
    record_audit(actor=actor, action="change", target=pairing, detail={"action": "pair"})
    return pairing


@transaction.atomic
def appoint_group_leader(*, actor, member: PartyMember, building: Area) -> GroupLeader:
    """楼栋/巷院党小组长 of a building or lane."""
    if building.level != Area.Level.BUILDING:
        raise OfferRefused("invalid", _("Choose a building or lane."))
    if not _staff_for(actor, building):
        raise OfferRefused("forbidden", _("You may not appoint group leaders here."))
    if not _lives_in(member, building):
        raise _lives_elsewhere(member, building)
    leader, _created = GroupLeader.objects.update_or_create(
        building=building, defaults={"member": member}
    )
    record_audit(actor=actor, action="change", target=leader, detail={"action": "appoint"})
    return leader


def _lives_in(member: PartyMember, building: Area) -> bool:
    """A member looks after households, or leads the group, of the compound they live in."""
    home = member.home_compound
    return home is not None and building.path.startswith(home.path)


def _lives_elsewhere(member: PartyMember, building: Area) -> OfferRefused:
    message = _("%(member)s does not live in the compound of %(building)s.") % {
        "member": member,
        "building": building,
    }
    return OfferRefused("invalid", message, {"member": [message]})


# --- The two lists: offers and requests for them ----------------------------------------------


def period_start(period: str, day: dt.date) -> dt.date:
    """The first day of the month, quarter or year holding `day`."""
    if period == Offer.Period.YEAR:
        return day.replace(month=1, day=1)
    if period == Offer.Period.QUARTER:
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    return day.replace(day=1)


@transaction.atomic
def create_offer(
    *,
    actor,
    unit: Unit,
    title: str,
    category,
    capacity,
    period: str,
    description: str = "",
    partnership: Partnership | None = None,
) -> Offer:
    """Add a line to a unit's resource list (资源清单)."""
    scope = scope_of(actor)
    own = unit.pk in scope.unit_ids(roles=[Role.UNIT_LIAISON])
    if not (own or scope.reaches(unit.area, ADMIN_ROLES)):
        raise OfferRefused("forbidden", _("You may not change this unit's resource list."))
    title = _clean(title, 60)
    if not title:
        raise OfferRefused("invalid", _("Name the service."), {"title": [_("Name the service.")]})
    try:
        capacity = int(capacity)
    except (TypeError, ValueError):
        capacity = 0
    if not 1 <= capacity <= 1000:
        message = _("The capacity is how many times per period: 1 to 1000.")
        raise OfferRefused("invalid", message, {"capacity": [message]})
    if period not in Offer.Period.values:
        raise OfferRefused("invalid", _("Choose a period."), {"period": [_("Choose a period.")]})
    offer = Offer.objects.create(
        unit=unit,
        title=title,
        category=category,
        capacity=capacity,
        period=period,
        description=_clean(description, 300),
        partnership=partnership,
    )
    record_audit(actor=actor, action="change", target=offer, detail={"action": "offer"})
    return offer


def remaining(offer: Offer, day: dt.date | None = None) -> int:
    """Slots of the offer still free in the period holding `day` (today by default)."""
    start = period_start(offer.period, day or timezone.localdate())
    used = OfferUse.objects.filter(offer=offer, period_start=start).values_list("used", flat=True)
    return max(0, offer.capacity - (used.first() or 0))


@transaction.atomic
def request_offer(*, actor, offer: Offer, compound: Area, note: str = "") -> OfferRequest:
    """A community asks for an offer: one slot of this period is taken (never more than the
    capacity, even when two communities ask for the last one at once) and a service case is
    dispatched to the unit, which signs for it or declines (objects), freeing the slot."""
    from grassroots.cases import services as cases
    from grassroots.cases.errors import CaseRefused
    from grassroots.cases.models import Case

    if not offer.active:
        raise OfferRefused("invalid", _("This offer is no longer available."))
    if compound.level not in (Area.Level.COMPOUND, Area.Level.BUILDING):
        message = _("Choose the compound the service is for.")
        raise OfferRefused("invalid", message, {"compound": [message]})
    if not _staff_for(actor, compound):
        raise OfferRefused("forbidden", _("You may ask for services only for your own area."))
    if not _serves(offer.unit, compound):
        raise _not_served(offer.unit, compound)
    start = period_start(offer.period, timezone.localdate())
    use, _created = OfferUse.objects.get_or_create(offer=offer, period_start=start)
    took = OfferUse.objects.filter(pk=use.pk, used__lt=offer.capacity).update(used=F("used") + 1)
    if not took:
        message = _("%(offer)s has no slot left this period.") % {"offer": offer}
        raise OfferRefused("conflict", message)
    note = _clean(note, 2000) or _("Requested from the resource list: %(offer)s") % {"offer": offer}
    try:
        case = cases.submit_case(
            actor=actor,
            kind=Case.Kind.SERVICE,
            category=offer.category,
            title=offer.title,
            description=note,
            area=compound,
            channel=Case.Channel.DUTY_DESK,
        )
        cases.triage_case(actor=actor, case=case)
        cases.dispatch_case(actor=actor, case=case, lead=offer.unit, note=note)
    except CaseRefused as refused:
        raise OfferRefused(refused.code, str(refused.message)) from refused
    request = OfferRequest.objects.create(offer=offer, case=case, period_start=start)
    record_audit(actor=actor, action="change", target=request, detail={"action": "request"})
    return request


def release_slot(case) -> None:
    """A declined or withdrawn request frees its slot (once)."""
    request = OfferRequest.objects.filter(case=case, released=False).first()
    if request is None:
        return
    if OfferRequest.objects.filter(pk=request.pk, released=False).update(released=True):
        OfferUse.objects.filter(
            offer=request.offer_id, period_start=request.period_start, used__gt=0
        ).update(used=F("used") - 1)


# --- Precise services: residents order, members take ------------------------------------------


@transaction.atomic
def order_service(*, actor, item: ServiceItem, note: str = "", area: Area | None = None):
    """居民点单: a resident orders a service from the menu for their home; the order goes to the
    board of their compound's party members (接单)."""
    from grassroots.cases import services as cases
    from grassroots.cases.errors import CaseRefused
    from grassroots.cases.models import Case

    if not item.active:
        raise OfferRefused("invalid", _("This service is no longer on the menu."))
    home = area or _home_of(actor)
    if home is None:
        raise OfferRefused(
            "invalid", _("Your home is not on record; ask your community to add it.")
        )
    note = _clean(note, 2000) or item.description or item.name
    try:
        case = cases.submit_case(
            actor=actor,
            kind=Case.Kind.SERVICE,
            category=item.category,
            title=item.name,
            description=note,
            area=home,
        )
        cases.publish_service_order(case=case)
    except CaseRefused as refused:
        raise OfferRefused(refused.code, str(refused.message), refused.fields) from refused
    return case


def _home_of(user) -> Area | None:
    from grassroots.people.models import Person

    person = Person.objects.filter(user=user).select_related("home_area").first()
    if person is None or person.home_area is None:
        return None
    if person.home_area.level in (Area.Level.COMPOUND, Area.Level.BUILDING):
        return person.home_area
    return None
