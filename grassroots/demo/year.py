"""A year of demands across the demo county, in every state, made through the case services.

Each demand follows a planned path (dispatch to the compound's paired unit, publication for a
volunteer team to claim, a direct answer, a merge, an escalation, a failed verification, an
extension, a reopening after a dissatisfied rating …). The path is played through the services,
then its events are moved back to their planned moments. A step whose moment would fall after
now is not taken, so the recent demands are the ones still open, waiting in every queue.
"""

import random
from datetime import datetime, timedelta

from django.utils import timezone

from grassroots.accounts.models import Role, RoleAssignment, User
from grassroots.areas.models import Area
from grassroots.cases import services
from grassroots.cases.deadlines import deadlines_from, extended
from grassroots.cases.models import Case, Category, Event, Extension, TransferCard
from grassroots.notifications.models import Notification, OutboxEmail
from grassroots.people.models import Person
from grassroots.units.models import Pairing, Unit
from grassroots.volunteering.models import Team

DAYS = 365
PER_COMMUNITY = 72  # 288 demands over the year for the four communities

# What residents raise, by category: a title and the description's middle.
MATTERS = {
    "drainage": [
        ("下水道堵塞，污水外溢", "巷道下水道堵塞，污水漫到路面"),
        ("雨后院内积水", "一下雨院子里积水半尺深，出门要蹚水"),
        ("化粪池满溢", "化粪池多日未清掏，气味很大"),
    ],
    "water": [
        ("水管爆裂漏水", "楼下主水管爆裂，整栋楼停水"),
        ("自来水发黄", "最近几天自来水发黄，不敢饮用"),
    ],
    "power": [("楼道电线老化", "楼道电线老化外露，担心触电起火")],
    "heating": [("暖气不热", "入冬后暖气片一直不热，家里有老人")],
    "roads": [
        ("巷道路面坑洼", "巷道路面坑洼不平，老人孩子容易摔倒"),
        ("井盖破损", "路口井盖破损，晚上很危险"),
    ],
    "lighting": [
        ("路灯不亮", "小区路灯坏了多日，晚上回家看不见路"),
        ("楼道灯损坏", "楼道声控灯不亮，上下楼摸黑"),
    ],
    "sanitation": [
        ("垃圾清运不及时", "垃圾桶满了没人清运，招苍蝇"),
        ("楼道堆放杂物", "楼道里堆满杂物，影响通行"),
    ],
    "greening": [("绿化带杂草丛生", "绿化带无人修剪，杂草比人高")],
    "property": [
        ("车辆乱停乱放", "小区车辆乱停，消防通道被堵"),
        ("单元门门禁损坏", "单元门门禁坏了，外人随意进出"),
    ],
    "security": [("小区缺少监控", "小区出入口没有监控，电动车被盗")],
    "fire": [("消防栓无水", "楼下消防栓打开没有水")],
    "neighbours": [
        ("楼上漏水引发纠纷", "楼上卫生间漏水到楼下，两家协商不成"),
        ("装修噪音扰民", "邻居装修从早到晚，噪音很大"),
    ],
    "elderly": [
        ("独居老人需要助餐", "独居老人行动不便，希望有人送餐"),
        ("老人需要代办医保", "老人不会用手机，需要帮忙代办医保认证"),
    ],
    "jobs": [("咨询就业培训", "孩子毕业在家，想了解县里的技能培训")],
    "legal": [("咨询赡养纠纷", "子女不履行赡养义务，想咨询法律途径")],
    "health": [("希望开展义诊", "小区老人多，希望医院来测血压血糖")],
    "other": [("咨询办事流程", "想了解开具居住证明需要哪些材料")],
}
WISHES = [
    ("elderly", "想要一副老花镜", "独居老人视力下降，想要一副合适的老花镜"),
    ("other", "孩子想要一套课外书", "留守儿童喜欢读书，想要一套课外书"),
    ("elderly", "想有人陪着说说话", "老人子女在外地，希望有人常来陪着聊天"),
    ("health", "想要一台血压计", "老人患高血压，想要一台电子血压计"),
]
DONE = {
    "drainage": "组织疏通管道并清淤，现已排水通畅。",
    "water": "协调自来水公司抢修，已恢复供水。",
    "power": "供电所更换了老化线路。",
    "heating": "排查并维修了供暖管道，室温已达标。",
    "roads": "对破损路面进行了修补硬化。",
    "lighting": "更换了损坏的灯具，已恢复照明。",
    "sanitation": "组织志愿者清理，并约定了固定清运时间。",
    "greening": "组织修剪绿化带并清除杂草。",
    "property": "与物业协商整改，已恢复正常。",
    "security": "协调安装了监控设备。",
    "fire": "消防部门检修了消防设施。",
    "neighbours": "调解员上门调解，双方达成一致。",
    "elderly": "安排志愿者定期上门服务。",
    "jobs": "介绍了县人社局的培训项目并帮助报名。",
    "legal": "法律顾问上门提供了咨询。",
    "health": "组织医护人员上门服务。",
    "other": "已上门解答并协助办理。",
}
CHANNELS = ["grid_worker"] * 5 + ["duty_desk"] * 2 + ["hotline", "inspection", "questionnaire"]
COMMENTS = {
    "satisfied": ["处理及时，非常满意", "感谢社区和包联单位", "办得好，谢谢", ""],
    "basically": ["问题解决了，就是慢了点", "基本解决，希望以后多来看看"],
    "dissatisfied": ["问题没有彻底解决", "拖的时间太长了"],
}
# Hours between one step and the next, as (lowest, highest); drawn for each demand.
GAPS = {
    "triage": (0.5, 20),
    "dispatch": (0.5, 6),
    "publish": (0.5, 6),
    "claim": (2, 60),
    "accept": (6, 40),  # the late ones, past the sign-by time; most sign within hours (below)
    "object": (0.5, 6),
    "escalate": (4, 48),
    "report_in": (1, 20),
    "request_extension": (24, 96),
    "decide_extension": (1, 12),
    "complete": (24, 230),
    "verify_ok": (4, 48),
    "verify_fail": (4, 48),
    "rate": (12, 72),
    "reopen": (12, 48),
    "answer": (1, 24),
    "reject": (1, 24),
    "merge": (1, 24),
    "withdraw": (2, 72),
    "supervise": (30, 60),
}


