"""Who sees a case's requester: the community handling it, the grid worker over it, the
requester and their recorder in full; everyone else the initial, or nothing when hidden. The
case page and the API answer alike for every role."""

import re

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from grassroots.cases.models import Case
from grassroots.cases.permissions import requester_view, shown_requester
from grassroots.cases.tests import factories as f
from grassroots.conftest import make_user
from grassroots.core.masking import mask_mobile

pytestmark = pytest.mark.django_db
NORTH = "晋新小区"  # 城北社区, where the demo member lives
WEST = "火神庙后巷小区"  # 城西社区, where the demo staff member and volunteer work

# (user, compound of the published case, what they see), in the area and outside it
VIEWS = [
    ("secretary", NORTH, "full"),
    ("gridworker", NORTH, "full"),
    ("admin", NORTH, "full"),
    ("cityadmin", NORTH, "full"),
    ("staff", WEST, "full"),
    ("resident", NORTH, "self"),
    ("liaison", NORTH, "initial"),
    ("member", NORTH, "initial"),
    ("volunteer", WEST, "initial"),
    ("auditor", NORTH, "initial"),
    ("cityauditor", NORTH, "initial"),
    # outside their area: the roles that would see everything see the initial at most
    ("secretary", WEST, "initial"),
    ("gridworker", WEST, "initial"),
    ("staff", NORTH, "initial"),
    ("volunteer", NORTH, "initial"),
    ("member", WEST, "initial"),
]


def _published(compound: str, *, hide: bool = False) -> Case:
    case = f.published(compound, staff="admin")
    Case.objects.filter(pk=case.pk).update(hide_requester=hide)
    case.refresh_from_db()
    return case


@pytest.mark.parametrize(("username", "compound", "view"), VIEWS)
def test_each_role_sees_the_requester_as_its_need_in_and_outside_its_area(username, compound, view):
    case = _published(compound)
    assert requester_view(f.user(username), case) == view
    hidden = _published(compound, hide=True)
    assert requester_view(f.user(username), hidden) == ("hidden" if view == "initial" else view)


def test_what_each_view_shows_of_the_requester():
    case = _published(NORTH)
    resident = f.user("resident")
    name, phone = case.requester_name, mask_mobile(resident.mobile)
    assert name == resident.get_full_name() and phone.count("*") == 4
    assert shown_requester("full", case) == shown_requester("self", case) == (name, phone)
    assert shown_requester("initial", case) == (name[0] + "**", "")
    assert shown_requester("hidden", case) == ("", "")


def test_who_recorded_a_case_for_a_resident_sees_them_even_outside_a_role():
    case = f.submitted(
        by="gridworker",
        channel="grid_worker",
        requester_name="李大爷",
        requester_phone="13812345678",
    )
    recorder = make_user("recorder")  # no role now: say, a grid worker who has moved on
    Case.objects.filter(pk=case.pk).update(recorded_by=recorder, hide_requester=True)
    case.refresh_from_db()
    assert requester_view(recorder, case) == "self"
    assert shown_requester("self", case) == ("李大爷", "138****5678")


def test_an_anonymous_visitor_is_no_recorder_of_a_case_without_one():
    from django.contrib.auth.models import AnonymousUser

    case = _published(NORTH)
    Case.objects.filter(pk=case.pk).update(requester=None, recorded_by=None)
    case.refresh_from_db()
    assert requester_view(AnonymousUser(), case) == "initial"


def _page_requester(html: str) -> str:
    [cell] = re.findall(r'<dd id="requester">(.*?)</dd>', html, re.S)
    return " ".join(strip_tags(cell).split())


@pytest.mark.parametrize("hide", [False, True], ids=["shown", "hidden"])
@pytest.mark.parametrize(("username", "compound", "view"), VIEWS)
def test_the_case_page_and_the_api_show_the_requester_alike(client, username, compound, view, hide):
    case = _published(compound, hide=hide)
    client.force_login(f.user(username))
    page = client.get(reverse("cases:detail", args=[case.pk]))
    api = client.get(f"/api/v1/cases/{case.pk}")
    events = client.get(f"/api/v1/cases/{case.pk}/events")
    if page.status_code == 404:  # outside the user's sight: both refuse alike
        assert api.status_code == events.status_code == 404
        return
    assert page.status_code == api.status_code == events.status_code == 200
    assert page.context["who"] == ("hidden" if hide and view == "initial" else view)
    shown = _page_requester(page.content.decode())
    name, phone = api.json()["requester_name"], api.json()["requester_phone"]
    assert (name, phone) == shown_requester(page.context["who"], case)
    if page.context["who"] == "hidden":
        assert name == phone == "" and case.requester_name not in shown
    else:
        assert shown.startswith(name) and phone in shown
        full, masked = case.requester_name, mask_mobile(case.requester_phone)
        assert (full in shown) == (full == name) and (masked in shown) == (masked == phone)
    # the timeline names the requester as its actor exactly when the API does
    [submitted] = [e for e in events.json() if e["action"] == "submit"]
    actor = f.user("resident").get_full_name()
    timeline = page.content.decode().split('id="timeline"', 1)[1]
    assert (actor in timeline) == (submitted["actor"] == actor)
    assert submitted["actor"] in (actor, "")
