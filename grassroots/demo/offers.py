"""The demo's double reporting: 82 units in their communities, 1,546 members in their compounds,
pairings that leave no community or compound uncovered, agreements with both lists for the three
named communities, and the service menu. Written in bulk; running it again changes nothing."""

import random
from datetime import date

from grassroots.areas.models import Area
from grassroots.cases.models import Category
from grassroots.offers.models import (
    GroupLeader,
    HouseholdPairing,
    Offer,
    Partnership,
    Registration,
    ServiceItem,
    ServiceTeam,
)
from grassroots.offers.reporting import team_for
from grassroots.party.models import PartyMember, PartyOrg
from grassroots.people.models import Household
from grassroots.units.models import Pairing, Unit

SKILLS = [
    ("党务工作", "给小区党员讲党课"),
    ("摄影、写作", "宣传小区好人好事"),
    ("法律咨询", "调解邻里纠纷"),
    ("会计", "帮小区理清物业账目"),
    ("环境整治", "周末清理楼道杂物"),
    ("护理", "陪护独居老人"),
    ("理发", "每月义剪"),
    ("中小学辅导", "给孩子辅导作业"),
]
AVAILABILITY = ["周末", "工作日晚上", "每月第一个周六", "节假日"]
# Three named communities' agreements: unit → its offers (title, category, capacity, period).
AGREEMENTS = {
    "城北社区": ("县中医医院", [
        ("义诊", "health", 2, "month"), ("健康讲座", "health", 1, "month"),
    ]),
    "城南社区": ("县人民法院", [
        ("送法进社区", "legal", 1, "month"), ("法律咨询", "legal", 4, "month"),
    ]),
    "城东社区": ("县市场监管局", [("家庭用药讲解", "health", 1, "month")]),
}  # fmt: skip
MENU = [
    ("上门送学", ServiceTeam.GUIDANCE, "other", "为行动不便的党员、居民上门送学"),
    ("政策宣讲", ServiceTeam.PROPAGANDA, "other", "讲解惠民政策"),
    ("矛盾调解", ServiceTeam.SAFETY, "neighbours", "调解邻里矛盾"),
    ("代办服务", ServiceTeam.AFFAIRS, "other", "代办证件、缴费等事项"),
    ("楼道清洁", ServiceTeam.CIVILITY, "sanitation", "清理楼道杂物"),
    ("义务辅导", ServiceTeam.WARMTH, "other", "为孩子辅导作业"),
    ("聊天陪护", ServiceTeam.WARMTH, "elderly", "陪独居老人聊天、散步"),
    ("爱心义剪", ServiceTeam.WARMTH, "elderly", "上门理发"),
]


THEME = "党建聚力·幸福零距离"
# The theme activity's three services: offer, compound, community.
THEME_SERVICES = [
    ("义诊", "晋新小区", "城北社区"),
    ("送法进社区", "禹泽苑", "城南社区"),
    ("家庭用药讲解", "梧桐苑", "城东社区"),
]


def seed_offers(
    communities: dict[str, Area], compounds: dict[str, Area], *, history: bool = True
) -> None:
    """Registrations, pairings, agreements with their lists, the service menu and (with the
    demo's history) the theme activity held last month."""
    rng = random.Random(82)
    start = date(2024, 3, 1)
    _pair_communities(communities)
    _register_units(rng, start)
    _register_members(rng, start)
    _households_and_groups(compounds)
    _agreements(communities)
    _menu()
    if history:
        _theme_activity(communities, compounds)


def _theme_activity(communities: dict[str, Area], compounds: dict[str, Area]) -> None:
    """党建聚力·幸福零距离: each community requested its partner's service, the unit signed,
    held it and reported it done, and the community rated it — all last month, so this month's
    slots are untouched."""
    from datetime import datetime, timedelta

    from django.utils import timezone

    from grassroots.cases import services as cases
    from grassroots.demo.cases import _backdate
    from grassroots.demo.year import _community_staff, _liaisons
    from grassroots.offers.models import OfferRequest
    from grassroots.offers.services import period_start, request_offer

    this_month = period_start("month", timezone.localdate())
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    for i, (title, compound_name, community_name) in enumerate(THEME_SERVICES):
        offer = Offer.objects.select_related("unit").get(title=title)
        if OfferRequest.objects.filter(offer=offer, case__description__startswith=THEME).exists():
            continue
        staff = _community_staff(communities[community_name], 20 + i)
        liaison = _liaisons([offer.unit])[offer.unit.pk]
        compound = compounds[compound_name]
        note = f"{THEME}主题活动：{offer.unit.name}到{compound.name}开展{title}。"
        request = request_offer(actor=staff, offer=offer, compound=compound, note=note)
        case = request.case
        cases.accept_case(actor=liaison, case=case)
        cases.complete_case(actor=liaison, case=case, note=f"{title}已在{compound.name}开展。")
        cases.rate_case(actor=staff, case=case, rating="satisfied", comment="居民反响很好")
        OfferRequest.objects.filter(pk=request.pk).update(period_start=last_month)
        held = datetime.combine(last_month + timedelta(days=9 + 3 * i), datetime.min.time())
        _backdate(case, timezone.make_aware(held.replace(hour=9)))