def _liaisons(units: list[Unit]) -> dict[int, User]:
    """Every county unit's contact person (联络员), created for units that have none."""
    out = {}
    for unit in units:
        user = unit.liaisons.order_by("pk").first()
        if user is None:
            user = User(username=f"unit{unit.code.lower()}", full_name=f"{unit.name}联络员")
            user.set_unusable_password()
            user.save()
            unit.liaisons.add(user)
            RoleAssignment.objects.get_or_create(user=user, role=Role.UNIT_LIAISON, unit=unit)
        out[unit.pk] = user
    return out


def _community_staff(community: Area, index: int) -> User:
    """The community's secretary or staff member, created when the demo logins have none there."""
    found = RoleAssignment.objects.filter(
        area=community, role__in=[Role.COMMUNITY_SECRETARY, Role.COMMUNITY_STAFF]
    ).order_by("role", "pk")
    if found.exists():
        return found.first().user
    user = User(username=f"office{index:02d}", full_name=f"{community.name}值班员")
    user.set_unusable_password()
    user.save()
    RoleAssignment.objects.create(user=user, role=Role.COMMUNITY_STAFF, area=community)
    return user


def _grid_worker(community: Area) -> User:
    assignment = (
        RoleAssignment.objects.filter(area=community, role=Role.GRID_WORKER)
        .order_by("user__username")
        .first()
    )
    return assignment.user


