"""The demo's compound governance, as the source tells it: the 15 三无 compounds assessed in
March 2025, all 106 compounds assessed against 六有 then and again as they caught up, until
all 106 have it; committees and the five self-governance groups in the 三无 compounds;
骨科小区's 40-day remediation project (自来水入户, 旱厕改造, 下水道铺设, 路面硬化) that settled
its residents' four demands, with the meeting that decided it; and each community's 三务公开.

The assessment history is written as rows (the census was taken by the grid workers and
verified by the county before the platform existed); disclosures go through the services,
scan included. Idempotent."""

import datetime as dt
import io
import random
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from grassroots.accounts.models import User
from grassroots.areas.models import Area, Grid
from grassroots.cases.models import Case
from grassroots.governance import services
from grassroots.governance.criteria import SIX_HAVE, THREE_WITHOUT, ensure_criteria_sets
from grassroots.governance.models import (
    Assessment,
    AssessmentItem,
    Body,
    BodyMember,
    CriteriaSet,
    Decision,
    Disclosure,
    Meeting,
    Project,
    ProjectPhoto,
    ProjectTask,
)
from grassroots.people.models import Person

CST = dt.timezone(dt.timedelta(hours=8))
BASELINE = dt.date(2025, 3, 10)
BONE_START = dt.date(2026, 6, 5)
BONE_TASKS = [
    ("自来水入户", Decimal("86000"), Decimal("84200")),
    ("旱厕改造", Decimal("42000"), Decimal("43600")),
    ("下水道铺设", Decimal("120000"), Decimal("118500")),
    ("路面硬化", Decimal("95000"), Decimal("92800")),
]
EVIDENCE = {
    "organisation": "成立小区兼合式党支部，党员{n}名",
    "people": "居民自治管理委员会和自治小组已组建，分工上墙",
    "rules": "居民公约、议事规则经居民大会通过并公示",
    "property_service": "实行居民自管，物业服务由自管会统一组织",
    "venue": "小区党群服务站挂牌运行，设议事室",
    "funding": "物业费收缴率达九成，驻区单位共建资金到位",
}
GROUPS = [
    ("safety", "安全稳定小组"),
    ("convenience", "便民服务小组"),
    ("logistics", "物流配送小组"),
    ("culture", "文化艺术小组"),
    ("mediation", "民事调解小组"),
]


def seed_governance(communities: dict[str, Area], compounds: dict[str, Area]) -> None:
    ensure_criteria_sets()
    if Assessment.objects.exists():
        return
    rng = random.Random(106)
    admin = User.objects.get(username="admin")
    surveyors = {g.community_id: g.workers.first() or admin for g in Grid.objects.order_by("code")}
    three_without = [c for c in compounds.values() if c.is_three_without]
    _assess(compounds, three_without, surveyors, admin, rng)
    _bodies(three_without, compounds, rng)
    _bone_project(compounds["骨科小区"])
    _disclosures(communities, compounds, admin)


def _community_id(compound: Area, communities_by_path: dict[str, Area]) -> int:
    return communities_by_path[Area.cut(compound.path, Area.Level.COMMUNITY)].pk


def _assess(compounds, three_without, surveyors, admin, rng) -> None:
    sets = {s.code: s for s in CriteriaSet.objects.all()}
    deficit, target = sets[THREE_WITHOUT], sets[SIX_HAVE]
    deficit_items = list(deficit.items.order_by("order"))
    target_items = list(target.items.order_by("order"))
    by_path = {a.path: a for a in Area.objects.filter(level=Area.Level.COMMUNITY)}
    last_month = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
    plans = []  # (compound, date, {criterion code: status})
    for compound in sorted(compounds.values(), key=lambda c: c.path):
        weak = compound in three_without
        if weak:
            plans.append(
                (compound, BASELINE, dict.fromkeys((c.code for c in deficit_items), "yes"), deficit)
            )
        # The baseline: a 三无 compound lacks nearly everything; others lack a few items.
        if weak:
            lacking = {c.code for c in target_items if c.code != "venue" or rng.random() < 0.7}
        else:
            lacking = {c.code for c in target_items if rng.random() < 0.18}
        status = {c.code: ("no" if c.code in lacking else "yes") for c in target_items}
        plans.append((compound, BASELINE, status, target))
        if not lacking:
            plans += [(compound, day, status, target) for day in _rechecks(BASELINE, last_month)]
            continue
        # Catching up: the 三无 compounds later (after their stations and projects), through a
        # halfway assessment; the day every item is met lies before last month's end.
        if compound.name == "骨科小区":
            done = BONE_START + dt.timedelta(days=45)
        else:
            first = dt.date(2025, 9, 1) if weak else dt.date(2025, 5, 1)
            done = first + dt.timedelta(days=rng.randint(0, (last_month - first).days))
        half = sorted(lacking)[: len(lacking) // 2]
        if half and (done - BASELINE).days > 60:
            middle = BASELINE + (done - BASELINE) / 2
            plans.append((compound, middle, {**status, **dict.fromkeys(half, "yes")}, target))
        plans.append((compound, done, dict.fromkeys(status, "yes"), target))
        whole = dict.fromkeys(status, "yes")
        plans += [(compound, day, whole, target) for day in _rechecks(done, last_month)]
        if weak:  # no longer 三无: property service, a department in charge and security
            plans.append(
                (compound, done, dict.fromkeys((c.code for c in deficit_items), "no"), deficit)
            )
    for compound, day, status, cset in plans:
        items = deficit_items if cset is deficit else target_items
        surveyor = surveyors.get(_community_id(compound, by_path), admin)
        verified = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=3), dt.time(10)))
        assessment = Assessment.objects.create(
            compound=compound,
            criteria_set=cset,
            assessed_on=day,
            recorded_by=surveyor,
            verified_by=admin,
            verified_at=verified,
            note="摸底排查" if day == BASELINE else "复核",
        )
        AssessmentItem.objects.bulk_create(
            AssessmentItem(
                assessment=assessment,
                criterion=c,
                status=status[c.code],
                evidence=_evidence(cset is deficit, c.code, status[c.code], rng),
                verified_by=admin,
            )
            for c in items
        )


