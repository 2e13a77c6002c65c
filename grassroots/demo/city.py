"""A prefecture city for load: the demo county and twelve more, with their streets, communities,
compounds and buildings, units, party members and their reports, volunteers and a monthly
activity per community with its attendance and hours, then cases up to the total asked for.

The county names are 运城市's thirteen county-level divisions; everything below a county
(street and community names, people) is synthetic. Rows are written in batches, without the
services (no notifications, no audit lines): this is load for measuring the dashboards, not
history anyone acted on. Running it again adds only what is missing.
"""

import datetime as dt
import io
import random
from collections.abc import Callable
from decimal import Decimal

import openpyxl
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from grassroots.accounts.models import Role
from grassroots.areas.models import Area
from grassroots.cases.models import Case
from grassroots.demo import data
from grassroots.ledgers.columns import UNITS as UNIT_LEDGER
from grassroots.ledgers.services import import_ledger
from grassroots.offers.models import Registration
from grassroots.party.models import PartyMember, PartyOrg
from grassroots.people.models import Person
from grassroots.units.models import Unit
from grassroots.volunteering.models import (
    Activity,
    Enrollment,
    Membership,
    Occurrence,
    ServiceRecord,
    Team,
    Volunteer,
)

# The other twelve county-level divisions of 运城市 (夏县 is the demo county).
COUNTIES = [
    "盐湖区",
    "永济市",
    "河津市",
    "临猗县",
    "万荣县",
    "闻喜县",
    "稷山县",
    "新绛县",
    "绛县",
    "垣曲县",
    "平陆县",
    "芮城县",
]
# Streets per county, communities per street, compounds per community, buildings per compound.
SHAPE = (8, 10, 8, 4)
DEPARTMENTS = 60  # county departments per county, besides one stationed unit per community
BATCH = 5000
STREET_DEPTH = Area.depth_of(Area.Level.STREET)
COMMUNITY_DEPTH = Area.depth_of(Area.Level.COMMUNITY)
COMPOUND_DEPTH = Area.depth_of(Area.Level.COMPOUND)
BUILDING_DEPTH = Area.depth_of(Area.Level.BUILDING)
Progress = Callable[[str], None]


