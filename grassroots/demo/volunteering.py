"""The demo's volunteering at 绛县's scale: 95 teams, 2,580 volunteers, a year of activities of
which 280 dates were held serving 8,420 residents, and 227 needs collected through the wish
wall and questionnaires. Activities are made by the activity service and dates confirmed by
the hours service; wishes and questionnaire needs go through the case services, so every
figure is counted from what the generator did."""

import datetime as dt
import random

from django.db.models import F
from django.utils import timezone

from grassroots.accounts.models import Role, RoleAssignment, User
from grassroots.areas.models import Area
from grassroots.cases import services as cases
from grassroots.cases.models import Case, Category, Event
from grassroots.cases.workflow import FINISHED
from grassroots.party.models import PartyMember
from grassroots.people.models import Person
from grassroots.units.models import Pairing, Unit
from grassroots.volunteering import services
from grassroots.volunteering.categories import ensure_starter_categories
from grassroots.volunteering.models import (
    Activity,
    Enrollment,
    Membership,
    Occurrence,
    Questionnaire,
    Team,
    TeamCategory,
    Volunteer,
)
from grassroots.volunteering.recurrence import Pattern
from grassroots.wishes.selectors import collected_needs
from grassroots.wishes.services import answer_questionnaire, post_wish

TEAMS = 95
VOLUNTEERS = 2580
HELD = 280
SERVED = 8420
NEEDS = 227
SKILLS = [
    "理发",
    "义诊",
    "辅导作业",
    "法律咨询",
    "文艺演出",
    "摄影",
    "维修家电",
    "陪护聊天",
    "环境整治",
    "宣讲",
]
AVAILABILITY = ["周末", "工作日晚上", "节假日", "每月第一个周六", "随时"]
WED, THU, FRI, SAT = 2, 3, 4, 5
MONTHLY = Pattern("monthday", day=18)
# title, community, place, pattern, start, end, places, team category code
ACTIVITIES = [
    ("爱心义剪", "城西社区", "城西社区党群服务中心", MONTHLY, "09:00", "11:30", 8, "specialty-6"),
    ("青少年儿童科普实验课堂", "城西社区", "城西社区党群服务中心四点半课堂",
     Pattern("last_weekend"), "15:00", "16:30", 12, "cyan"),
    ("传统文化知识讲座", "城西社区", "城西社区党群服务中心阅览室",
     Pattern("weekday_of_month", weekdays=(THU,), ordinal=1), "15:00", "16:30", 10, "specialty-2"),
    ("老年人健康义诊", "城北社区", "城北社区党群服务中心健康室",
     Pattern("weekly", weekdays=(WED,)), "14:30", "16:30", 6, "orange"),
    ("小区环境清洁日", "城北社区", "晋新小区",
     Pattern("weekday_of_month", weekdays=(SAT,), ordinal=2), "08:30", "10:30", 15, "green"),
    ("平安巡逻", "城南社区", "福瑞家园", Pattern("weekly", weekdays=(FRI, SAT)), "19:00", "21:00",
     6, "blue"),
    ("广场舞展演", "城南社区", "禹泽苑广场", Pattern("monthday", day=8), "19:00", "20:30", 20,
     "purple"),
    ("便民维修", "城东社区", "城东社区党群服务中心", Pattern("weekly", weekdays=(THU,)), "09:00",
     "11:00", 5, "yellow"),
    ("政策宣讲进小区", "城东社区", "梧桐苑", Pattern("monthday", day=25), "15:00", "16:30", 10,
     "red"),
]  # fmt: skip
# Activities run by units in communities, and a theme visit: unit, title, community, place.
UNIT_ACTIVITIES = [
    ("县人民法院", "送法进社区", "城南社区", "禹泽苑", Activity.Kind.UNIT),
    ("县市场监管局", "清理家庭小药箱", "城东社区", "梧桐苑", Activity.Kind.UNIT),
    ("县住房和城乡建设局", "在职党员清扫巷道", "城西社区", "火神庙后巷小区", Activity.Kind.UNIT),
    ("县委组织部", "红色故事进家门·走访老党员", "城北社区", "骨科小区", Activity.Kind.THEME_VISIT),
]
WISHES = [
    ("想要一副老花镜", "独居老人视力下降，想要一副合适的老花镜"),
    ("孩子想要一套课外书", "孩子喜欢读书，想要一套适合三年级的课外书"),
    ("想有人陪着说说话", "老人子女在外地，希望每周有人来陪着聊聊天"),
    ("想要一台血压计", "老人患高血压，想要一台电子血压计在家测量"),
    ("想学用智能手机", "老人想学会用手机视频通话和扫码"),
    ("希望楼道装个扶手", "老人上下楼不方便，希望楼道加装扶手"),
    ("想要一个书包", "孩子的书包坏了，想要一个新书包"),
    ("想理个发", "老人行动不便，想请人上门理发"),
]
QUESTIONS = ["助餐送餐", "上门理发", "健康义诊", "课后辅导", "法律咨询", "家电维修", "文体活动"]


