"""The community workbench, the takers' inbox and the claim board (views/queues.py).

The workbench tests work in the small test county of conftest (北关社区), where the demo's cases
are out of sight, so every queue can be compared with exactly the cases built here.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from grassroots.accounts.models import Role, RoleAssignment
from grassroots.areas.models import Area
from grassroots.cases import services
from grassroots.cases.models import Case
from grassroots.cases.selectors import INBOX_TABS, QUEUES
from grassroots.cases.tests import factories as f
from grassroots.cases.workflow import Status
from grassroots.conftest import make_user
from grassroots.party.models import PartyMember

pytestmark = pytest.mark.django_db

WORKBENCH = reverse("cases:workbench")
INBOX = reverse("cases:inbox")
BOARD = reverse("cases:board")
QUEUE_BUDGET = 12  # the same with 1 case or 45: nothing is fetched per row
INBOX_BUDGET = 10


@pytest.fixture(autouse=True)
def hospital(county):
    """The test county's 县中医医院, whose liaison is the demo's (a liaison may serve a unit in
    each of two counties): the inbox and board below are theirs."""
    unit = f.county_unit(county)
    RoleAssignment.objects.create(user=f.user("liaison"), role=Role.UNIT_LIAISON, unit=unit)
    return unit


def _unit(place, name: str = "县中医医院"):
    """The unit of that name of the county `place` lies in."""
    return f.county_unit(Area.objects.get(path=place.county_path), name)


def _submit(area, *, title="下水道堵塞", kind=Case.Kind.PROBLEM, category=None) -> Case:
    return services.submit_case(
        actor=f.user("resident"),
        kind=kind,
        category=category or f.category(),
        title=title,
        description="巷道下水道堵塞，污水外溢。",
        area=area,
    )


def _walk(case: Case, staff, to: str) -> Case:
    """Move a submitted case of the test county on to the state `to`, through the services."""
    steps = {
        "accepted": lambda c: services.triage_case(actor=staff, case=c),
        "published": lambda c: services.publish_case(actor=staff, case=c),
        "dispatched": lambda c: services.dispatch_case(actor=staff, case=c, lead=_unit(c.area)),
        "in_progress": lambda c: services.accept_case(actor=f.user("liaison"), case=c),
        "handled": lambda c: services.complete_case(actor=f.user("liaison"), case=c, note="已疏通"),
        "revisiting": lambda c: services.verify_case(actor=staff, case=c, ok=True),
        "closed": lambda c: services.rate_case(actor=staff, case=c, rating="satisfied"),
    }
    path = {
        "published": ["accepted", "published"],
        "closed": ["accepted", "dispatched", "in_progress", "handled", "revisiting", "closed"],
    }.get(to)
    if path is None:
        order = ["accepted", "dispatched", "in_progress", "handled", "revisiting"]
        path = order[: order.index(to) + 1]
    for step in path:
        steps[step](case)
        case.refresh_from_db()
    return case


@pytest.fixture
def pipeline(compound, secretary):
    """One case in each state, in the test county's 幸福小区; the dispatched one runs late."""
    cases = {"submitted": _submit(compound)}
    for state in (
        "accepted",
        "published",
        "dispatched",
        "in_progress",
        "handled",
        "revisiting",
        "closed",
    ):
        cases[state] = _walk(_submit(compound, title=f"{state} 事项"), secretary, state)
    late = cases["dispatched"]
    Case.objects.filter(pk=late.pk).update(sign_due_at=timezone.now() - timedelta(hours=1))
    services.mark_overdue()
    return cases


def _listed(client, url, **params) -> list[int]:
    response = client.get(url, params)
    assert response.status_code == 200
    return [case.pk for case in response.context["page"]]


def _counts(response) -> dict[str, int]:
    return {name: count for name, _label, count in response.context["tabs"]}


def test_each_queue_lists_exactly_its_cases(client, secretary, pipeline):
    client.force_login(secretary)
    expected = {
        "to_triage": ["submitted"],
        "to_dispatch": ["accepted"],
        "not_signed": ["published", "dispatched"],
        "in_progress": ["in_progress"],
        "to_verify": ["handled"],
        "to_revisit": ["revisiting"],
        "overdue": ["dispatched"],
    }
    for queue, states in expected.items():
        listed = _listed(client, WORKBENCH, queue=queue)
        assert sorted(listed) == sorted(pipeline[s].pk for s in states), queue


