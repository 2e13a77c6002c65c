"""Who may see a case and who may take each action on it.

`WHO` is the one table of who may take which action; `refusal(user, action, case)` is the one
answer, asked by the case page (its buttons), the services (their check), the dispatch page and
the API, so what a person is shown, what a service lets through and what the API answers agree.
"""

from collections.abc import Callable

from django.db.models import Q, QuerySet
from django.http import Http404

from grassroots.accounts.models import ADMIN_ROLES, AUDIT_ROLES, Role
from grassroots.accounts.scopes import scope_of
from grassroots.areas.queries import within
from grassroots.cases.errors import FORBIDDEN, NOT_NOW, CaseRefused
from grassroots.cases.models import Assignment, Case
from grassroots.cases.workflow import ON_A_CASE, Action, Status, allowed
from grassroots.core.masking import mask_mobile

# Roles that run the pipeline for the areas they are scoped to.
COMMUNITY_ROLES = (Role.COMMUNITY_STAFF, Role.COMMUNITY_SECRETARY, *ADMIN_ROLES)
READ_ROLES = (*COMMUNITY_ROLES, Role.GRID_WORKER, *AUDIT_ROLES)
# Roles that may take published cases (接单/认领).
CLAIM_ROLES = (Role.UNIT_LIAISON, Role.PARTY_MEMBER, Role.VOLUNTEER)
# Roles that need to reach the requester: the community handling the case (with the county or
# city organisation department over it) and the grid worker who verifies it on site.
REQUESTER_ROLES = (*COMMUNITY_ROLES, Role.GRID_WORKER)
# The requester views that show who asked (name and masked phone).
SEES_REQUESTER = ("full", "self")


def taker_q(user, prefix: str = "assignments__") -> Q:
    """Assignments that belong to the user: their units, their party member record, their teams.

    Each taker is matched by id against a small subquery, so the assignment indexes serve it."""
    from grassroots.party.models import PartyMember
    from grassroots.volunteering.models import Team

    scope = scope_of(user)
    q = Q(**{f"{prefix}unit__in": scope.unit_ids()}) if scope.unit_ids() else Q(pk__in=[])
    members = PartyMember.objects.filter(person__user=user).values("pk")
    teams = Team.objects.filter(leaders=user).values("pk")
    q |= Q(**{f"{prefix}member__in": members}) | Q(**{f"{prefix}team__in": teams})
    return q & Q(**{f"{prefix}active": True})


def cases_visible_to(user) -> QuerySet[Case]:
    """Cases in the user's area scope, cases they take or asked for, and the claim board."""
    scope = scope_of(user)
    if scope.is_superuser:
        return Case.objects.all()
    # The area scope comes first: a row it matches needs no other test, so counting a staff
    # member's cases reads the (area, status, created_at) index alone.
    q = Q(pk__in=[])
    if scope.has(*READ_ROLES):
        q |= within(scope.area_q("path", roles=READ_ROLES))
    q |= Q(requester=user) | Q(recorded_by=user)
    takes = Assignment.objects.filter(taker_q(user, prefix="")).values("case_id")
    q |= Q(pk__in=takes)
    if scope.has(*CLAIM_ROLES):
        # The claim board: published cases where a member or volunteer is scoped, and where
        # one's unit serves (its county, or the city for a city unit).
        q |= Q(status=Status.PUBLISHED) & within(scope.area_q("path", roles=CLAIM_ROLES))
        if scope.unit_ids(roles=[Role.UNIT_LIAISON]):
            served = scope.unit_area_q("path", roles=[Role.UNIT_LIAISON])
            q |= Q(status=Status.PUBLISHED) & within(served)
    return Case.objects.filter(q)


def reads_everything_under(user, area) -> bool:
    """Whether every case in `area` and below is visible to the user (their area scope covers
    it), so lists there need not test each case's visibility."""
    return scope_of(user).covers(area, READ_ROLES)


def access_case(user, pk) -> Case:
    """The case, or 404 for anyone who may not see it."""
    case = cases_visible_to(user).select_related("category", "area").filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


def requester_view(user, case: Case) -> str:
    """How much of the case's requester the user sees, on the case page and in the API alike:
    "full" for the roles that need them over the case's area, "self" for the requester and
    whoever recorded the case for them (both: name and masked phone), and for everyone else
    "initial" (张**), or "hidden" when the requester asked not to be shown."""
    if scope_of(user).covers(case.area, REQUESTER_ROLES):
        return "full"
    if getattr(user, "is_authenticated", False) and user.pk in (
        case.requester_id,
        case.recorded_by_id,
    ):
        return "self"
    return "hidden" if case.hide_requester else "initial"