def _rechecks(whole_on: dt.date, last_month: dt.date) -> list[dt.date]:
    """The re-checks of a compound whole since `whole_on`: each a month before the last
    verification lapses (`SIX_HAVE_VALID_MONTHS`), up to last month's end — so none has lapsed,
    and those lapsing soonest show as due."""
    step = relativedelta(months=settings.SIX_HAVE_VALID_MONTHS) - relativedelta(days=35)
    days, day = [], whole_on + step
    while day <= last_month:
        days.append(day)
        day += step
    return days


def _evidence(deficit: bool, code: str, status: str, rng) -> str:
    if deficit:
        return "入户走访核实" if status == "yes" else "复核：已有物业服务、责任单位和安保"
    if status != "yes":
        return ""
    return EVIDENCE[code].format(n=rng.randint(5, 18))


def _bodies(three_without, compounds, rng) -> None:
    """The committee and the five groups in each 三无 compound, a 物业管理委员会 in 骨科小区
    and in every compound without property management."""
    term = (dt.date(2025, 4, 1), dt.date(2028, 3, 31))
    for compound in three_without:
        people = list(
            Person.objects.filter(home_area__path__startswith=compound.path).order_by("pk")[:40]
        )
        if len(people) < 6:
            continue
        rng.shuffle(people)
        committee = Body.objects.create(
            compound=compound,
            kind=Body.Kind.RESIDENTS_COMMITTEE,
            name=f"{compound.name}居民自治管理委员会",
            term_starts=term[0],
            term_ends=term[1],
        )
        roles = ["head", "deputy", "member", "member", "member"]
        BodyMember.objects.bulk_create(
            BodyMember(body=committee, person=p, role=r)
            for p, r in zip(people, roles, strict=False)
        )
        for i, (focus, name) in enumerate(GROUPS):
            group = Body.objects.create(
                compound=compound,
                kind=Body.Kind.GROUP,
                focus=focus,
                name=f"{compound.name}{name}",
                term_starts=term[0],
                term_ends=term[1],
            )
            members = people[5 + i : 5 + i + 3] or people[:3]
            BodyMember.objects.bulk_create(
                BodyMember(body=group, person=p, role="head" if j == 0 else "member")
                for j, p in enumerate(members)
            )
    for compound in compounds.values():
        if compound.no_property_management:
            head = Person.objects.filter(home_area__path__startswith=compound.path).first()
            body = Body.objects.create(
                compound=compound,
                kind=Body.Kind.PROPERTY_COMMITTEE,
                name=f"{compound.name}物业管理委员会",
                term_starts=term[0],
                term_ends=term[1],
            )
            if head is not None:
                BodyMember.objects.create(body=body, person=head, role="head")


def _picture(after: bool, label: str) -> ContentFile:
    """A plain drawing standing in for a site photo: a bare yard, or the paved one."""
    image = Image.new("RGB", (640, 400), (176, 150, 110) if not after else (200, 205, 210))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 640, 150), fill=(150, 190, 225))
    draw.rectangle((60, 90, 300, 260), fill=(190, 170, 150))
    draw.rectangle((360, 70, 600, 260), fill=(185, 165, 145))
    if after:
        draw.rectangle((0, 300, 640, 400), fill=(110, 115, 120))
        draw.line((0, 350, 640, 350), fill=(240, 240, 240), width=4)
    else:
        for x in range(0, 640, 45):
            draw.ellipse((x, 320, x + 30, 340), fill=(120, 100, 70))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name=f"{label}.png")