def test_queue_counts_match_the_queues(client, secretary, pipeline):
    client.force_login(secretary)
    response = client.get(WORKBENCH)
    assert _counts(response) == {
        "to_triage": 1,
        "to_dispatch": 1,
        "not_signed": 2,
        "in_progress": 1,
        "to_verify": 1,
        "to_revisit": 1,
        "overdue": 1,
    }
    assert response.context["queue"] == "to_triage"


def test_unknown_queue_falls_back_to_triage(client, secretary, pipeline):
    client.force_login(secretary)
    assert _listed(client, WORKBENCH, queue="everything") == [pipeline["submitted"].pk]


def test_rows_show_tags_and_deadlines(client, secretary, county, pipeline):
    admin = make_user("county_admin_t", Role.COUNTY_ADMIN, area=county)
    services.supervise_case(actor=admin, case=pipeline["in_progress"], note="三日内办结")
    client.force_login(secretary)
    body = client.get(WORKBENCH, {"queue": "in_progress"}).content.decode()
    assert 'class="tag queue-supervised"' in body
    case = Case.objects.get(pk=pipeline["in_progress"].pk)
    assert timezone.localtime(case.handle_due_at).isoformat()[:16] in body
    assert reverse("cases:detail", args=[case.pk]) in body
    assert case.reference in body
    body = client.get(WORKBENCH, {"queue": "overdue"}).content.decode()
    assert 'class="tag queue-overdue"' in body


def test_workbench_stays_within_a_query_budget_however_many_rows(
    client, secretary, compound, building, django_assert_max_num_queries
):
    _submit(compound)
    client.force_login(secretary)
    with django_assert_max_num_queries(QUEUE_BUDGET):
        assert len(_listed(client, WORKBENCH, queue="to_triage")) == 1
    for i in range(22):
        _submit(compound, title=f"事项{i}")
        _submit(building, title=f"楼内事项{i}")
    with django_assert_max_num_queries(QUEUE_BUDGET):
        response = client.get(WORKBENCH, {"queue": "to_triage"})
    assert len(response.context["page"]) == 30
    assert response.context["page"].paginator.count == 45
    assert _counts(response)["to_triage"] == 45
    with django_assert_max_num_queries(QUEUE_BUDGET):
        assert len(_listed(client, WORKBENCH, queue="to_triage", page=2)) == 15


def test_dispatch_queue_stays_within_the_budget_with_its_bulk_form(
    client, secretary, compound, django_assert_max_num_queries
):
    for i in range(41):
        _walk(_submit(compound, title=f"事项{i}"), secretary, "accepted")
    client.force_login(secretary)
    with django_assert_max_num_queries(QUEUE_BUDGET + 1):
        response = client.get(WORKBENCH, {"queue": "to_dispatch"})
    assert response.context["bulk"] is not None
    assert response.content.decode().count('form="bulk"') == 30


def test_pages_keep_the_queue_and_filters(client, secretary, compound):
    for i in range(31):
        _submit(compound, title=f"事项{i}")
    client.force_login(secretary)
    body = client.get(WORKBENCH, {"queue": "to_triage", "q": "幸福"}).content.decode()
    assert "?queue=to_triage&amp;q=%E5%B9%B8%E7%A6%8F&amp;page=2" in body


def test_filters_by_category_kind_and_compound(client, secretary, community, compound, building):
    other = Area.objects.add_child(
        community, instance=Area(name="和平小区", level=Area.Level.COMPOUND)
    )
    lamps = f.category("queue-lamps", "测试路灯")
    drain = _submit(compound)
    in_building = _submit(building, title="楼道堵塞")
    lamp = _submit(other, title="路灯不亮", category=lamps)
    wish = _submit(other, title="想要一个图书角", kind=Case.Kind.WISH)
    client.force_login(secretary)
    everything = {drain.pk, in_building.pk, lamp.pk, wish.pk}
    assert set(_listed(client, WORKBENCH)) == everything
    assert _listed(client, WORKBENCH, category=lamps.pk) == [lamp.pk]
    assert _listed(client, WORKBENCH, kind="wish") == [wish.pk]
    assert set(_listed(client, WORKBENCH, q="幸福")) == {drain.pk, in_building.pk}
    assert _listed(client, WORKBENCH, q="图书角") == [wish.pk]
    assert _listed(client, WORKBENCH, q="和平", kind="problem") == [lamp.pk]
    response = client.get(WORKBENCH)
    places = {case.pk: case.place for case in response.context["page"]}
    assert places[in_building.pk] == "幸福小区 1号楼"
    assert places[drain.pk] == "幸福小区"