def _name(rng: random.Random) -> str:
    given = rng.choice(data.GIVEN) + (rng.choice(data.GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(data.SURNAMES) + given


def _nodes(model, parent_path: str, depth: int, start: int, rows: list[dict]) -> list:
    """Materialised-path nodes for `rows` under `parent_path` (numbered from `start`)."""
    return [
        model(
            path=model._get_path(parent_path, depth, start + i),
            depth=depth,
            **{"numchild": 0, **row},
        )
        for i, row in enumerate(rows)
    ]


def _add_county(city: Area, name: str, step: int, rng: random.Random, shape=SHAPE) -> Area:
    """A county of the city with its streets, communities, compounds and buildings, written
    level by level."""
    streets_n, communities_n, compounds_n, buildings_n = shape
    county = Area.objects.create(
        path=Area._get_path(city.path, city.depth + 1, step),
        depth=city.depth + 1,
        numchild=streets_n,
        name=name,
        level=Area.Level.COUNTY,
    )
    Area.objects.filter(pk=city.pk).update(numchild=F("numchild") + 1)
    streets = _nodes(
        Area,
        county.path,
        STREET_DEPTH,
        1,
        [
            {"name": f"{name}第{i + 1}街道", "level": Area.Level.STREET, "numchild": communities_n}
            for i in range(streets_n)
        ],
    )
    Area.objects.bulk_create(streets)
    communities = []
    for s, street in enumerate(streets):
        communities += _nodes(
            Area,
            street.path,
            COMMUNITY_DEPTH,
            1,
            [
                {
                    "name": f"{name}{s + 1}街{i + 1}社区",
                    "level": Area.Level.COMMUNITY,
                    "numchild": compounds_n,
                }
                for i in range(communities_n)
            ],
        )
    Area.objects.bulk_create(communities)
    compounds = []
    for community in communities:
        compounds += _nodes(
            Area,
            community.path,
            COMPOUND_DEPTH,
            1,
            [
                {
                    "name": f"{community.name}{rng.choice(data.COMPOUND_STEMS)}"
                    f"{rng.choice(data.COMPOUND_KINDS)}{i + 1}",
                    "level": Area.Level.COMPOUND,
                    "numchild": buildings_n,
                    "households": rng.randint(36, 320),
                }
                for i in range(compounds_n)
            ],
        )
    Area.objects.bulk_create(compounds, batch_size=BATCH)
    buildings = []
    for compound in compounds:
        buildings += _nodes(
            Area,
            compound.path,
            BUILDING_DEPTH,
            1,
            [{"name": f"{i + 1}号楼", "level": Area.Level.BUILDING} for i in range(buildings_n)],
        )
    Area.objects.bulk_create(buildings, batch_size=BATCH)
    return county


def _department_name(i: int) -> str:
    """The i-th county department: the demo county's names (县人民法院, 县民政局, …), which every
    county has, then numbered ones."""
    return data.UNITS[i] if i < len(data.UNITS) else f"县直第{i + 1}单位"


def _add_units(county: Area, importer, rng: random.Random) -> list[Unit]:
    """The county's departments and one stationed unit per community, loaded through the unit
    ledger import as the city's organisation department would load them: the departments bear
    the same names in every county."""
    communities = list(Area.objects.filter(path__startswith=county.path, depth=COMMUNITY_DEPTH))
    prefix = county.code or county.path
    departments = [
        (
            f"{county.code or county.path}-d{i + 1}",
            _department_name(i),
            "县直单位",
            rng.choice(communities),
        )
        for i in range(DEPARTMENTS)
    ]
    stationed = [
        (f"{prefix}-s{i + 1}", f"{c.name}驻区单位", "驻区单位", c)
        for i, c in enumerate(communities)
    ]
    result = import_ledger(actor=importer, kind="units", file=_unit_ledger(departments + stationed))
    if not result.ok:
        raise ValueError("; ".join(str(issue) for issue in result.issues[:5]))
    units = list(Unit.objects.filter(area=county).select_related("community"))
    today = timezone.localdate()
    Registration.objects.bulk_create(
        Registration(
            unit=u,
            area=u.community,
            reported_on=today - dt.timedelta(days=rng.randrange(1000)),
            channel=Registration.Channel.STAFF,
        )
        for u in units
        if rng.random() < 0.85
    )
    return units


def _add_members(county: Area, count: int, units: list[Unit], rng: random.Random) -> None:
    """`count` party members living in the county's compounds; most in service and reported."""
    org = PartyOrg.objects.filter(area=county, depth=1).first()
    if org is None:
        last = PartyOrg.objects.get_last_root_node()
        step = PartyOrg._str2int(last.path[: PartyOrg.steplen]) + 1 if last else 1
        org = PartyOrg(
            path=PartyOrg._get_path("", 1, step),
            depth=1,
            numchild=0,
            name=f"中共{county.name}委员会",
            kind=PartyOrg.Kind.COMMITTEE,
            area=county,
        )
        org.save()
    compounds = list(Area.objects.filter(path__startswith=county.path, depth=COMPOUND_DEPTH))
    today = timezone.localdate()
    for start in range(0, count, BATCH):
        size = min(BATCH, count - start)
        with transaction.atomic():
            people = Person.objects.bulk_create(
                Person(name=_name(rng), home_area=rng.choice(compounds)) for _ in range(size)
            )
            members = PartyMember.objects.bulk_create(
                PartyMember(
                    person=p,
                    org=org,
                    in_service=(working := rng.random() < 0.8),
                    workplace=rng.choice(units) if working else None,
                    home_compound_id=p.home_area_id,
                    joined_on=today - dt.timedelta(days=rng.randrange(365 * 30)),
                )
                for p in people
            )
            Registration.objects.bulk_create(
                Registration(
                    member=m,
                    area_id=m.home_compound_id,
                    reported_on=today - dt.timedelta(days=rng.randrange(1000)),
                    channel=Registration.Channel.SELF,
                )
                for m in members
                if m.in_service and rng.random() < 0.9
            )


def _add_volunteering(county: Area, per_community: int, rng: random.Random, organiser) -> None:
    """Per community: a team, its volunteers, a monthly activity over three years, held, each
    date attended by some of the team with their hours in the service ledger."""
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    first = dt.date(today.year - 3, today.month, 1)
    for community in Area.objects.filter(path__startswith=county.path, depth=COMMUNITY_DEPTH):
        compounds = list(Area.objects.filter(path__startswith=community.path, depth=COMPOUND_DEPTH))
        with transaction.atomic():
            team = Team.objects.create(name=f"{community.name}志愿服务队", community=community)
            people = Person.objects.bulk_create(
                Person(name=_name(rng), home_area=rng.choice(compounds))
                for _ in range(per_community)
            )
            volunteers = Volunteer.objects.bulk_create(
                Volunteer(person=p, joined_on=first) for p in people
            )
            Membership.objects.bulk_create(
                Membership(team=team, volunteer=v, joined_on=first) for v in volunteers
            )
            activity = Activity.objects.create(
                title="邻里互助日",
                community=community,
                team=team,
                place=f"{community.name}党群服务中心",
                first_day=first,
                start_time=dt.time(9),
                end_time=dt.time(11),
                rrule="FREQ=MONTHLY",
                rule_label="每月",
                capacity=20,
                organiser=organiser,
            )
            occurrences = []
            day = first
            while day < today:
                start = dt.datetime.combine(day, dt.time(9), tz)
                occurrences.append(
                    Occurrence(
                        activity=activity,
                        original_start=start,
                        starts_at=start,
                        ends_at=start + dt.timedelta(hours=2),
                        status=Occurrence.Status.HELD,
                        capacity=20,
                        served_count=rng.randint(10, 40),
                        confirmed_at=start + dt.timedelta(hours=3),
                    )
                )
                day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
            occurrences = Occurrence.objects.bulk_create(occurrences)
            enrollments = []
            for o in occurrences:
                came = rng.sample(volunteers, min(len(volunteers), rng.randint(4, 9)))
                o.taken = len(came)
                enrollments += [
                    Enrollment(
                        occurrence=o,
                        volunteer=v,
                        status=Enrollment.Status.ATTENDED,
                        created_at=o.starts_at - dt.timedelta(days=3),
                        checked_in_at=o.starts_at,
                        checked_out_at=o.ends_at,
                        hours=Decimal("2.0"),
                    )
                    for v in came
                ]
            Occurrence.objects.bulk_update(occurrences, ["taken"])
            enrollments = Enrollment.objects.bulk_create(enrollments)
            by_volunteer = {v.pk: v.person_id for v in volunteers}
            ServiceRecord.objects.bulk_create(
                ServiceRecord(
                    person_id=by_volunteer[e.volunteer_id],
                    hours=e.hours,
                    served_on=timezone.localtime(e.checked_in_at).date(),
                    enrollment=e,
                    status=ServiceRecord.Status.CONFIRMED,
                    confirmed_at=e.checked_out_at,
                )
                for e in enrollments
            )


def _unit_ledger(rows) -> io.BytesIO:
    """An .xlsx unit ledger (单位台账) in the import's own template."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([column.header for column in UNIT_LEDGER.columns])
    for code, name, kind, community in rows:
        values = {"code": code, "name": name, "kind": kind, "community_name": community.name}
        sheet.append([values.get(column.key, "") for column in UNIT_LEDGER.columns])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "单位台账.xlsx"
    return buffer


def _city_admin():
    """Who loads the counties' ledgers: the city's organisation department (the demo login)."""
    users = get_user_model().objects
    found = users.filter(role_assignments__role=Role.CITY_ADMIN).order_by("pk").first()
    if found is None:
        raise ValueError("Load the demo first (manage.py seed_demo): it makes the city's login.")
    return found


def generate_city(
    *,
    cases: int,
    members: int,
    volunteers: int,
    seed: int = 2026,
    shape: tuple[int, int, int, int] = SHAPE,
    say: Progress = print,
) -> None:
    """Build the city around the demo county (which must be loaded) up to the totals asked."""
    rng = random.Random(seed)
    city = Area.objects.filter(level=Area.Level.CITY).order_by("path").first()
    if city is None:
        raise ValueError("Load the demo county first (manage.py seed_demo).")
    importer = _city_admin()
    users = get_user_model().objects.order_by("-is_superuser", "pk")
    organiser = users.filter(username="admin").first() or users.first()
    counties = Area.objects.filter(path__startswith=city.path, level=Area.Level.COUNTY)
    missing = [n for n in COUNTIES if not counties.filter(name=n).exists()]
    member_share = max(0, members - PartyMember.objects.count()) // max(1, len(missing))
    communities = len(COUNTIES) * shape[0] * shape[1]
    per_community = max(1, -(-(volunteers - Volunteer.objects.count()) // communities))
    for name in missing:
        last = counties.order_by("-path").first()
        step = Area._str2int(last.path[-Area.steplen :]) + 1 if last else 1
        with transaction.atomic():
            county = _add_county(city, name, step, rng, shape)
            units = _add_units(county, importer, rng)
        _add_members(county, member_share, units, rng)
        _add_volunteering(county, per_community, rng, organiser)
        say(f"{name}: areas, units, {member_share:,} party members, volunteers")
    more = cases - Case.objects.count()
    if more > 0:
        say(f"cases: adding {more:,}")
        call_command("generate_cases", count=more, seed=seed)
    say(
        f"{city.name}: {counties.count()} counties, "
        f"{Case.objects.count():,} cases, {PartyMember.objects.count():,} party members, "
        f"{Volunteer.objects.count():,} volunteers"
    )
