"""Reads over cases: queues, suggestions and the people to tell."""

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import F, Q, QuerySet

from grassroots.accounts.models import Role, RoleAssignment, User
from grassroots.accounts.scopes import paths_q, scope_of
from grassroots.areas.models import Area
from grassroots.areas.queries import under
from grassroots.cases.models import Case
from grassroots.cases.permissions import cases_visible_to, taker_q
from grassroots.cases.workflow import FINISHED, OPEN, Status
from grassroots.units.models import Pairing, Unit

LIST_RELATED = ("category", "area")

# The community workbench's queues: name → filter over the cases in scope.
QUEUES: dict[str, Q] = {
    "to_triage": Q(status=Status.SUBMITTED),
    "to_dispatch": Q(status=Status.ACCEPTED),
    "not_signed": Q(status__in=[Status.DISPATCHED, Status.PUBLISHED]),
    "in_progress": Q(status=Status.IN_PROGRESS),
    "to_verify": Q(status=Status.HANDLED),
    "to_revisit": Q(status=Status.REVISITING),
    "overdue": Q(overdue=True, status__in=OPEN),
}
# The unit inbox's tabs over the cases the user's units (or member record, or teams) take.
INBOX_TABS: dict[str, Q] = {
    "to_accept": Q(status=Status.DISPATCHED),
    "in_progress": Q(status=Status.IN_PROGRESS),
    "done": Q(status__in=[Status.HANDLED, Status.REVISITING, Status.CLOSED]),
}