def test_bad_filter_is_reported_and_ignored(client, secretary, compound):
    case = _submit(compound)
    client.force_login(secretary)
    response = client.get(WORKBENCH, {"category": "drains", "kind": "nonsense"})
    assert [c.pk for c in response.context["page"]] == [case.pk]
    assert set(response.context["filters"].errors) == {"category", "kind"}
    assert 'class="error"' in response.content.decode()


def test_staff_of_another_community_sees_none_of_them(client, other_community, pipeline):
    outsider = make_user("staff_south", Role.COMMUNITY_STAFF, area=other_community)
    client.force_login(outsider)
    response = client.get(WORKBENCH)
    assert set(_counts(response).values()) == {0}
    for queue in ("to_triage", "to_dispatch", "not_signed", "overdue"):
        assert _listed(client, WORKBENCH, queue=queue) == []
    client.force_login(f.user("staff"))  # demo staff of 城西社区, another county altogether
    mine = set(_listed(client, WORKBENCH, queue="not_signed"))
    assert mine.isdisjoint(c.pk for c in pipeline.values())


def test_grid_worker_sees_the_queues_read_only(client, community, pipeline):
    grid = make_user("grid_n", Role.GRID_WORKER, area=community)
    client.force_login(grid)
    response = client.get(WORKBENCH, {"queue": "to_dispatch"})
    assert [c.pk for c in response.context["page"]] == [pipeline["accepted"].pk]
    assert response.context["bulk"] is None
    assert reverse("cases:bulk_dispatch") not in response.content.decode()


@pytest.mark.parametrize("username", ["resident", "liaison", "member", "volunteer"])
def test_workbench_is_forbidden_to_others(client, username):
    client.force_login(f.user(username))
    assert client.get(WORKBENCH).status_code == 403


@pytest.mark.parametrize("url", [WORKBENCH, INBOX, BOARD])
def test_anonymous_is_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# --- The takers' inbox ------------------------------------------------------------------------


def _inbox(client, tab) -> set[int]:
    return set(_listed(client, INBOX, tab=tab))


def test_inbox_tabs_for_the_liaison_of_the_unit(client, secretary, compound):
    liaison = f.user("liaison")  # 县中医医院
    client.force_login(liaison)
    before = {tab: _inbox(client, tab) for tab in ("to_accept", "in_progress", "done")}
    waiting = _walk(_submit(compound), secretary, "dispatched")
    working = _walk(_submit(compound), secretary, "in_progress")
    finished = _walk(_submit(compound), secretary, "handled")
    closed = _walk(_submit(compound), secretary, "closed")
    untaken = _walk(_submit(compound), secretary, "accepted")
    client.force_login(liaison)
    assert _inbox(client, "to_accept") - before["to_accept"] == {waiting.pk}
    assert _inbox(client, "in_progress") - before["in_progress"] == {working.pk}
    assert _inbox(client, "done") - before["done"] == {finished.pk, closed.pk}
    assert untaken.pk not in _inbox(client, "to_accept") | _inbox(client, "done")
    response = client.get(INBOX, {"tab": "to_accept"})
    counts = _counts(response)
    assert counts["to_accept"] == len(before["to_accept"]) + 1
    assert counts["done"] == len(before["done"]) + 2
    accept = reverse("cases:act", args=[waiting.pk, "accept"])
    assert f'action="{accept}"' in response.content.decode()


def test_inbox_offers_accept_to_the_lead_only(client, secretary, compound):
    other = _unit(compound, "县委组织部")
    case = _walk(_submit(compound), secretary, "accepted")
    services.dispatch_case(actor=secretary, case=case, lead=other, co_handlers=[_unit(compound)])
    client.force_login(f.user("liaison"))
    response = client.get(INBOX, {"tab": "to_accept"})
    row = next(c for c in response.context["page"] if c.pk == case.pk)
    assert (row.my_role, row.quick) == ("co", False)
    assert reverse("cases:act", args=[case.pk, "accept"]) not in response.content.decode()


def test_inbox_of_a_party_member_taker(client, secretary, compound):
    member_user = f.user("member")
    member = member_user.person.party_member
    PartyMember.objects.filter(pk=member.pk).update(home_compound=compound)  # moved here
    member.refresh_from_db()
    case = _walk(_submit(compound), secretary, "accepted")
    services.dispatch_case(actor=secretary, case=case, lead=member)
    client.force_login(member_user)
    assert case.pk in _inbox(client, "to_accept")
    other = _unit(compound, "县委组织部")
    client.force_login(make_user("liaison_other", Role.UNIT_LIAISON, unit=other))
    assert case.pk not in _inbox(client, "to_accept")


