"""One table of moves, one of who may, one answer: the buttons on the case page, the check in the
service and the API's reply all come from `permissions.refusal`, so they cannot differ."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.cases import services
from grassroots.cases.api.running import OPERATIONS
from grassroots.cases.errors import CaseRefused
from grassroots.cases.forms.actions import ACTIONS
from grassroots.cases.permissions import WHO, refusal
from grassroots.cases.tests import factories as f
from grassroots.cases.tests.test_api import Api
from grassroots.cases.workflow import MOVES, ON_A_CASE, Action

pytestmark = pytest.mark.django_db


def test_every_action_has_its_move_and_its_rule():
    assert list(MOVES) == list(Action)
    assert set(WHO) == set(Action)


def test_every_action_on_a_case_has_a_page_form_and_an_api_operation():
    assert set(OPERATIONS) == set(ON_A_CASE) == set(Action) - {Action.SUBMIT}
    assert set(ACTIONS) == set(ON_A_CASE) - {Action.DISPATCH}  # dispatch has its own page


# action → (the service call, the API body) with the least input the action takes.
CALLS: dict[Action, tuple[Callable[..., object], dict | None]] = {
    Action.TRIAGE: (lambda actor, case: services.triage_case(actor=actor, case=case), {}),
    Action.WITHDRAW: (lambda actor, case: services.withdraw_case(actor=actor, case=case), {}),
    Action.DISPATCH: (
        lambda actor, case: services.dispatch_case(actor=actor, case=case, lead=f.unit()),
        None,  # the API body names the unit: made in the test, the unit is in the database
    ),
    Action.ACCEPT: (lambda actor, case: services.accept_case(actor=actor, case=case), {}),
    Action.VERIFY_OK: (
        lambda actor, case: services.verify_case(actor=actor, case=case, ok=True),
        {},
    ),
}


@pytest.mark.parametrize(
    ("username", "action", "state"),
    [
        ("secretary", Action.TRIAGE, "submitted"),
        ("resident", Action.TRIAGE, "submitted"),  # not theirs to triage
        ("resident", Action.WITHDRAW, "submitted"),  # their own, before triage
        ("resident", Action.WITHDRAW, "accepted"),  # after triage only the community may
        ("secretary", Action.DISPATCH, "accepted"),
        ("gridworker", Action.DISPATCH, "accepted"),
        ("liaison", Action.ACCEPT, "dispatched"),
        ("secretary", Action.ACCEPT, "dispatched"),  # the community does not sign for it
        ("secretary", Action.WITHDRAW, "handled"),  # too late: handled cannot be withdrawn
        ("gridworker", Action.VERIFY_OK, "handled"),
    ],
)
def test_the_buttons_the_service_and_the_api_give_the_same_answer(username, action, state):
    user, make = f.user(username), getattr(f, state)
    expected = refusal(user, action, make())

    client = Client()
    client.force_login(user)
    page = client.get(reverse("cases:detail", args=[make().pk]))
    shown = {slug for slug, _button, _form in page.context["forms"]}
    shown |= {Action.DISPATCH.value} if page.context["can_dispatch"] else set()
    assert (action.value in shown) == (expected is None)

    call, api_body = CALLS[action]
    if expected is None:
        call(user, make())
    else:
        with pytest.raises(CaseRefused) as refused:
            call(user, make())
        assert refused.value.code == expected.code
        assert str(refused.value.message) == str(expected.message)

    if api_body is None:
        api_body = {"lead": f"unit:{f.unit().pk}"}
    reply = Api(username).act(make().pk, action.value, **api_body)
    if expected is None:
        assert reply.status_code == 200, reply.content
    else:
        assert reply.status_code == expected.http_status
        assert reply.json()["error"]["code"] == expected.code
        assert reply.json()["error"]["message"] == str(expected.message)