def shown_requester(view: str, case: Case) -> tuple[str, str]:
    """The requester's name and phone (masked) as `view` (see `requester_view`) allows."""
    if view in SEES_REQUESTER:
        return case.requester_name, mask_mobile(case.requester_phone)
    name = case.requester_name.strip()
    if view == "initial" and name:
        return f"{name[:1]}**", ""
    return "", ""


def is_taker(user, case: Case, *, lead_only: bool = True) -> bool:
    """Whether the user takes the case (as its active lead, or in any active role)."""
    qs = case.assignments.filter(taker_q(user, prefix=""))
    if lead_only:
        qs = qs.filter(role=Assignment.Role.LEAD)
    return qs.exists()


def is_requester(user, case: Case) -> bool:
    return case.requester_id is not None and case.requester_id == user.pk


# --- Who may: one rule per kind of actor ------------------------------------------------------

Rule = Callable[..., bool]


def _community(user, case: Case) -> bool:
    """The community running the case's place (with the county and city admins over it)."""
    return scope_of(user).covers(case.area, COMMUNITY_ROLES)


def _lead_taker(user, case: Case) -> bool:
    return is_taker(user, case)


def _claimant(user, case: Case) -> bool:
    """Units claim where they serve; members and volunteers in the areas they are scoped to."""
    scope = scope_of(user)
    return scope.serves(case.area, [Role.UNIT_LIAISON]) or scope.covers(
        case.area, (Role.PARTY_MEMBER, Role.VOLUNTEER)
    )


def _summoned(user, case: Case) -> bool:
    mine = case.assignments.filter(taker_q(user, prefix=""), role=Assignment.Role.SUMMONED)
    return mine.exists()


def _whistler(user, case: Case) -> bool:
    """吹哨: the lead taker, or the community or street running the place (with the county)."""
    return is_taker(user, case) or _community(user, case)


def _verifier(user, case: Case) -> bool:
    return scope_of(user).covers(case.area, (Role.GRID_WORKER, *COMMUNITY_ROLES))


def _requester_or_community(user, case: Case) -> bool:
    return is_requester(user, case) or _community(user, case)


def _county(user, case: Case) -> bool:
    return scope_of(user).covers(case.area, ADMIN_ROLES)


def _withdrawer(user, case: Case) -> bool:
    """The requester before triage, the community at any open step the moves allow."""
    before_triage = is_requester(user, case) and case.status == Status.SUBMITTED
    return before_triage or _community(user, case)


def _nobody(user, case: Case) -> bool:
    """Submitting is not taken on a case: `services.submit_case` checks the reporter's area."""
    return False


A = Action
# The one table of who may take each action (the state allowing it is `workflow.MOVES`).
WHO: dict[Action, Rule] = {
    A.SUBMIT: _nobody,
    A.TRIAGE: _community,
    A.REJECT: _community,
    A.ANSWER: _community,
    A.MERGE: _community,
    A.DISPATCH: _community,
    A.PUBLISH: _community,
    A.CLAIM: _claimant,
    A.ACCEPT: _lead_taker,
    A.OBJECT: _lead_taker,
    A.REQUEST_EXTENSION: _lead_taker,
    A.DECIDE_EXTENSION: _community,
    A.ESCALATE: _whistler,
    A.REPORT_IN: _summoned,
    A.COMPLETE: _lead_taker,
    A.VERIFY_OK: _verifier,
    A.VERIFY_FAIL: _verifier,
    A.RATE: _requester_or_community,
    A.REOPEN: _community,
    A.SUPERVISE: _county,
    A.WITHDRAW: _withdrawer,
}


def refusal(user, action: str, case: Case) -> CaseRefused | None:
    """Why `user` may not take `action` on `case` now, or None when they may: first the state
    (`conflict`, "cannot be done while …"), then the person (`forbidden`)."""
    if not allowed(action, case.status):
        return CaseRefused("conflict", NOT_NOW % {"status": Status(case.status).label})
    if not getattr(user, "is_authenticated", False) or not WHO[Action(action)](user, case):
        return CaseRefused("forbidden", FORBIDDEN)
    return None


def can(user, action: str, case: Case) -> bool:
    """Whether `user` may take `action` on `case` now (`refusal` has nothing to say)."""
    return refusal(user, action, case) is None


def actions_for(user, case: Case) -> list[str]:
    """Every action the user may take on the case now: its page's buttons, its API's list."""
    return [a.value for a in ON_A_CASE if can(user, a, case)]