def _plan(rng: random.Random, kind: str) -> list[str]:
    """The steps one demand takes after it is reported."""
    roll = rng.random()
    if roll < 0.04:
        return ["answer"]
    if roll < 0.07:
        return ["reject"]
    if roll < 0.10:
        return ["merge"]
    if roll < 0.12:
        return ["triage", "withdraw"]
    if kind in ("wish", "need") and roll < 0.35:
        head = ["triage", "publish", "claim"]
    elif roll < 0.15:
        head = ["triage", "dispatch", "object", "dispatch", "accept"]
    else:
        head = ["triage", "dispatch", "accept"]
    middle = []
    extra = rng.random()
    if extra < 0.05:
        middle = ["escalate", "report_in", "report_in"]
    elif extra < 0.10:
        middle = ["request_extension", "decide_extension"]
    elif extra < 0.13:
        middle = ["supervise"]
    tail = ["complete", "verify_ok", "rate"]
    if rng.random() < 0.06:
        tail = ["complete", "verify_fail", "complete", "verify_ok", "rate"]
    if kind == "wish":
        tail = ["complete", "rate"]  # the resident confirms a wish came true; no site visit
    return head + middle + tail


def _rating(rng: random.Random) -> str:
    roll = rng.random()
    return "satisfied" if roll < 0.78 else "basically" if roll < 0.94 else "dissatisfied"


