"""The demo county's pairings, volunteer teams and demands, made through the case services."""

import random
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from grassroots.accounts.models import User
from grassroots.areas.models import Area
from grassroots.cases import services
from grassroots.cases.models import Case, Category, Event, TransferCard
from grassroots.cases.taxonomy import ensure_starter_taxonomy
from grassroots.demo.year import seed_year
from grassroots.open311.attributes import ensure_starter_attributes
from grassroots.units.models import Pairing, Unit
from grassroots.volunteering.models import Team

CST = ZoneInfo("Asia/Shanghai")
TEAMS = ["党建指导", "红色宣传", "平安建设", "社务协调", "文明帮创", "温暖帮扶"]
# When each step happens after the report, in hours: signed the same day, handled within a week.
STEP_HOURS = {
    "submit": 0,
    "triage": 1,
    "dispatch": 2,
    "publish": 2,
    "accept": 4,
    "claim": 4,
    "complete": 24 * 5,
    "verify_ok": 24 * 6,
    "rate": 24 * 7,
}
OPEN_CASES = 28  # four in each open state, 城北社区
SEWER_TITLE = "火神庙后巷主巷道下水道堵塞、盖板塌陷"


def seed_pairings_and_teams(compounds: dict[str, Area], communities: dict[str, Area]) -> None:
    """Every compound paired with a county unit (包联), and six volunteer teams per community."""
    units = list(Unit.objects.order_by("code"))
    for i, compound in enumerate(compounds.values()):
        Pairing.objects.get_or_create(unit=units[i % len(units)], area=compound)
    hospital = Unit.objects.get(name="县中医医院")
    for name in ("火神庙后巷小区", "骨科小区"):
        Pairing.objects.get_or_create(unit=hospital, area=compounds[name])
    for community in communities.values():
        for theme in TEAMS:
            Team.objects.get_or_create(
                community=community, name=f"{theme}志愿服务队", defaults={"specialty": theme}
            )
    volunteer = User.objects.get(username="volunteer")
    Team.objects.get(community=communities["城西社区"], name="温暖帮扶志愿服务队").leaders.add(
        volunteer
    )


def _backdate(case: Case, start: datetime) -> None:
    """Replay a case's history from `start`: one step every working day or so, deadlines anew."""
    from grassroots.cases.deadlines import deadlines_from

    moments = {}
    for i, event in enumerate(Event.objects.filter(case=case).order_by("at", "pk")):
        moment = start + timedelta(hours=STEP_HOURS.get(event.action, i * 6))
        Event.objects.filter(pk=event.pk).update(at=moment)
        moments[event.action] = moment
    fields = {"created_at": start}
    for field, action in (
        ("dispatched_at", "dispatch"),
        ("signed_at", "accept"),
        ("handled_at", "complete"),
        ("closed_at", "rate"),
        ("rated_at", "rate"),
    ):
        if action in moments:
            fields[field] = moments[action]
    if "dispatch" in moments:
        fields["sign_due_at"], fields["handle_due_at"] = deadlines_from(case, moments["dispatch"])
        TransferCard.objects.filter(case=case).update(
            issued_at=moments["dispatch"], due_at=fields["handle_due_at"]
        )
    Case.objects.filter(pk=case.pk).update(**fields)


def _story(
    *,
    reporter,
    staff,
    taker,
    verifier,
    rater,
    compound,
    category,
    kind,
    title,
    description,
    done,
    cost=None,
    quantities="",
    start=None,
    on_behalf="",
):
    case = services.submit_case(
        actor=reporter,
        kind=kind,
        category=Category.objects.get(code=category),
        title=title,
        description=description,
        area=compound,
        channel="duty_desk" if on_behalf else "resident",
        requester_name=on_behalf,
    )
    services.triage_case(actor=staff, case=case)
    services.dispatch_case(actor=staff, case=case, lead=Unit.objects.get(name="县中医医院"))
    services.accept_case(actor=taker, case=case)
    services.complete_case(actor=taker, case=case, note=done, cost_yuan=cost, quantities=quantities)
    if case.status == "handled":  # wishes skip on-site verification: the resident confirms
        services.verify_case(actor=verifier, case=case, ok=True)
    services.rate_case(actor=rater, case=case, rating="satisfied", comment="感谢党组织的关心")
    if start:
        _backdate(case, start)
    return case