def _bone_project(bone: Area) -> None:
    """骨科小区's 40 days, decided at a residents' meeting, settling the four demands."""
    secretary = User.objects.get(username="secretary")
    residents = list(
        Person.objects.filter(home_area__path__startswith=bone.path).order_by("pk")[:15]
    )
    committee = Body.objects.filter(compound=bone, kind=Body.Kind.RESIDENTS_COMMITTEE).first()
    meeting = Meeting.objects.create(
        compound=bone,
        body=committee,
        title="骨科小区整治提升议事会",
        held_at=dt.datetime(2026, 6, 3, 19, 0, tzinfo=CST),
        place="骨科小区服务站议事室",
        agenda="一、通报居民反映的吃水、如厕、排污、出行问题\n二、讨论整治提升方案和工期\n三、表决",
        minutes="社区党总支书记通报居民诉求，县中医医院介绍共建资金安排；与会居民同意实施自来水入户、"
        "旱厕改造、下水道铺设、路面硬化四项工程，工期40天，施工期间自治小组协助维持秩序。",
        quorum=10,
        created_by=secretary,
    )
    meeting.attendees.set(residents)
    Decision.objects.create(
        meeting=meeting,
        text="实施骨科小区整治提升工程（自来水入户、旱厕改造、下水道铺设、路面硬化），工期40天",
        votes_for=len(residents) - 1,
        votes_against=0,
        votes_abstain=1,
        passed=True,
    )
    project = Project.objects.create(
        compound=bone,
        title="骨科小区整治提升",
        description="居民反映吃水难、如厕难、排污难、出行难，社区党总支协调驻区单位共建，40天完成四项工程。",
        budget=sum(b for _t, b, _s in BONE_TASKS),
        starts_on=BONE_START,
        due_on=BONE_START + dt.timedelta(days=39),
        status=Project.Status.DONE,
        done_on=BONE_START + dt.timedelta(days=39),
        created_by=secretary,
    )
    for i, (title, budget, spent) in enumerate(BONE_TASKS):
        ProjectTask.objects.create(
            project=project,
            title=title,
            budget=budget,
            spent=spent,
            done_on=BONE_START + dt.timedelta(days=10 * (i + 1) - 1),
            order=i,
        )
    project.cases.set(
        Case.objects.filter(
            area__path__startswith=bone.path,
            title__in=[
                "自来水未入户，吃水难",
                "旱厕如厕难",
                "没有下水道，排污难",
                "路面破损，出行难",
            ],
        )
    )
    for stage, after in (("before", False), ("after", True)):
        ProjectPhoto.objects.create(
            project=project,
            stage=stage,
            image=_picture(after, f"bone-{stage}"),
            uploaded_by=secretary,
        )


def _disclosures(communities, compounds, admin) -> None:
    """Each community's three affairs for the last quarter, the project's accounts in
    骨科小区, and one draft in 城北社区 the scan stops until its phone number is removed."""
    today = timezone.localdate()
    quarter = (today.month - 1) // 3  # the last full quarter
    year = today.year if quarter else today.year - 1
    quarter = quarter or 4
    period = f"{year}年第{'一二三四'[quarter - 1]}季度"
    texts = {
        "party": (
            "党务公开",
            "党员发展、党费收缴、主题党日活动开展情况；在职党员到小区报到服务情况。",
        ),
        "residence": ("居务公开", "居民议事会议决事项办理情况；低保、临时救助等民生事项办理情况。"),
        "finance": (
            "财务公开",
            "社区服务群众专项经费收支：收入12.0万元，支出9.6万元，结余2.4万元。",
        ),
    }
    for community in communities.values():
        for category, (name, body) in texts.items():
            d = services.draft_disclosure(
                actor=admin,
                area=community,
                category=category,
                title=f"{community.name}{period}{name}",
                body=body,
                period=period,
            )
            services.publish_disclosure(actor=admin, disclosure=d)
    bone = compounds["骨科小区"]
    lines = "；".join(f"{t}预算{b}元、实际支出{s}元" for t, b, s in BONE_TASKS)
    d = services.draft_disclosure(
        actor=admin,
        area=bone,
        category=Disclosure.Category.FINANCE,
        title="骨科小区整治提升工程资金使用情况",
        body=f"工程于2026年6月5日开工，40天完工。{lines}。",
        period="2026年6月—7月",
    )
    services.publish_disclosure(actor=admin, disclosure=d)
    services.draft_disclosure(
        actor=admin,
        area=communities["城北社区"],
        category=Disclosure.Category.RESIDENCE,
        title="城北社区冬季供暖报修安排（草稿）",
        body="供暖期间如遇暖气不热，请联系社区值班人员王师傅13912345678。",
        period=f"{today.year}年冬季",
    )