def _at(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def seed_volunteering(
    communities: dict[str, Area], compounds: dict[str, Area], *, history: bool = True
) -> None:
    rng = random.Random(95)
    teams = _teams(rng, communities, compounds)
    volunteers = _volunteers(rng, communities)
    _memberships(rng, teams, volunteers)
    if Activity.objects.exists():
        return  # the activities and their year were made before; running again changes nothing
    today = timezone.localdate()
    start = today - dt.timedelta(days=365) if history else today
    made = _activities(communities, compounds, teams, start)
    if history:
        _hold(rng, made)
        _wishes(rng, communities, compounds)
    _upcoming_sign_ups(rng, made)


def _organiser(community: Area) -> User:
    found = RoleAssignment.objects.filter(
        area=community, role__in=[Role.COMMUNITY_SECRETARY, Role.COMMUNITY_STAFF]
    ).order_by("role", "pk")
    return found.first().user if found.exists() else User.objects.get(username="admin")


def _teams(rng, communities, compounds) -> dict[int, list[Team]]:
    """Six specialty teams and seven colour teams per community, and a team for compounds
    until there are 95; some compound teams are run by the compound's paired unit."""
    ensure_starter_categories()  # a flushed test database has lost the migration's rows
    categories = {c.code: c for c in TeamCategory.objects.all()}
    colours = [c for c in categories.values() if not c.code.startswith("specialty")]
    for team in Team.objects.filter(category=None).exclude(specialty=""):
        match = next((c for c in categories.values() if c.name == team.specialty), None)
        if match:
            Team.objects.filter(pk=team.pk).update(category=match)
    for community in communities.values():
        for colour in colours:
            Team.objects.get_or_create(
                community=community,
                name=f"{colour.name}{colour.focus}志愿服务队",
                defaults={"category": colour, "specialty": colour.name},
            )
    paired = {p.area_id: p.unit_id for p in Pairing.objects.filter(area__level="compound")}
    by_community = {c.path: c for c in communities.values()}
    names = list(compounds)
    i = 0
    while Team.objects.count() < TEAMS and i < len(names):
        compound = compounds[names[i]]
        community = next(c for p, c in by_community.items() if compound.path.startswith(p))
        colour = colours[i % len(colours)]
        Team.objects.get_or_create(
            community=community,
            name=f"{compound.name}{colour.focus}志愿服务队",
            defaults={
                "category": colour,
                "specialty": colour.name,
                "serves": compound,
                "unit_id": paired.get(compound.pk) if i % 4 == 0 else None,
            },
        )
        i += 1
    out: dict[int, list[Team]] = {}
    for team in Team.objects.order_by("pk"):
        out.setdefault(team.community_id, []).append(team)
    return out


def _volunteers(rng, communities) -> list[Volunteer]:
    """Every in-service party member, and residents until there are 2,580; the volunteer demo
    login gets a home in 城西社区."""
    login = User.objects.get(username="volunteer")
    if not Person.objects.filter(user=login).exists():
        west = communities["城西社区"]
        members = PartyMember.objects.values("person_id")
        person = (
            Person.objects.filter(user=None, home_area__path__startswith=west.path)
            .exclude(pk__in=members)
            .order_by("pk")
            .first()
        )
        Person.objects.filter(pk=person.pk).update(user=login, name=login.full_name)
    have = set(Volunteer.objects.values_list("person_id", flat=True))
    wanted = list(PartyMember.objects.order_by("pk").values_list("person_id", flat=True))
    wanted.append(Person.objects.get(user=login).pk)
    residents = Person.objects.exclude(pk__in=PartyMember.objects.values("person_id")).order_by(
        "pk"
    )
    for pk in residents.values_list("pk", flat=True):
        if len(set(wanted)) >= VOLUNTEERS:
            break
        wanted.append(pk)
    wanted = list(dict.fromkeys(wanted))[:VOLUNTEERS]
    joined = timezone.localdate() - dt.timedelta(days=400)
    Volunteer.objects.bulk_create(
        [
            Volunteer(
                person_id=pk,
                skills="、".join(rng.sample(SKILLS, 2)),
                availability=rng.choice(AVAILABILITY),
                joined_on=joined + dt.timedelta(days=rng.randrange(30)),
            )
            for pk in wanted
            if pk not in have
        ],
        batch_size=500,
    )
    return list(Volunteer.objects.select_related("person__home_area").order_by("pk"))


def _memberships(rng, teams, volunteers) -> None:
    """Each volunteer joins one team of the community they live in."""
    communities = Area.objects.filter(level=Area.Level.COMMUNITY)
    by_path = {c.path: c.pk for c in communities}
    have = set(Membership.objects.values_list("volunteer_id", flat=True))
    rows = []
    for volunteer in volunteers:
        if volunteer.pk in have:
            continue
        path = volunteer.person.home_area.path
        community = next((pk for p, pk in by_path.items() if path.startswith(p)), None)
        if community in teams:
            rows.append(Membership(team=rng.choice(teams[community]), volunteer=volunteer))
    Membership.objects.bulk_create(rows, batch_size=500)
    login = User.objects.get(username="volunteer")
    lead = Team.objects.filter(leaders=login).first()
    if lead is not None:
        Membership.objects.get_or_create(
            team=lead, volunteer=Volunteer.objects.get(person__user=login)
        )


def _activities(communities, compounds, teams, start: dt.date) -> list[Activity]:
    made = []
    for title, community_name, place, pattern, begin, end, places, category in ACTIVITIES:
        community = communities[community_name]
        team = next(
            (t for t in teams[community.pk] if t.category and t.category.code == category), None
        )
        made.append(
            services.create_activity(
                actor=_organiser(community),
                title=title,
                community=community,
                team=team,
                place=place,
                first_day=start,
                start_time=_at(begin),
                end_time=_at(end),
                capacity=places,
                pattern=pattern,
                description=f"{community_name}{title}，欢迎志愿者报名参加。",
            )
        )
    for i, (unit_name, title, community_name, place, kind) in enumerate(UNIT_ACTIVITIES):
        community = communities[community_name]
        made.append(
            services.create_activity(
                actor=_organiser(community),
                title=title,
                kind=kind,
                community=community,
                unit=Unit.objects.get(name=unit_name),
                place=place,
                first_day=start + dt.timedelta(days=20 + i * 7),
                start_time=_at("09:00"),
                end_time=_at("11:00"),
                capacity=20,
                pattern=Pattern("weekday_of_month", weekdays=(i % 5,), ordinal=3),
                description=f"{unit_name}党员到{community_name}{place}开展“{title}”活动。",
            )
        )
    return made


def _hold(rng, activities: list[Activity]) -> None:
    """280 past dates held (the others called off), each with the volunteers who came and the
    residents served, confirmed through the hours service."""
    now = timezone.now()
    past = list(
        Occurrence.objects.filter(activity__in=activities, ends_at__lt=now)
        .select_related("activity")
        .order_by("starts_at", "pk")
    )
    held = set(o.pk for o in rng.sample(past, min(HELD, len(past))))
    for occurrence in past:
        if occurrence.pk not in held:
            services.cancel_occurrence(
                actor=occurrence.activity.organiser,
                occurrence=occurrence,
                reason="天气原因暂停一次",
            )
    weights = {pk: rng.randint(10, 60) for pk in held}
    total = sum(weights.values())
    served = {pk: SERVED * w // total for pk, w in weights.items()}
    for pk in list(served)[: SERVED - sum(served.values())]:
        served[pk] += 1
    login = User.objects.get(username="volunteer")
    by_community: dict[str, list[Volunteer]] = {}
    for volunteer in Volunteer.objects.select_related("person__home_area"):
        community = Area.cut(volunteer.person.home_area.path, Area.Level.COMMUNITY)
        by_community.setdefault(community, []).append(volunteer)
    mine = Volunteer.objects.get(person__user=login)
    for occurrence in past:
        if occurrence.pk not in held:
            continue
        pool = by_community.get(occurrence.activity.community.path, [])
        count = min(
            occurrence.capacity, max(2, rng.randint(occurrence.capacity // 2, occurrence.capacity))
        )
        chosen = rng.sample(pool, min(count, len(pool)))
        if occurrence.activity.community.name == "城西社区" and mine not in chosen:
            chosen[-1] = mine
        rows = []
        for volunteer in chosen:
            arrive = occurrence.starts_at - dt.timedelta(minutes=rng.randint(0, 15))
            leave = occurrence.ends_at + dt.timedelta(minutes=rng.randint(-20, 10))
            rows.append(
                Enrollment(
                    occurrence=occurrence,
                    volunteer=volunteer,
                    status=Enrollment.Status.ATTENDED,
                    created_at=occurrence.starts_at - dt.timedelta(days=rng.randint(1, 10)),
                    checked_in_at=arrive,
                    checked_out_at=leave,
                )
            )
        Enrollment.objects.bulk_create(rows)
        Occurrence.objects.filter(pk=occurrence.pk).update(taken=len(rows))
        services.confirm_hours(
            actor=occurrence.activity.organiser,
            occurrence=occurrence,
            served_count=served[occurrence.pk],
        )
        confirmed = occurrence.ends_at + dt.timedelta(minutes=rng.randint(20, 180))
        Occurrence.objects.filter(pk=occurrence.pk).update(confirmed_at=confirmed)
    services.issue_certificate(
        actor=login,
        volunteer=mine,
        start=timezone.localdate() - dt.timedelta(days=365),
        end=timezone.localdate(),
    )


def _wishes(rng, communities, compounds) -> None:
    """Needs collected on the wish wall and by questionnaires until there are 227; wishes are
    checked, put on the wall, claimed, fulfilled and confirmed through the case services."""
    admin = User.objects.get(username="admin")
    other = Category.objects.get(code="other")
    questionnaires = [
        Questionnaire.objects.get_or_create(
            community=community,
            title=f"{community.name}居民需求问卷",
            defaults={
                "intro": "请勾选您家最需要的服务，社区将安排志愿服务队上门。",
                "options": "\n".join(QUESTIONS),
                "category": other,
            },
        )[0]
        for community in communities.values()
    ]
    names = list(
        Person.objects.filter(user=None).order_by("pk").values_list("name", flat=True)[:300]
    )
    compound_list = list(compounds.values())
    claimers = _claimers()
    wanted = NEEDS - collected_needs().count()
    made = 0
    before = set(Case.objects.values_list("pk", flat=True))
    while made < wanted:
        compound = rng.choice(compound_list)
        if made % 3 == 2:
            questionnaire = next(
                q for q in questionnaires if compound.path.startswith(q.community.path)
            )
            answer = answer_questionnaire(
                actor=admin,
                questionnaire=questionnaire,
                choices=[rng.choice(QUESTIONS)],
                area=compound,
                requester_name=rng.choice(names),
            )
            made += len(answer)
            continue
        title, text = rng.choice(WISHES)
        case = post_wish(
            actor=admin,
            title=title,
            description=f"{compound.name}居民：{text}。",
            area=compound,
            requester_name=rng.choice(names),
        )
        made += 1
        cases.triage_case(actor=admin, case=case)
        roll = rng.random()
        if roll < 0.1:
            continue  # checked, not yet on the wall
        cases.publish_case(actor=admin, case=case, note="已核实，上墙认领")
        if roll < 0.3:
            continue  # on the wall, waiting
        claimer = rng.choice(claimers)
        cases.claim_case(actor=claimer, case=case)
        if roll < 0.45:
            continue  # being fulfilled
        cases.complete_case(actor=claimer, case=case, note="心愿已送到居民家中。")
        if roll < 0.55:
            continue  # waiting for the resident to confirm
        cases.rate_case(
            actor=admin, case=case, rating="satisfied", comment="居民电话确认：心愿已实现"
        )
    _spread(rng, Case.objects.exclude(pk__in=before))


def _spread(rng, rows) -> None:
    """Move what was just made back into the past year: finished cases by up to eleven months,
    open ones by up to three weeks, every timestamp of a case by the same amount."""
    fields = ["created_at", "sign_due_at", "handle_due_at", "dispatched_at", "signed_at"]
    fields += ["handled_at", "closed_at", "rated_at"]
    for case in rows:
        days = rng.randint(30, 330) if case.status in FINISHED else rng.randint(1, 20)
        shift = dt.timedelta(days=days, hours=rng.randint(0, 8))
        moved = {f: getattr(case, f) - shift for f in fields if getattr(case, f) is not None}
        moved["created_at"] = case.events.order_by("at", "pk").first().at - shift
        Case.objects.filter(pk=case.pk).update(**moved)
        Event.objects.filter(case=case).update(at=F("at") - shift)


def _claimers() -> list[User]:
    """Who claims wishes in the demo: county units, through their liaisons."""
    users = User.objects.filter(role_assignments__role=Role.UNIT_LIAISON).order_by("pk")
    return list(users[:40])


def _upcoming_sign_ups(rng, activities: list[Activity]) -> None:
    """The next 爱心义剪 is full with a waiting list; the volunteer login signs up for it."""
    login = User.objects.get(username="volunteer")
    cut = next((a for a in activities if a.title == "爱心义剪"), None)
    if cut is None:
        return
    now = timezone.now()
    upcoming = cut.occurrences.filter(starts_at__gt=now, status=Occurrence.Status.SCHEDULED)
    following = upcoming.order_by("starts_at").first()
    if following is None:
        return
    opens, _closes = services.signup_window(following)
    moment = max(opens, now - dt.timedelta(minutes=5))
    pool = list(
        Volunteer.objects.filter(person__home_area__path__startswith=cut.community.path)
        .exclude(person__user=login)
        .select_related("person")
        .order_by("pk")[: following.capacity + 2]
    )
    organiser = cut.organiser
    for volunteer in pool:  # signed up at the desk by the organiser
        services.sign_up(actor=organiser, occurrence=following, volunteer=volunteer, now=moment)
    services.sign_up(actor=login, occurrence=following, now=moment)