class _Player:
    """Plays one community's year of demands through the services."""

    def __init__(self, rng, community, compounds, staff, gridworker, liaisons, teams, admin):
        self.rng = rng
        self.community = community
        self.compounds = compounds
        self.staff = staff
        self.gridworker = gridworker
        self.liaisons = liaisons
        self.teams = teams
        self.admin = admin
        self.units = list(Unit.objects.order_by("code"))
        self.paired = {}
        for pairing in Pairing.objects.filter(area__in=compounds).select_related("unit"):
            self.paired.setdefault(pairing.area_id, []).append(pairing.unit)
        self.names = {
            c.pk: list(
                Person.objects.filter(home_area__path__startswith=c.path)
                .order_by("pk")
                .values_list("name", flat=True)[:40]
            )
            for c in compounds
        }
        self.recent: dict[tuple[int, int], Case] = {}

    def play(self, start: datetime, now: datetime) -> None:
        rng = self.rng
        compound = rng.choice(self.compounds)
        kind = rng.choices(["problem", "need", "wish"], weights=[70, 20, 10])[0]
        if kind == "wish":
            code, title, description = rng.choice(WISHES)
            channel = "wish_wall"
        else:
            code = rng.choices(
                list(MATTERS), weights=[8, 5, 1, 2, 6, 6, 7, 2, 5, 2, 1, 4, 4, 1, 1, 2, 2]
            )[0]
            title, description = rng.choice(MATTERS[code])
            channel = rng.choice(CHANNELS)
        category = Category.objects.get(code=code)
        name = rng.choice(self.names[compound.pk] or ["居民"])
        case = services.submit_case(
            actor=self.gridworker if channel != "duty_desk" else self.staff,
            kind=kind,
            category=category,
            title=title,
            description=f"{compound.name}居民反映：{description}，希望社区帮助解决。",
            area=compound,
            channel=channel,
            requester_name=name,
            hide_requester=rng.random() < 0.1,
        )
        plan = _plan(rng, kind)
        moments = [start]
        for step in plan:
            low, high = GAPS[step]
            if step in ("accept", "claim") and rng.random() < 0.85:
                low, high = 0.3, 3  # most takers sign within the working day
            moments.append(moments[-1] + timedelta(hours=rng.uniform(low, high)))
        taken = 0
        for step, moment in zip(plan, moments[1:], strict=True):
            if moment > now:
                break
            if not self._step(case, step, compound, category):
                break
            taken += 1
            case.refresh_from_db()
        self._backdate(case, moments[: taken + 1])
        self.recent[(compound.pk, category.pk)] = case

    def _taker_user(self, case: Case) -> User:
        assignment = case.assignments.filter(active=True, role="lead").first()
        if assignment.unit_id:
            return self.liaisons[assignment.unit_id]
        return assignment.team.leaders.order_by("pk").first()

    def _step(self, case: Case, step: str, compound: Area, category: Category) -> bool:
        rng, staff = self.rng, self.staff
        if step == "triage":
            services.triage_case(actor=staff, case=case)
        elif step == "answer":
            services.answer_case(
                actor=staff, case=case, answer="已电话答复居民，讲清了办理政策和渠道。"
            )
        elif step == "reject":
            services.reject_case(
                actor=staff, case=case, reason="属于居民家庭内部事务，已引导通过其他渠道解决。"
            )
        elif step == "merge":
            earlier = self.recent.get((compound.pk, category.pk))
            if earlier is None or earlier.status in ("merged",):
                services.triage_case(actor=staff, case=case)
                return False
            services.merge_case(actor=staff, case=case, into=earlier, note="同一事项，合并办理")
        elif step == "withdraw":
            services.withdraw_case(actor=staff, case=case, reason="居民表示问题已自行解决")
        elif step == "dispatch":
            paired = self.paired.get(compound.pk) or [self.rng.choice(self.units)]
            tried = {a.unit_id for a in case.assignments.all()}
            lead = next((u for u in paired if u.pk not in tried), None)
            lead = lead or rng.choice([u for u in self.units if u.pk not in tried])
            services.dispatch_case(actor=staff, case=case, lead=lead)
        elif step == "object":
            services.object_case(
                actor=self._taker_user(case),
                case=case,
                reason="该事项不属于我单位职责范围，建议改派。",
            )
        elif step == "publish":
            services.publish_case(actor=staff, case=case, note="欢迎志愿服务队和党员认领")
        elif step == "claim":
            led = [t for t in self.teams if t.leaders.exists()]
            claimant = led[0].leaders.first() if led else self.liaisons[rng.choice(self.units).pk]
            services.claim_case(actor=claimant, case=case)
        elif step == "accept":
            services.accept_case(actor=self._taker_user(case), case=case)
        elif step == "escalate":
            lead = case.assignments.get(active=True, role="lead").unit_id
            units = rng.sample([u for u in self.units if u.pk != lead], 2)
            services.escalate_case(
                actor=self._taker_user(case),
                case=case,
                units=units,
                note="涉及多个部门职责，请相关单位到现场会商。",
            )
        elif step == "report_in":
            waiting = case.assignments.filter(role="summoned", reported_at=None).first()
            services.report_in(actor=self.liaisons[waiting.unit_id], case=case)
        elif step == "request_extension":
            services.request_extension(
                actor=self._taker_user(case),
                case=case,
                days=rng.choice([3, 5, 10]),
                reason="需要采购材料，工期较长。",
            )
        elif step == "decide_extension":
            ext = Extension.objects.get(case=case, decision="pending")
            services.decide_extension(actor=staff, extension=ext, approve=rng.random() < 0.85)
        elif step == "supervise":
            services.supervise_case(actor=self.admin, case=case, note="请加快办理，三日内办结。")
        elif step == "complete":
            services.complete_case(
                actor=self._taker_user(case), case=case, note=DONE[category.code]
            )
        elif step in ("verify_ok", "verify_fail"):
            ok = step == "verify_ok"
            note = "" if ok else "现场查看问题仍未彻底解决，退回继续办理。"
            services.verify_case(actor=self.gridworker, case=case, ok=ok, note=note)
        elif step == "rate":
            rating = _rating(rng)
            comment = rng.choice(COMMENTS[rating])
            services.rate_case(actor=staff, case=case, rating=rating, comment=comment)
            if rating == "dissatisfied" and rng.random() < 0.6:
                # Reasonable dissatisfaction: sent back, and this time it is put right.
                services.reopen_case(actor=staff, case=case, reason=comment or "居民仍不满意")
                case.refresh_from_db()
                services.accept_case(actor=self._taker_user(case), case=case)
                services.complete_case(
                    actor=self._taker_user(case), case=case, note="重新办理：" + DONE[category.code]
                )
                case.refresh_from_db()
                if case.status == "handled":
                    services.verify_case(actor=self.gridworker, case=case, ok=True)
                services.rate_case(actor=staff, case=case, rating="satisfied", comment="重办后满意")
        return True

    def _backdate(self, case: Case, moments: list[datetime]) -> None:
        """Move the case's events to the planned moments; steps after a reopen follow it."""
        events = list(Event.objects.filter(case=case).order_by("at", "pk"))
        last = moments[-1]
        stamped: dict[str, list[datetime]] = {}
        for i, event in enumerate(events):
            if i < len(moments):
                at = moments[i]
            else:  # the reopen round taken within one planned step, never after now
                later = last + timedelta(hours=self.rng.uniform(6, 40))
                last = max(last, min(later, timezone.now()))
                at = last
            Event.objects.filter(pk=event.pk).update(at=at)
            stamped.setdefault(event.action, []).append(at)
        fields = {"created_at": moments[0]}
        for field, action in (
            ("dispatched_at", "dispatch"),
            ("handled_at", "complete"),
            ("closed_at", "rate"),
            ("rated_at", "rate"),
        ):
            if action in stamped:
                fields[field] = stamped[action][-1]
        signed = stamped.get("accept", []) + stamped.get("claim", [])
        if signed:
            fields["signed_at"] = max(signed)
        for action in ("answer", "reject", "merge", "withdraw"):
            if action in stamped:
                fields["closed_at"] = stamped[action][-1]
        dispatched = stamped.get("dispatch", []) + stamped.get("reopen", [])
        if dispatched:
            base = max(dispatched)
            sign_due, handle_due = deadlines_from(case, base)
            for days in Extension.objects.filter(case=case, decision="approved").values_list(
                "days", flat=True
            ):
                handle_due = extended(handle_due, days)
            fields["sign_due_at"], fields["handle_due_at"] = sign_due, handle_due
            TransferCard.objects.filter(case=case).update(
                issued_at=base, due_at=fields["handle_due_at"]
            )
        elif "publish" in stamped:
            fields["sign_due_at"], fields["handle_due_at"] = deadlines_from(
                case, stamped["publish"][-1]
            )
        Case.objects.filter(pk=case.pk).update(
            **{k: v for k, v in fields.items() if hasattr(case, k)}
        )


