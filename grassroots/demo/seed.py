"""Build the demo county deterministically; running it again changes nothing."""

import random
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction

from grassroots.accounts.models import BACK_OFFICE_ROLES, Role, RoleAssignment, User
from grassroots.areas.models import Area, Grid
from grassroots.demo import data
from grassroots.party.models import PartyMember, PartyOrg
from grassroots.people.models import Household, Person
from grassroots.units.models import Unit

L = Area.Level
OLD_GROUPS = ("县委组织部管理员", "审计员")


def _city() -> Area:
    """The tree's root, 运城市: found by its code (a tree moved under a city by the migration
    has the code and a placeholder name), else created."""
    name, code = data.CITY
    city = Area.objects.filter(depth=1, code=code).first()
    if city is None:
        return Area.objects.add_root(instance=Area(name=name, level=L.CITY, code=code))
    if city.name != name:
        Area.objects.filter(pk=city.pk).update(name=name)
        city.name = name
    return city


def _child(parent: Area, name: str, level: str, **attrs) -> Area:
    """The child of `parent` called `name`, created with `attrs` if it is missing."""
    node = Area.objects.filter(
        path__startswith=parent.path, depth=parent.depth + 1, name=name
    ).first()
    if node is None:
        node = Area.objects.add_child(parent, instance=Area(name=name, level=level, **attrs))
        parent.refresh_from_db()
    return node


def _compound_plan() -> list[tuple[str, str, dict]]:
    """(community, compound name, attributes) for all 106 compounds, always the same."""
    rng = random.Random(828)
    named = [(c, n) for c, names in data.COMMUNITIES.items() for n in names]
    taken = {n for _, n in named}
    pool = [s + k for s in data.COMPOUND_STEMS for k in data.COMPOUND_KINDS]
    rng.shuffle(pool)
    generated = [n for n in pool if n not in taken][: data.COMPOUND_TOTAL - len(named)]
    communities = list(data.COMMUNITIES)
    plan = named + [(communities[i % len(communities)], n) for i, n in enumerate(generated)]
    extra = data.THREE_WITHOUT_TOTAL - len(data.THREE_WITHOUT_NAMED)
    three_without = set(data.THREE_WITHOUT_NAMED) | set(rng.sample(generated, extra))
    result = []
    centres = {c: _community_centre(i) for i, c in enumerate(communities)}
    for community, name in plan:
        flag = name in three_without
        lat, lng = centres[community]
        attrs = {
            # Approximate positions inside the county town, for locating map points.
            "latitude": Decimal(lat + rng.uniform(-0.004, 0.004)).quantize(MICRO),
            "longitude": Decimal(lng + rng.uniform(-0.005, 0.005)).quantize(MICRO),
            "build_year": rng.randint(1982, 1999),
            "households": rng.randint(36, 320),
            "no_property_management": flag,
            "no_responsible_department": flag,
            "no_security": flag,
        }
        result.append((community, name, attrs))
    return result


TOWN_CENTRE = (35.1405, 111.2203)  # 夏县's county town, roughly
MICRO = Decimal("0.000001")


def _community_centre(index: int) -> tuple[float, float]:
    """Each community a little way from the town centre, in turn to the north, east, …"""
    d_lat, d_lng = [(0.006, 0), (0, 0.008), (-0.006, 0), (0, -0.008), (0.006, 0.008)][index % 5]
    return TOWN_CENTRE[0] + d_lat, TOWN_CENTRE[1] + d_lng


def _id_number(birth: date, seq: int) -> str:
    """A synthetic ID number in the national format (region 140828, valid check digit)."""
    body = f"140828{birth:%Y%m%d}{seq % 1000:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(body, weights, strict=True))
    return body + "10X98765432"[total % 11]


