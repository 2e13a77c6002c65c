"""Finding a taker: 吹哨派单 with its transfer card, publishing for claiming, 接单 and 签收, and
the taker's objection."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.areas.models import Area
from grassroots.cases import selectors
from grassroots.cases.deadlines import deadlines_from
from grassroots.cases.errors import CaseRefused
from grassroots.cases.models import Assignment, Case, TransferCard
from grassroots.cases.services.moving import check, move, required, system_move, tell
from grassroots.cases.services.takers import Taker, assign, check_serves, claimant_for
from grassroots.cases.workflow import Action
from grassroots.core.numbering import issue_numbered
from grassroots.units.models import Unit


@transaction.atomic
def dispatch_case(
    *, actor, case: Case, lead: Taker, co_handlers=(), note: str = "", complex: bool | None = None
) -> TransferCard | None:
    """吹哨派单: send the case to one lead taker (and co-handlers) with working-time deadlines.

    A dispatch to a unit paired with the case's compound or community issues a transfer card.
    """
    if any(type(c) is type(lead) and c.pk == lead.pk for c in co_handlers):
        raise CaseRefused("invalid", _("The lead cannot also be a co-handler."))
    check(actor, Action.DISPATCH, case)
    for taker in (lead, *co_handlers):
        check_serves(taker, case)
    now = timezone.now()
    if complex is not None:
        case.complex = complex
    sign_due, handle_due = deadlines_from(case, now)
    fields = {
        "sign_due_at": sign_due,
        "handle_due_at": handle_due,
        "dispatched_at": now,
        "overdue": False,
    }
    if complex is not None:
        fields["complex"] = complex
    event = move(
        case, actor=actor, action=Action.DISPATCH, note=note, data={"lead": str(lead)}, **fields
    )
    case.assignments.filter(active=True).update(active=False)
    assign(case, lead, Assignment.Role.LEAD)
    for co in co_handlers:
        assign(case, co, Assignment.Role.CO)
    card = None
    if isinstance(lead, Unit) and any(u.pk == lead.pk for u in selectors.paired_units(case)):
        card = _issue_card(case, lead, actor)
    tell(selectors.takers_users(case), case, event, _("A demand was dispatched to you"))
    return card


def _issue_card(case: Case, unit: Unit, actor) -> TransferCard:
    """Number the county's next transfer card of the year; the unique (county, year, serial)
    settles concurrent issues, and the loser takes the number after."""
    year = timezone.localdate().year
    above = {a.path: a for a in Area.objects.filter(path__in=selectors.ancestor_paths(case.area))}
    county = above[case.area.county_path]
    community = next((a for a in above.values() if a.level == Area.Level.COMMUNITY), case.area)
    cards = TransferCard.objects.filter(county=county, year=year)
    card = issue_numbered(
        last=lambda: cards.order_by("-serial").values_list("serial", flat=True).first(),
        create=lambda serial: TransferCard.objects.create(
            case=case,
            unit=unit,
            county=county,
            prefix=county.short_name,
            year=year,
            serial=serial,
            issued_by=actor,
            community=community,
            due_at=case.handle_due_at,
        ),
    )
    if card is None:
        raise CaseRefused("conflict", _("Could not number the transfer card; try again."))
    return card


@transaction.atomic
def publish_case(*, actor, case: Case, note: str = "") -> Case:
    """Put the case on the board for a unit, team or party member to claim (认领)."""
    sign_due, handle_due = deadlines_from(case, timezone.now())
    move(
        case,
        actor=actor,
        action=Action.PUBLISH,
        note=note,
        sign_due_at=sign_due,
        handle_due_at=handle_due,
        overdue=False,
    )
    return case


@transaction.atomic
def publish_service_order(*, case: Case) -> Case:
    """A resident's order from the service menu (点单) needs no triage: the platform accepts it
    and puts it on the board for the compound's party members and units to take (接单)."""
    if case.kind != Case.Kind.SERVICE:
        raise CaseRefused("invalid", _("Only service orders go straight to the board."))
    system_move(case, Action.TRIAGE)
    sign_due, handle_due = deadlines_from(case, timezone.now())
    event = system_move(case, Action.PUBLISH, sign_due_at=sign_due, handle_due_at=handle_due)
    members = selectors.members_near(case)
    tell(members, case, event, _("A resident ordered a service near you"))
    return case


@transaction.atomic
def claim_case(*, actor, case: Case) -> Case:
    """接单: take a published case; of several claimants racing, exactly one wins."""
    taker = claimant_for(actor, case)
    now = timezone.now()
    event = move(case, actor=actor, action=Action.CLAIM, data={"taker": str(taker)}, signed_at=now)
    assign(case, taker, Assignment.Role.LEAD)
    tell(selectors.staff_for(case), case, event, _("A published demand was claimed"))
    return case


@transaction.atomic
def accept_case(*, actor, case: Case) -> Case:
    """The lead taker signs for a dispatched case (签收)."""
    event = move(case, actor=actor, action=Action.ACCEPT, signed_at=timezone.now())
    tell(selectors.staff_for(case), case, event, _("A dispatched demand was accepted"))
    return case


@transaction.atomic
def object_case(*, actor, case: Case, reason: str) -> Case:
    """The taker objects to a dispatch: the case goes back to the community to route again."""
    reason = required(reason, "reason", _("Say why the case is not yours to handle."))
    event = move(
        case,
        actor=actor,
        action=Action.OBJECT,
        note=reason,
        sign_due_at=None,
        handle_due_at=None,
        overdue=False,
    )
    case.assignments.filter(active=True).update(active=False)
    tell(selectors.staff_for(case), case, event, _("A taker objected to a dispatch"))
    return case