def ancestor_paths(area: Area) -> list[str]:
    steplen = Area.steplen
    return [area.path[: i * steplen] for i in range(1, len(area.path) // steplen + 1)]


def workbench_queue(user, queue: str) -> QuerySet[Case]:
    """One queue of the community workbench, oldest first."""
    qs = cases_visible_to(user).filter(QUEUES[queue]).select_related(*LIST_RELATED)
    return qs.order_by("created_at", "pk")


def queue_counts(user) -> dict[str, int]:
    """How many cases wait in each queue, in one query."""
    from django.db.models import Count

    visible = cases_visible_to(user)
    return visible.aggregate(**{name: Count("pk", filter=q) for name, q in QUEUES.items()})


def inbox_tab(user, tab: str) -> QuerySet[Case]:
    """The cases the user's units, teams or member record take, for one inbox tab."""
    mine = Case.objects.filter(taker_q(user)).values("pk")
    qs = Case.objects.filter(pk__in=mine).filter(INBOX_TABS[tab]).select_related(*LIST_RELATED)
    if tab == "done":  # what was finished last is what the taker looks for
        return qs.order_by(F("handled_at").desc(nulls_last=True), "-pk")
    return qs.order_by("handle_due_at", "pk")  # the most pressing first


def claim_board(user, *, area: Area | None = None, kind: str = "") -> QuerySet[Case]:
    """Published cases the user may claim, newest first; optionally of one area and kind."""
    cases = cases_visible_to(user).filter(status=Status.PUBLISHED)
    if area is not None:
        cases = cases.filter(under(area))
    if kind in Case.Kind.values:
        cases = cases.filter(kind=kind)
    return cases.select_related(*LIST_RELATED).order_by("-created_at", "-pk")


def cases_of_requester(user) -> QuerySet[Case]:
    return (
        Case.objects.filter(Q(requester=user) | Q(recorded_by=user))
        .select_related(*LIST_RELATED)
        .order_by("-created_at", "-pk")
    )


def duplicate_candidates(case: Case) -> QuerySet[Case]:
    """Cases from the same compound and category within 30 days: likely the same matter."""
    compound = case.area if case.area.level == Area.Level.COMPOUND else None
    path = compound.path if compound else case.area.path[: -Area.steplen]
    since = case.created_at - timedelta(days=30)
    return (
        Case.objects.filter(
            area__path__startswith=path, category=case.category_id, created_at__gte=since
        )
        .exclude(pk=case.pk)
        .exclude(status=Status.MERGED)
        .order_by("-created_at")
    )


def paired_units(case: Case) -> list[Unit]:
    """Units paired (包联) with the case's compound, then with its community: suggested first."""
    paths = ancestor_paths(case.area)
    pairings = (
        Pairing.objects.filter(area__path__in=paths)
        .select_related("unit", "area")
        .order_by("-area__depth", "unit__name")
    )
    seen, units = set(), []
    for p in pairings:
        if p.unit_id not in seen:
            seen.add(p.unit_id)
            units.append(p.unit)
    return units


def staff_for(case: Case, roles=(Role.COMMUNITY_STAFF, Role.COMMUNITY_SECRETARY)) -> QuerySet[User]:
    """Users holding one of `roles` scoped to an area above the case."""
    paths = ancestor_paths(case.area)
    ids = RoleAssignment.objects.filter(role__in=roles, area__path__in=paths).values("user_id")
    return User.objects.filter(pk__in=ids, is_active=True)


def takers_users(case: Case) -> QuerySet[User]:
    """The people behind the case's active takers: unit liaisons, team leaders, the member."""
    active = case.assignments.filter(active=True)
    unit_ids = active.exclude(unit=None).values("unit_id")
    team_ids = active.exclude(team=None).values("team_id")
    member_ids = active.exclude(member=None).values("member_id")
    return User.objects.filter(
        Q(liaison_units__in=unit_ids)
        | Q(led_teams__in=team_ids)
        | Q(person__party_member__in=member_ids),
        is_active=True,
    ).distinct()


def members_near(case: Case) -> QuerySet[User]:
    """Party members whose role scope holds the case's place (they see it on their board)."""
    paths = ancestor_paths(case.area)
    ids = RoleAssignment.objects.filter(role=Role.PARTY_MEMBER, area__path__in=paths).values(
        "user_id"
    )
    return User.objects.filter(pk__in=ids, is_active=True)


@dataclass(frozen=True)
class CaseFilter:
    """The filters of the case list (and of every dashboard figure that counts cases): the
    same object narrows the list, its Excel ledger and the figure, so they always agree."""

    area_paths: tuple[str, ...] = ()  # one area, or several summed
    kind: str = ""
    group: str = ""  # "open" or "finished"
    status: str = ""
    category: int | None = None
    channel: str = ""
    month: str = ""  # YYYY-MM of submission
    year: int | None = None  # of submission
    overdue: bool = False

    def apply(self, cases: QuerySet[Case]) -> QuerySet[Case]:
        if self.area_paths:
            cases = cases.filter(paths_q(self.area_paths, "area__path"))
        if self.kind:
            cases = cases.filter(kind=self.kind)
        if self.group == "open":
            cases = cases.filter(status__in=OPEN)
        elif self.group == "finished":
            cases = cases.filter(status__in=FINISHED)
        if self.status:
            cases = cases.filter(status=self.status)
        if self.category:
            cases = cases.filter(category_id=self.category)
        if self.channel:
            cases = cases.filter(channel=self.channel)
        if self.month:
            year, month = (int(x) for x in self.month.split("-"))
            cases = cases.filter(created_at__year=year, created_at__month=month)
        if self.year:
            cases = cases.filter(created_at__year=self.year)
        if self.overdue:
            cases = cases.filter(overdue=True, status__in=OPEN)
        return cases

    def query(self) -> str:
        """The filter as a query string for links (the dashboards' drill-down)."""
        pairs = {
            "kind": self.kind,
            "group": self.group,
            "status": self.status,
            "category": self.category or "",
            "channel": self.channel,
            "month": self.month,
            "year": self.year or "",
            "overdue": "1" if self.overdue else "",
        }
        return urlencode({k: v for k, v in pairs.items() if v})


def case_list(user, roles, flt: CaseFilter) -> QuerySet[Case]:
    """The cases a reader may list (their areas under `roles`), narrowed by the filter, newest
    first."""
    visible = Case.objects.filter(scope_of(user).area_q("area__path", roles=roles))
    return flt.apply(visible).select_related("category", "area").order_by("-created_at", "-pk")