def seed_cases(
    compounds: dict[str, Area], communities: dict[str, Area], *, history: bool = True
) -> None:
    """The source's stories, a year of demands across the county, and open ones in every queue."""
    if Case.objects.filter(title=SEWER_TITLE).exists():
        return
    ensure_starter_taxonomy()
    ensure_starter_attributes()
    u = {
        n: User.objects.get(username=n)
        for n in ("resident", "gridworker", "staff", "secretary", "liaison", "admin")
    }
    _story(
        reporter=u["staff"],
        staff=u["staff"],
        taker=u["liaison"],
        verifier=u["staff"],
        rater=u["staff"],
        compound=compounds["火神庙后巷小区"],
        category="drainage",
        kind="problem",
        title=SEWER_TITLE,
        on_behalf="火神庙后巷小区居民代表",
        description="小区建于上世纪80年代，巷道内下水道常年失修，排水不畅，水泥盖板塌陷，"
        "骑车经过“咣当咣当”响。希望疏通并重新铺设下水管道。",
        done="经开会讨论，包联单位投资3万余元完成主巷道下水管道清淤疏通，铺设120米新管道，"
        "更换水泥盖板，排水管与用水管分开。",
        cost=Decimal("30000"),
        quantities="新管道120米",
        start=datetime(2026, 10, 9, 9, 30, tzinfo=CST),
    )
    bone = compounds["骨科小区"]
    for i, (cat, title, done) in enumerate(
        [
            ("water", "自来水未入户，吃水难", "完成自来水入户改造"),
            ("sanitation", "旱厕如厕难", "完成旱厕改造"),
            ("drainage", "没有下水道，排污难", "完成下水道铺设"),
            ("roads", "路面破损，出行难", "完成路面硬化"),
        ]
    ):
        _story(
            reporter=u["resident"],
            staff=u["secretary"],
            taker=u["liaison"],
            verifier=u["gridworker"],
            rater=u["resident"],
            compound=bone,
            category=cat,
            kind="problem",
            title=title,
            description=f"骨科小区建成近30年，{title}，盼望解决。",
            done=done,
            start=datetime(2026, 6, 1 + i, 10, 0, tzinfo=CST),
        )
    _story(
        reporter=u["admin"],
        staff=u["admin"],
        taker=u["liaison"],
        verifier=u["admin"],
        rater=u["admin"],
        compound=compounds["福瑞家园"],
        category="greening",
        kind="wish",
        title="小区绿地不足，想有个散步的小花园",
        on_behalf="福瑞家园居民",
        description="小区内绿地不足，休闲散步不舒心，希望修建小花园。",
        done="协调有关单位和物业修建小花园1个，栽植苗木3000余株。",
        quantities="苗木3000余株",
        start=datetime(2026, 8, 12, 9, 0, tzinfo=CST),
    )
    if history:
        seed_year(communities, compounds)
    _open_cases(compounds, u)


def _open_cases(compounds, u) -> None:
    """A spread of demands in 城北社区 waiting in each queue of the workbench."""
    rng = random.Random(311)
    north = [
        c for c in compounds.values() if c.path.startswith(Area.objects.get(name="城北社区").path)
    ]
    texts = [
        ("楼道灯不亮", "lighting"),
        ("垃圾清运不及时", "sanitation"),
        ("井盖松动", "roads"),
        ("楼下停车乱", "property"),
        ("独居老人需要助餐", "elderly"),
        ("雨后路面积水", "drainage"),
        ("水管漏水", "water"),
        ("邻居装修噪音扰民", "neighbours"),
    ]
    newest = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    if newest > timezone.now():  # before nine in the morning: yesterday's nine o'clock
        newest -= timedelta(days=1)
    for i in range(OPEN_CASES):
        case = services.submit_case(
            actor=u["resident"],
            kind=rng.choice(["problem", "need"]),
            category=Category.objects.get(code=texts[i % len(texts)][1]),
            title=texts[i % len(texts)][0],
            description=f"{texts[i % len(texts)][0]}，请社区协调解决。",
            area=rng.choice(north),
        )
        step = i % 7
        if step >= 1:
            services.triage_case(actor=u["secretary"], case=case)
        if step == 2:
            services.publish_case(actor=u["secretary"], case=case)
        if step >= 3:
            services.dispatch_case(
                actor=u["secretary"], case=case, lead=Unit.objects.get(name="县中医医院")
            )
        if step >= 4:
            services.accept_case(actor=u["liaison"], case=case)
        if step >= 5:
            services.complete_case(actor=u["liaison"], case=case, note="已处理")
        if step >= 6:
            services.verify_case(actor=u["gridworker"], case=case, ok=True)
        # The newest is reported six days ago, so even its last step lies in the past.
        _backdate(case, newest - timedelta(days=6 + OPEN_CASES - 1 - i))
        if i == 0:
            first = case
    # The same matter reported again by a neighbour: merged into the first report.
    again = services.submit_case(
        actor=u["resident"],
        kind=first.kind,
        category=first.category,
        title=first.title,
        description=f"{first.title}，好几天了还没人管。",
        area=first.area,
    )
    services.merge_case(actor=u["secretary"], case=again, into=first, note="同一事项，合并办理")
    _backdate(again, newest - timedelta(days=5))
    services.mark_overdue()
