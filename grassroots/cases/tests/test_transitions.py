"""Every transition allowed from its states and refused elsewhere; a refusal changes nothing."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from grassroots.cases import services
from grassroots.cases.errors import CaseRefused
from grassroots.cases.models import Assignment, Case, Event, Extension, TransferCard
from grassroots.cases.tests import factories as f
from grassroots.cases.workflow import MOVES, Action, Status
from grassroots.core.models import AuditEntry
from grassroots.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _snapshot(case: Case):
    case.refresh_from_db()
    return (case.status, case.updated_at, Event.objects.filter(case=case).count())


def test_submit_records_the_case_its_event_and_tells_the_community():
    case = f.submitted()
    assert case.status == Status.SUBMITTED
    assert case.requester == f.user("resident")
    assert case.reference.endswith(f"{case.pk:06d}")
    assert list(case.events.values_list("action", flat=True)) == ["submit"]
    assert Notification.objects.filter(
        recipient=f.user("secretary"), url=f"/cases/{case.pk}/"
    ).exists()
    # Staff of another community are not told.
    assert not Notification.objects.filter(
        recipient=f.user("staff"), url=f"/cases/{case.pk}/"
    ).exists()


def test_grid_worker_records_on_behalf_only_in_their_area():
    case = f.submitted(by="gridworker", channel="grid_worker", requester_name="李大爷")
    assert case.recorded_by == f.user("gridworker") and case.requester is None
    assert case.requester_name == "李大爷"
    with pytest.raises(CaseRefused) as refused:
        f.submitted("火神庙后巷小区", by="gridworker", channel="grid_worker")
    assert refused.value.code == "forbidden"


@pytest.mark.parametrize("text", ["", "   ", "x" * 4001])
def test_bad_description_is_refused_and_nothing_written(text):
    before = Case.objects.count()
    with pytest.raises(CaseRefused) as refused:
        f.submitted(description=text)
    assert refused.value.code == "invalid"
    assert Case.objects.count() == before


def test_full_dispatch_path_to_a_satisfied_rating():
    case = f.closed()
    assert case.status == Status.CLOSED and case.rating == "satisfied"
    actions = list(case.events.values_list("action", flat=True))
    assert actions == ["submit", "triage", "dispatch", "accept", "complete", "verify_ok", "rate"]
    assert case.signed_at and case.handled_at and case.closed_at and case.rated_at
    lead = case.assignments.get(role="lead")
    assert lead.unit == f.unit("县中医医院")
    assert AuditEntry.objects.filter(target_type="cases.case", target_id=str(case.pk)).count() == 7


def test_publish_and_claim_by_a_unit_liaison():
    case = f.published()
    case = services.claim_case(actor=f.user("liaison"), case=case)
    assert case.status == Status.IN_PROGRESS
    assert case.assignments.get(role="lead", active=True).unit == f.unit("县中医医院")


def test_claim_by_a_party_member_takes_their_member_record():
    case = f.published("晋新小区")
    case = services.claim_case(actor=f.user("member"), case=case)
    lead = case.assignments.get(role="lead")
    assert lead.member.person.user == f.user("member")


def test_a_resident_cannot_claim():
    case = f.published()
    before = _snapshot(case)
    with pytest.raises(CaseRefused) as refused:
        services.claim_case(actor=f.user("resident"), case=case)
    assert refused.value.code == "forbidden"
    assert _snapshot(case) == before


def test_dispatch_to_the_paired_unit_issues_a_numbered_transfer_card():
    f.pair("县委组织部", "火神庙后巷小区")
    case = f.accepted("火神庙后巷小区", staff="staff")
    card = services.dispatch_case(actor=f.user("staff"), case=case, lead=f.unit("县委组织部"))
    assert card is not None and card.unit == f.unit("县委组织部")
    assert card.community.name == "城西社区"
    assert card.due_at == Case.objects.get(pk=case.pk).handle_due_at
    second = f.accepted("火神庙后巷小区", staff="staff")
    card2 = services.dispatch_case(actor=f.user("staff"), case=second, lead=f.unit("县委组织部"))
    assert card2.serial == card.serial + 1


def test_dispatch_to_an_unpaired_unit_issues_no_card():
    case = f.accepted()
    assert (
        services.dispatch_case(actor=f.user("secretary"), case=case, lead=f.unit("县人民法院"))
        is None
    )
    assert not TransferCard.objects.filter(case=case).exists()


def test_dispatch_with_co_handlers_and_lead_cannot_be_co():
    case = f.accepted()
    services.dispatch_case(
        actor=f.user("secretary"), case=case, lead=f.unit(), co_handlers=[f.unit("县人民法院")]
    )
    roles = sorted(case.assignments.values_list("role", flat=True))
    assert roles == ["co", "lead"]
    other = f.accepted()
    with pytest.raises(CaseRefused):
        services.dispatch_case(
            actor=f.user("secretary"), case=other, lead=f.unit(), co_handlers=[f.unit()]
        )
    assert Case.objects.get(pk=other.pk).status == Status.ACCEPTED


def test_object_returns_the_case_to_triage_with_the_reason():
    case = f.dispatched()
    case = services.object_case(actor=f.user("liaison"), case=case, reason="不属于本单位职责")
    assert case.status == Status.ACCEPTED
    assert not case.assignments.filter(active=True).exists()
    assert case.events.last().note == "不属于本单位职责"


def test_reject_answer_merge_and_withdraw():
    secretary = f.user("secretary")
    rejected = services.reject_case(actor=secretary, case=f.submitted(), reason="属私人纠纷")
    assert rejected.status == Status.REJECTED
    answered = services.answer_case(actor=secretary, case=f.submitted(), answer="已电话答复")
    assert answered.status == Status.ANSWERED
    first = f.submitted()
    duplicate = f.submitted()
    from grassroots.cases.selectors import duplicate_candidates

    assert first in duplicate_candidates(duplicate)
    merged = services.merge_case(actor=secretary, case=duplicate, into=first)
    assert merged.status == Status.MERGED and merged.duplicate_of == first
    mine = f.submitted()
    assert services.withdraw_case(actor=f.user("resident"), case=mine).status == Status.WITHDRAWN


def test_requester_cannot_withdraw_after_triage_but_the_community_can():
    case = f.accepted()
    with pytest.raises(CaseRefused):
        services.withdraw_case(actor=f.user("resident"), case=case)
    assert services.withdraw_case(actor=f.user("secretary"), case=case).status == Status.WITHDRAWN


def test_extension_request_and_approval_moves_the_deadline():
    case = f.in_progress()
    due = case.handle_due_at
    ext = services.request_extension(actor=f.user("liaison"), case=case, days=3, reason="等材料")
    with pytest.raises(CaseRefused):
        services.request_extension(actor=f.user("liaison"), case=case, days=2, reason="再等")
    ext = services.decide_extension(actor=f.user("secretary"), extension=ext, approve=True)
    case.refresh_from_db()
    assert ext.decision == Extension.Decision.APPROVED
    assert case.handle_due_at > due
    with pytest.raises(CaseRefused):
        services.decide_extension(actor=f.user("secretary"), extension=ext, approve=False)


def test_escalate_summons_units_which_report_in():
    case = f.in_progress()
    services.escalate_case(
        actor=f.user("liaison"), case=case, units=[f.unit("县人民法院")], note="需要法院协调"
    )
    summoned = case.assignments.get(role="summoned")
    assert summoned.reported_at is None
    from grassroots.accounts.models import RoleAssignment

    RoleAssignment.objects.create(
        user=f.user("liaison"), role="unit_liaison", unit=f.unit("县人民法院")
    )
    court = f.user("liaison")  # a fresh user object: its scope now includes the court
    services.report_in(actor=court, case=case)
    summoned.refresh_from_db()
    assert summoned.reported_at is not None


def test_verify_fail_sends_back_and_reopen_counts_repeats():
    case = f.handled()
    case = services.verify_case(actor=f.user("gridworker"), case=case, ok=False, note="仍有渗漏")
    assert case.status == Status.IN_PROGRESS
    with pytest.raises(CaseRefused):
        services.verify_case(actor=f.user("gridworker"), case=case, ok=False, note="")
    closed = f.closed(rating="dissatisfied")
    reopened = services.reopen_case(
        actor=f.user("secretary"), case=closed, reason="居民反映仍未解决"
    )
    assert reopened.status == Status.DISPATCHED and reopened.repeat_count == 1
    assert reopened.rating == ""
    assert reopened.assignments.get(role="lead", active=True).unit == f.unit()


def test_complete_records_cost_and_quantities():
    case = f.in_progress()
    case = services.complete_case(
        actor=f.user("liaison"),
        case=case,
        note="铺设新管道",
        cost_yuan=Decimal("30000"),
        quantities="新管道120米",
    )
    assert case.cost_yuan == Decimal("30000") and case.quantities == "新管道120米"
    assert case.events.last().data["cost_yuan"] == "30000"


def test_supervise_flags_the_case_and_tells_the_taker():
    case = f.in_progress()
    notice = services.supervise_case(actor=f.user("admin"), case=case, note="请于本周内办结")
    case.refresh_from_db()
    assert case.supervised and notice.note == "请于本周内办结"
    assert Notification.objects.filter(recipient=f.user("liaison"), title__contains="督办").exists()
    with pytest.raises(CaseRefused):
        services.supervise_case(actor=f.user("secretary"), case=case, note="x")


# Which factory yields a case in each state, for the refusal sweep below.
MAKERS = {
    Status.SUBMITTED: f.submitted,
    Status.ACCEPTED: f.accepted,
    Status.DISPATCHED: f.dispatched,
    Status.PUBLISHED: f.published,
    Status.IN_PROGRESS: f.in_progress,
    Status.HANDLED: f.handled,
    Status.REVISITING: f.revisiting,
    Status.CLOSED: f.closed,
}
CALLS = {
    "triage": lambda c: services.triage_case(actor=f.user("secretary"), case=c),
    "reject": lambda c: services.reject_case(actor=f.user("secretary"), case=c, reason="r"),
    "answer": lambda c: services.answer_case(actor=f.user("secretary"), case=c, answer="a"),
    "dispatch": lambda c: services.dispatch_case(actor=f.user("secretary"), case=c, lead=f.unit()),
    "publish": lambda c: services.publish_case(actor=f.user("secretary"), case=c),
    "claim": lambda c: services.claim_case(actor=f.user("liaison"), case=c),
    "accept": lambda c: services.accept_case(actor=f.user("liaison"), case=c),
    "object": lambda c: services.object_case(actor=f.user("liaison"), case=c, reason="r"),
    "complete": lambda c: services.complete_case(actor=f.user("liaison"), case=c, note="n"),
    "verify_ok": lambda c: services.verify_case(actor=f.user("gridworker"), case=c, ok=True),
    "rate": lambda c: services.rate_case(actor=f.user("resident"), case=c, rating="satisfied"),
    "reopen": lambda c: services.reopen_case(actor=f.user("secretary"), case=c, reason="r"),
    "withdraw": lambda c: services.withdraw_case(actor=f.user("secretary"), case=c),
}
REFUSALS = [
    (action, state)
    for action, call in CALLS.items()
    for state in MAKERS
    if state not in MOVES[Action(action)][0]
]


@pytest.mark.parametrize(("action", "state"), REFUSALS)
def test_action_from_a_wrong_state_is_refused_and_changes_nothing(action, state):
    case = MAKERS[state]()
    before = _snapshot(case)
    assignments = Assignment.objects.filter(case=case).count()
    with pytest.raises(CaseRefused) as refused:
        CALLS[action](case)
    assert refused.value.code == "conflict"
    assert _snapshot(case) == before
    assert Assignment.objects.filter(case=case).count() == assignments


@pytest.mark.parametrize(
    ("action", "state", "who"),
    [
        ("triage", Status.SUBMITTED, "staff"),  # another community's staff
        ("triage", Status.SUBMITTED, "resident"),
        ("dispatch", Status.ACCEPTED, "liaison"),
        ("accept", Status.DISPATCHED, "secretary"),
        ("accept", Status.DISPATCHED, "member"),
        ("complete", Status.IN_PROGRESS, "gridworker"),
        ("verify_ok", Status.HANDLED, "liaison"),
        ("rate", Status.REVISITING, "member"),
        ("reopen", Status.CLOSED, "resident"),
    ],
)
def test_action_by_the_wrong_person_is_refused_and_changes_nothing(action, state, who):
    case = MAKERS[state]()
    before = _snapshot(case)
    call = CALLS[action]
    from unittest import mock

    with (
        mock.patch.object(f, "user", lambda _name: f.User.objects.get(username=who)),
        pytest.raises(CaseRefused) as refused,
    ):
        call(case)
    assert refused.value.code == "forbidden"
    assert _snapshot(case) == before


def test_case_admin_is_read_only_and_its_action_calls_the_service(client):
    from django.urls import reverse

    client.force_login(f.user("admin"))
    case = f.submitted()
    wrong = f.closed()
    url = reverse("admin:cases_case_changelist")
    assert client.get(url).status_code == 200
    assert client.post(reverse("admin:cases_case_change", args=[case.pk]), {}).status_code == 403
    client.post(url, {"action": "triage", "_selected_action": [case.pk, wrong.pk]})
    assert Case.objects.get(pk=case.pk).status == Status.ACCEPTED
    assert Event.objects.filter(case=case, action="triage").exists()
    assert Case.objects.get(pk=wrong.pk).status == Status.CLOSED


def test_the_reference_carries_the_local_year_of_the_report():
    case = f.submitted()
    # 2026-01-01 01:30 in China is still 2025-12-31 in UTC.
    Case.objects.filter(pk=case.pk).update(created_at=datetime(2025, 12, 31, 17, 30, tzinfo=UTC))
    case.refresh_from_db()
    assert case.reference == f"2026-{case.pk:06d}"


def test_the_community_blows_the_whistle_and_a_late_report_in_counts_against_the_unit():
    """吹哨报到: the community (not only the lead taker) summons a unit, which reports in by a
    working-hours deadline; reporting in after it is recorded as late."""
    import datetime as dt

    from django.utils import timezone

    from grassroots.accounts.models import RoleAssignment

    case = f.in_progress()
    services.escalate_case(
        actor=f.user("secretary"), case=case, units=[f.unit("县人民法院")], note="需要法院到场"
    )
    summoned = case.assignments.get(role="summoned")
    assert summoned.report_due_at is not None and summoned.report_due_at > timezone.now()
    assert not summoned.reported_late
    summoned.report_due_at = timezone.now() - dt.timedelta(minutes=1)
    summoned.save(update_fields=["report_due_at"])
    RoleAssignment.objects.create(
        user=f.user("liaison"), role="unit_liaison", unit=f.unit("县人民法院")
    )
    services.report_in(actor=f.user("liaison"), case=case)
    summoned.refresh_from_db()
    assert summoned.reported_late
    assert case.events.filter(action="report_in").get().data == {"late": True}


def test_a_grid_worker_does_not_blow_the_whistle():
    case = f.in_progress()
    with pytest.raises(CaseRefused) as refused:
        services.escalate_case(
            actor=f.user("gridworker"), case=case, units=[f.unit("县人民法院")], note="想吹哨"
        )
    assert refused.value.code == "forbidden"