def _pair_communities(communities: dict[str, Area]) -> None:
    """Each unit is also paired with the community it reports to (so every community is)."""
    existing = set(Pairing.objects.values_list("unit_id", "area_id"))
    Pairing.objects.bulk_create(
        Pairing(unit=u, area_id=u.community_id, since=date(2024, 3, 1))
        for u in Unit.objects.exclude(community=None)
        if (u.pk, u.community_id) not in existing
    )


def _register_units(rng: random.Random, start: date) -> None:
    done = set(Registration.objects.exclude(unit=None).values_list("unit_id", flat=True))
    Registration.objects.bulk_create(
        Registration(
            unit=u,
            area_id=u.community_id,
            reported_on=start.replace(day=rng.randint(1, 28)),
            contact_name=f"{u.name}联络员",
            can_offer="志愿服务、结对帮扶",
            channel=Registration.Channel.STAFF,
        )
        for u in Unit.objects.exclude(community=None).order_by("pk")
        if u.pk not in done
    )


def _register_members(rng: random.Random, start: date) -> None:
    done = set(Registration.objects.exclude(member=None).values_list("member_id", flat=True))
    rows = []
    for member in PartyMember.objects.filter(in_service=True).order_by("pk"):
        if member.pk in done:
            continue
        skills, intentions = rng.choice(SKILLS)
        rows.append(
            Registration(
                member=member,
                area_id=member.home_compound_id,
                reported_on=date(start.year, rng.randint(3, 12), rng.randint(1, 28)),
                skills=skills,
                intentions=intentions,
                availability=rng.choice(AVAILABILITY),
                service_team=team_for(skills, intentions),
                channel=rng.choice(list(Registration.Channel)),
            )
        )
    Registration.objects.bulk_create(rows, batch_size=500)


def _households_and_groups(compounds: dict[str, Area]) -> None:
    """党员中心户 look after the households of their building; 楼栋党小组长 lead their building.

    Only members flagged as such get pairings, so some households stay uncovered: the coverage
    view has real gaps to show."""
    households: dict[str, list[Household]] = {}
    for h in Household.objects.select_related("building").order_by("building__path", "door"):
        households.setdefault(Area.cut(h.building.path, Area.Level.COMPOUND), []).append(h)
    taken = set(HouseholdPairing.objects.values_list("household_id", flat=True))
    pairings, leaders = [], []
    led = set(GroupLeader.objects.values_list("building_id", flat=True))
    buildings: dict[str, list[Area]] = {}
    for b in Area.objects.filter(level=Area.Level.BUILDING).order_by("path"):
        buildings.setdefault(Area.cut(b.path, Area.Level.COMPOUND), []).append(b)
    members = PartyMember.objects.select_related("home_compound").order_by("pk")
    for member in members:
        path = member.home_compound.path
        if member.central_household:
            for household in households.get(path, [])[:3]:
                if household.pk not in taken:
                    taken.add(household.pk)
                    pairings.append(
                        HouseholdPairing(member=member, household=household, role="central")
                    )
        if member.building_group_leader:
            free = [b for b in buildings.get(path, []) if b.pk not in led]
            if free:
                led.add(free[0].pk)
                leaders.append(GroupLeader(member=member, building=free[0]))
    HouseholdPairing.objects.bulk_create(pairings)
    GroupLeader.objects.bulk_create(leaders)


def _agreements(communities: dict[str, Area]) -> None:
    for community_name, (unit_name, offers) in AGREEMENTS.items():
        community = communities[community_name]
        unit = Unit.objects.get(name=unit_name)
        partnership, _created = Partnership.objects.get_or_create(
            community=community,
            unit=unit,
            defaults={
                "signed_on": date(2024, 4, 1),
                "community_org": PartyOrg.objects.filter(area=community).first(),
                "unit_org": PartyOrg.objects.filter(unit=unit).first(),
                "note": "党建聚力·幸福零距离",
            },
        )
        for title, category, capacity, period in offers:
            Offer.objects.get_or_create(
                unit=unit,
                title=title,
                defaults={
                    "partnership": partnership,
                    "category": Category.objects.get(code=category),
                    "capacity": capacity,
                    "period": period,
                    "description": f"{unit.name}{title}",
                },
            )


def _menu() -> None:
    for order, (name, team, category, description) in enumerate(MENU):
        ServiceItem.objects.get_or_create(
            name=name,
            defaults={
                "team": team,
                "category": Category.objects.get(code=category),
                "description": description,
                "order": order,
            },
        )