def test_inbox_stays_within_a_query_budget(
    client, secretary, compound, django_assert_max_num_queries
):
    client.force_login(f.user("liaison"))
    with django_assert_max_num_queries(INBOX_BUDGET):
        client.get(INBOX, {"tab": "to_accept"})
    for _ in range(32):
        _walk(_submit(compound), secretary, "dispatched")
    client.force_login(f.user("liaison"))
    with django_assert_max_num_queries(INBOX_BUDGET):
        response = client.get(INBOX, {"tab": "to_accept"})
    assert len(response.context["page"]) == 30


def test_resident_inbox_is_empty(client):
    client.force_login(f.user("resident"))
    response = client.get(INBOX, {"tab": "bogus"})
    assert response.context["tab"] == "to_accept"
    assert list(response.context["page"]) == []


# --- The claim board --------------------------------------------------------------------------


def test_claim_board_shows_published_cases_only(client, secretary, compound):
    client.force_login(f.user("liaison"))
    before = set(_listed(client, BOARD))
    first = _walk(_submit(compound), secretary, "published")
    second = _walk(_submit(compound), secretary, "published")
    others = [_walk(_submit(compound), secretary, s) for s in ("accepted", "dispatched")]
    client.force_login(f.user("liaison"))
    response = client.get(BOARD)
    listed = [c.pk for c in response.context["page"]]
    assert set(listed) - before == {first.pk, second.pk}
    assert listed.index(second.pk) < listed.index(first.pk)  # newest first
    assert not {c.pk for c in others} & set(listed)
    claim = reverse("cases:act", args=[second.pk, "claim"])
    assert f'action="{claim}"' in response.content.decode()


def test_claim_board_has_no_claim_button_for_a_resident(client, compound, secretary):
    client.force_login(f.user("resident"))
    case = _walk(_submit(compound), secretary, "published")
    client.force_login(f.user("resident"))  # the requester sees their own case, cannot claim it
    response = client.get(BOARD)
    assert case.pk in {c.pk for c in response.context["page"]}
    assert reverse("cases:act", args=[case.pk, "claim"]) not in response.content.decode()


def _fill(compound, secretary, rounds: int) -> None:
    """`rounds` cases in every open state, the dispatched ones late."""
    states = ("accepted", "published", "dispatched", "in_progress", "handled", "revisiting")
    for i in range(rounds):
        _submit(compound, title=f"待受理{i}")
        for state in states:
            _walk(_submit(compound, title=f"{state}{i}"), secretary, state)
    Case.objects.filter(status=Status.DISPATCHED).update(
        sign_due_at=timezone.now() - timedelta(hours=1)
    )
    services.mark_overdue()


QUEUE_PAGES = (
    [(WORKBENCH, "secretary", {"queue": q}) for q in QUEUES]
    + [(INBOX, "liaison", {"tab": t}) for t in INBOX_TABS]
    + [(BOARD, "liaison", {})]
)


@pytest.mark.parametrize(
    ("url", "who", "params"), QUEUE_PAGES, ids=lambda v: str(v).replace("/", "")
)
def test_every_queue_costs_as_many_queries_with_one_row_as_with_a_page(
    client, secretary, compound, url, who, params
):
    """A page of rows costs no more queries than one row: nothing is fetched per row."""
    user = secretary if who == "secretary" else f.user(who)

    def measure() -> tuple[int, int]:
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, params)
        assert response.status_code == 200
        return len(queries), len(response.context["page"])

    if url == BOARD:  # the demo's wish wall fills a page of the board: start from an empty one
        Case.objects.filter(status=Status.PUBLISHED).update(status=Status.ACCEPTED)
    _fill(compound, secretary, 1)
    few_queries, few_rows = measure()
    _fill(compound, secretary, 4)
    many_queries, many_rows = measure()
    assert many_rows > few_rows >= 1
    assert many_queries <= few_queries
    assert many_queries <= max(QUEUE_BUDGET, INBOX_BUDGET) + 1


def test_the_done_tab_shows_the_last_finished_first(client, secretary, compound):
    first = _walk(_submit(compound, title="先办结"), secretary, "handled")
    last = _walk(_submit(compound, title="后办结"), secretary, "handled")
    Case.objects.filter(pk=first.pk).update(handled_at=timezone.now() - timedelta(days=3))
    client.force_login(f.user("liaison"))
    listed = _listed(client, INBOX, tab="done")
    assert listed.index(last.pk) < listed.index(first.pk)
