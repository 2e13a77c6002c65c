"""Another county beside the demo's 夏县, under the same city, holding one of everything — the
objects every role of 夏县 must not reach (404) and no read-only role may change."""

import datetime as dt
from types import SimpleNamespace

import pytest

from grassroots.accounts.models import Role
from grassroots.areas.models import Area
from grassroots.cases import services as cases
from grassroots.cases.models import Case, Category
from grassroots.conftest import make_user
from grassroots.governance import services as governance
from grassroots.governance.models import Body, Disclosure
from grassroots.offers.models import Registration
from grassroots.party.models import PartyMember, PartyOrg
from grassroots.people.models import Household, Person
from grassroots.units.models import Pairing, Unit
from grassroots.venues.models import Room, Venue
from grassroots.volunteering.models import Team, Volunteer

# Every demo login (夏县 and the city): the insiders of the matrix.
XIAXIAN_LOGINS = (
    "resident",
    "gridworker",
    "staff",
    "secretary",
    "liaison",
    "member",
    "volunteer",
    "admin",
    "auditor",
)


def _place(parent: Area, name: str, level: str) -> Area:
    child = Area.objects.add_child(parent, instance=Area(name=name, level=level))
    parent.refresh_from_db()
    return child


@pytest.fixture
def elsewhere(city):
    """垣曲县 with a community, a compound, a building, its people, units and records."""
    county = _place(city, "垣曲县", Area.Level.COUNTY)
    county.code = "140827000000"
    county.save(update_fields=["code"])
    street = _place(county, "新城镇", Area.Level.STREET)
    community = _place(street, "府前社区", Area.Level.COMMUNITY)
    compound = _place(community, "府前小区", Area.Level.COMPOUND)
    building = _place(compound, "1号楼", Area.Level.BUILDING)
    household = Household.objects.create(building=building, door="101")
    resident = make_user("yq_resident", Role.RESIDENT, area=compound)
    person = Person.objects.create(
        name="吕秀英", gender="F", mobile="13712340000", home_area=building,
        household=household, user=resident,
    )  # fmt: skip
    staff = make_user("yq_staff", Role.COMMUNITY_STAFF, area=community)
    court = Unit.objects.create(name="县人民法院", code="YQ001", area=county, community=community)
    liaison = make_user("yq_liaison", Role.UNIT_LIAISON, unit=court)
    court.liaisons.add(liaison)
    org = PartyOrg.objects.add_root(
        instance=PartyOrg(name="中共府前社区支部", kind=PartyOrg.Kind.BRANCH, area=community)
    )
    member = PartyMember.objects.create(
        person=person, org=org, in_service=True, workplace=court, home_compound=compound
    )
    category = Category.objects.get(code="drainage")

    def report(title: str) -> Case:
        return cases.submit_case(
            actor=resident, kind=Case.Kind.PROBLEM, category=category, title=title,
            description=f"{title}，请尽快处理。", area=compound,
        )  # fmt: skip

    submitted = report("府前下水道堵塞")
    published = cases.publish_case(
        actor=staff, case=cases.triage_case(actor=staff, case=report("府前楼道灯不亮"))
    )
    Pairing.objects.create(unit=court, area=compound)  # so the dispatch issues a card
    dispatched = cases.triage_case(actor=staff, case=report("府前路面塌陷"))
    card = cases.dispatch_case(actor=staff, case=dispatched, lead=court)
    registration = Registration.objects.create(
        unit=court, area=community, reported_on=dt.date(2026, 3, 1), channel="staff"
    )
    team = Team.objects.create(name="府前社区志愿服务队", community=community)
    volunteer = Volunteer.objects.create(person=person)
    venue = Venue.objects.create(
        name="府前社区党群服务中心", kind=Venue.Kind.CENTRE, area=community
    )
    room = Room.objects.create(venue=venue, name="议事室", kind=Room.Kind.MEETING)
    body = Body.objects.create(
        compound=compound, kind=Body.Kind.RESIDENTS_COMMITTEE, name="府前小区居民自治管理委员会",
        term_starts=dt.date(2025, 1, 1), term_ends=dt.date(2028, 1, 1),
    )  # fmt: skip
    disclosure = governance.draft_disclosure(
        actor=staff, area=community, category=Disclosure.Category.RESIDENCE,
        title="第四季度居务公开", body="小区路面硬化。", period="2026年第四季度",
    )  # fmt: skip
    return SimpleNamespace(**{k: v for k, v in locals().items() if k not in ("report", "city")})