def seed_year(communities: dict[str, Area], compounds: dict[str, Area]) -> int:
    """A year of demands in each community, ending now; returns how many were made."""
    rng = random.Random(2026)
    now = timezone.now()
    first_day = (now - timedelta(days=DAYS)).replace(hour=9, minute=0, second=0, microsecond=0)
    liaisons = _liaisons(list(Unit.objects.order_by("code")))
    admin = User.objects.get(username="admin")
    made = 0
    history_started = timezone.now()
    for index, community in enumerate(communities.values(), start=1):
        mine = [c for c in compounds.values() if c.path.startswith(community.path)]
        player = _Player(
            rng,
            community,
            mine,
            _community_staff(community, index),
            _grid_worker(community),
            liaisons,
            list(Team.objects.filter(community=community).prefetch_related("leaders")),
            admin,
        )
        for day in sorted(rng.randrange(DAYS) for _ in range(PER_COMMUNITY)):
            start = first_day + timedelta(days=day, hours=rng.uniform(0, 8))
            if start.weekday() >= 5 and rng.random() < 0.5:  # fewer reports at weekends
                continue
            player.play(start, now)
            made += 1
    # What happened weeks ago is no longer news: its notices are read and its mail is not sent.
    old = now - timedelta(days=7)
    news = Event.objects.filter(at__gte=old, case__created_at__gte=first_day)
    news_cases = {f"/cases/{pk}/" for pk in news.values_list("case_id", flat=True)}
    news_events = {str(pk) for pk in news.values_list("pk", flat=True)}
    Notification.objects.filter(created_at__gte=history_started, read_at=None).exclude(
        url__in=news_cases
    ).update(read_at=now)
    stale_mail = [
        pk
        for pk, key in OutboxEmail.objects.filter(
            created_at__gte=history_started, sent_at=None
        ).values_list("pk", "key")
        if key.split(":")[1] not in news_events
    ]
    OutboxEmail.objects.filter(pk__in=stale_mail).delete()
    services.mark_overdue()
    return made
