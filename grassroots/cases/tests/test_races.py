"""Races settled by the database: of sixteen threads, exactly one wins; the rest get a clear no."""

import threading

import pytest
from django.db import connection

from grassroots.accounts.models import Role, RoleAssignment
from grassroots.cases import services
from grassroots.cases.errors import CaseRefused
from grassroots.cases.models import Assignment, Case, Event
from grassroots.cases.tests import factories as f
from grassroots.cases.workflow import Status
from grassroots.conftest import make_user
from grassroots.units.models import Unit

pytestmark = pytest.mark.django_db(transaction=True)
THREADS = 16


@pytest.fixture
def demo(db):
    from grassroots.demo.seed import seed_demo

    seed_demo(history=False)  # the county without its past year: the races need no history


def _race(fn, actors) -> list:
    """Run fn(actor) in one thread per actor, all released at once; return what each got."""
    barrier = threading.Barrier(len(actors))
    results: list = [None] * len(actors)

    def run(i, actor):
        try:
            barrier.wait()
            results[i] = fn(actor)
        except CaseRefused as refused:
            results[i] = refused
        except Exception as exc:
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actors)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def _liaisons(count: int):
    units = list(Unit.objects.order_by("code")[:count])
    users = []
    for i, unit in enumerate(units):
        user = make_user(f"racer{i:02d}")
        RoleAssignment.objects.create(user=user, role=Role.UNIT_LIAISON, unit=unit)
        users.append(user)
    return users


def _one_winner(results):
    wins = [r for r in results if isinstance(r, Case)]
    refusals = [r for r in results if isinstance(r, CaseRefused)]
    others = [r for r in results if not isinstance(r, (Case, CaseRefused))]
    assert others == []
    assert len(wins) == 1
    assert len(refusals) == THREADS - 1
    assert {r.code for r in refusals} == {"conflict"}
    return wins[0], refusals


def test_sixteen_units_claim_one_published_case_and_one_wins(demo):
    case = f.published()
    actors = _liaisons(THREADS)

    def claim(actor):
        return services.claim_case(actor=actor, case=Case.objects.get(pk=case.pk))

    _winner, refusals = _one_winner(_race(claim, actors))
    # Every loser is told the state the case is in now (whether it lost the UPDATE itself or
    # read the case after the winner had committed).
    now_label = str(Status.IN_PROGRESS.label)
    assert all(now_label in str(r.message) for r in refusals)
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS
    assert Assignment.objects.filter(case=case, role="lead", active=True).count() == 1
    assert Event.objects.filter(case=case, action="claim").count() == 1


def test_sixteen_accepts_of_one_dispatch_and_one_wins(demo):
    case = f.dispatched()
    liaison = f.user("liaison")

    def accept(actor):
        return services.accept_case(actor=actor, case=Case.objects.get(pk=case.pk))

    _one_winner(_race(accept, [liaison] * THREADS))
    assert Event.objects.filter(case=case, action="accept").count() == 1
    assert Case.objects.get(pk=case.pk).status == Status.IN_PROGRESS