def _name(rng: random.Random) -> str:
    given = rng.choice(data.GIVEN) + (rng.choice(data.GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(data.SURNAMES) + given


@transaction.atomic
def seed_demo(*, history: bool = True) -> dict[str, int]:
    """Create or complete 夏县 with its places, units, party, people, grids and demo logins.

    `history=False` leaves out the past (tests that only need the county): the year of past
    demands, volunteering and duty, and the compounds' assessment history and projects.
    """
    county_name, county_code = data.COUNTY
    city = _city()
    county = _child(city, county_name, L.COUNTY, code=county_code)
    street = _child(county, data.STREET, L.STREET)
    communities = {name: _child(street, name, L.COMMUNITY) for name in data.COMMUNITIES}
    compounds = {}
    for community, name, attrs in _compound_plan():
        compounds[name] = _child(communities[community], name, L.COMPOUND, **attrs)
    buildings = _buildings(compounds)
    units = _units(county, communities)
    branches = _party_orgs(county, communities, compounds, units)
    residents = _residents(buildings)
    members = _members(compounds, units, branches)
    _grids(communities, buildings)
    _logins(city, county, communities, compounds, units, residents, members)
    from grassroots.demo.cases import seed_cases, seed_pairings_and_teams

    seed_pairings_and_teams(compounds, communities)
    seed_cases(compounds, communities, history=history)
    from grassroots.demo.offers import seed_offers

    seed_offers(communities, compounds, history=history)  # after seed_cases' taxonomy
    from grassroots.demo.volunteering import seed_volunteering

    seed_volunteering(communities, compounds, history=history)
    from grassroots.demo.venues import seed_duty, seed_venues

    seed_venues(communities, compounds)
    from grassroots.demo.governance import seed_governance
    from grassroots.governance.criteria import ensure_criteria_sets

    ensure_criteria_sets()  # the campaign's checklists: data, not history
    if history:
        seed_duty(communities)
        seed_governance(communities, compounds)
    return {
        "compounds": len(compounds),
        "units": len(units),
        "members": len(members),
        "residents": len(residents),
    }


def _buildings(compounds: dict[str, Area]) -> dict[str, list[Area]]:
    result = {}
    for i, (name, compound) in enumerate(compounds.items()):
        count = 2 + (i * 7) % 5
        result[name] = [_child(compound, f"{n}号楼", L.BUILDING) for n in range(1, count + 1)]
    return result


def _units(county: Area, communities: dict[str, Area]) -> list[Unit]:
    community_list = list(communities.values())
    units = []
    for i, name in enumerate(data.UNITS):
        unit, _ = Unit.objects.get_or_create(
            code=f"XX{i + 1:03d}",
            defaults={
                "name": name,
                "kind": Unit.Kind.COUNTY_DEPARTMENT,
                "area": county,
                "community": community_list[i % len(community_list)],
            },
        )
        units.append(unit)
    return units


def _org(parent: PartyOrg | None, name: str, kind: str, area: Area, **attrs) -> PartyOrg:
    if parent is None:
        found = PartyOrg.objects.filter(depth=1, name=name).first()
        return found or PartyOrg.objects.add_root(
            instance=PartyOrg(name=name, kind=kind, area=area, **attrs)
        )
    found = PartyOrg.objects.filter(
        path__startswith=parent.path, depth=parent.depth + 1, name=name
    ).first()
    if found is None:
        found = PartyOrg.objects.add_child(
            parent, instance=PartyOrg(name=name, kind=kind, area=area, **attrs)
        )
        parent.refresh_from_db()
    return found


def _party_orgs(county, communities, compounds, units) -> dict[int, PartyOrg]:
    """The community working committee with its branches, and one branch per county unit."""
    K = PartyOrg.Kind
    committee = _org(None, "中共夏县城市社区工作委员会", K.WORKING_COMMITTEE, county)
    for name, community in communities.items():
        general = _org(committee, f"中共夏县{name}总支部委员会", K.GENERAL_BRANCH, community)
        for compound in compounds.values():
            if compound.is_three_without and compound.path.startswith(community.path):
                _org(general, f"{compound.name}兼合式党支部", K.JOINT_BRANCH, compound, joint=True)
    organs = _org(None, "中共夏县直属机关工作委员会", K.WORKING_COMMITTEE, county)
    return {u.pk: _org(organs, f"{u.name}党支部", K.BRANCH, county, unit=u) for u in units}


def _residents(buildings: dict[str, list[Area]]) -> list[Person]:
    """Three households a building with one to three synthetic residents each."""
    rng = random.Random(2026)
    wanted: list[Person] = []
    seq = 0
    for compound_buildings in buildings.values():
        for building in compound_buildings:
            for door in ("101", "102", "201"):
                household, _ = Household.objects.get_or_create(building=building, door=door)
                for _n in range(rng.randint(1, 3)):
                    seq += 1
                    birth = date(rng.randint(1940, 2010), rng.randint(1, 12), rng.randint(1, 28))
                    wanted.append(
                        Person(
                            name=_name(rng),
                            gender=rng.choice("MF"),
                            birth_year=birth.year,
                            mobile=f"137{seq:08d}",
                            id_number=_id_number(birth, 500 + seq),
                            household=household,
                            home_area=building,
                        )
                    )
    return _bulk_people(wanted)


def _bulk_people(wanted: list[Person]) -> list[Person]:
    """Insert the people not there yet (keyed by ID number) and return all of them."""
    numbers = [p.id_number for p in wanted]
    existing = set(Person.objects.filter(id_number__in=numbers).values_list("id_number", flat=True))
    Person.objects.bulk_create([p for p in wanted if p.id_number not in existing], batch_size=500)
    by_number = {p.id_number: p for p in Person.objects.filter(id_number__in=numbers)}
    return [by_number[n] for n in numbers]


def _members(compounds, units, branches) -> list[PartyMember]:
    """1,546 in-service party members, each with a workplace unit and a home compound."""
    rng = random.Random(1546)
    compound_list = list(compounds.values())
    plan = []
    for i in range(data.IN_SERVICE_MEMBERS):
        birth = date(rng.randint(1962, 2001), rng.randint(1, 12), rng.randint(1, 28))
        home = rng.choice(compound_list)
        unit = units[i % len(units)] if i < len(units) else rng.choice(units)
        person = Person(
            name=_name(rng),
            gender=rng.choice("MF"),
            birth_year=birth.year,
            mobile=f"138{i + 1:08d}",
            id_number=_id_number(birth, i),
            home_area=home,
        )
        joined = date(rng.randint(max(birth.year + 19, 1985), 2024), rng.randint(1, 12), 1)
        plan.append((person, unit, home, joined, i % 23 == 0, i % 11 == 0))
    people = _bulk_people([p for p, *_ in plan])
    have = set(PartyMember.objects.filter(person__in=people).values_list("person_id", flat=True))
    PartyMember.objects.bulk_create(
        [
            PartyMember(
                person=person,
                org=branches[unit.pk],
                in_service=True,
                workplace=unit,
                home_compound=home,
                joined_on=joined,
                building_group_leader=leader,
                central_household=central,
            )
            for person, (_p, unit, home, joined, leader, central) in zip(people, plan, strict=True)
            if person.pk not in have
        ],
        batch_size=500,
    )
    return list(PartyMember.objects.filter(person__in=people).select_related("person"))


def _grids(communities: dict[str, Area], buildings: dict[str, list[Area]]) -> None:
    """Split each community's buildings into grids of about forty, each with a grid worker."""
    rng = random.Random(88)
    for c_index, (name, community) in enumerate(communities.items(), start=1):
        own = [b for bs in buildings.values() for b in bs if b.path.startswith(community.path)]
        chunks = [own[i : i + 40] for i in range(0, len(own), 40)]
        for g_index, chunk in enumerate(chunks, start=1):
            grid, created = Grid.objects.get_or_create(
                code=f"XX-{c_index:02d}-{g_index:02d}",
                defaults={"community": community, "name": f"{name}第{g_index}网格"},
            )
            if created:
                grid.buildings.set(chunk)
                username = f"grid{c_index:02d}{g_index:02d}"
                worker = User.objects.filter(username=username).first()
                if worker is None:
                    worker = User(username=username, full_name=_name(rng))
                    worker.set_unusable_password()
                    worker.save()
                RoleAssignment.objects.get_or_create(
                    user=worker, role=Role.GRID_WORKER, area=community, unit=None
                )
                grid.workers.add(worker)


def _logins(city, county, communities, compounds, units, residents, members) -> None:
    """One demo login per role, scoped as its role needs."""
    places = {city.name: city, county.name: county, **communities, **compounds}
    unit_by_name = {u.name: u for u in units}
    # Back-office permissions come from the roles; the groups an earlier demo made go.
    Group.objects.filter(name__in=OLD_GROUPS).delete()
    for username, full_name, mobile, role, where in data.LOGINS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, full_name=full_name, mobile=mobile)
            user.set_password(data.PASSWORD)
            user.save()
        scope: dict[str, Any] = {"area": None, "unit": None}
        if where.startswith("unit:"):
            scope["unit"] = unit_by_name[where.removeprefix("unit:")]
            scope["unit"].liaisons.add(user)
        else:
            scope["area"] = places[where]
        RoleAssignment.objects.get_or_create(user=user, role=role, **scope)
        if role in BACK_OFFICE_ROLES:
            User.objects.filter(pk=user.pk).update(is_staff=True)
        if role == Role.GRID_WORKER:
            Grid.objects.get(code="XX-01-01").workers.add(user)
        _link_person(user, role, places[where] if scope["area"] else None, residents, members)


def _link_person(user, role, area, residents, members) -> None:
    """Give the resident and party-member logins a home: the first person living there."""
    if role == Role.RESIDENT:
        pool = [p for p in residents if p.home_area.path.startswith(area.path)]
    elif role == Role.PARTY_MEMBER:
        pool = [m.person for m in members if m.home_compound_id == area.pk]
    else:
        return
    if Person.objects.filter(user=user).exists() or not pool:
        return
    Person.objects.filter(pk=pool[0].pk).update(user=user)
    User.objects.filter(pk=user.pk).update(full_name=pool[0].name)
