"""吹哨派单 pages: the dispatch form with suggested takers, and bulk dispatch from the workbench."""

import pytest
from django.urls import reverse

from grassroots.accounts.models import Role
from grassroots.cases import services
from grassroots.cases.dispatching import DispatchForm, taker_key
from grassroots.cases.errors import CaseRefused
from grassroots.cases.models import Assignment, Case, TransferCard
from grassroots.cases.tests import factories as f
from grassroots.cases.workflow import Status
from grassroots.conftest import make_user
from grassroots.party.models import PartyMember
from grassroots.units.models import Unit
from grassroots.volunteering.models import Team

pytestmark = pytest.mark.django_db

HUOSHENMIAO = "火神庙后巷小区"  # a compound of 城西社区, where the demo user "staff" works


def _accepted_west() -> Case:
    case = f.submitted(HUOSHENMIAO)
    return services.triage_case(actor=f.user("staff"), case=case)


def _url(case: Case) -> str:
    return reverse("cases:dispatch", args=[case.pk])


def _options(response) -> list[str]:
    """The lead <select>'s option values, in the order shown."""
    groups = response.context["form"].fields["lead"].choices[1:]
    return [value for _label, options in groups for value, _name in options]


def test_dispatch_form_lists_the_paired_unit_first(client):
    f.pair("县委组织部", HUOSHENMIAO)
    case = _accepted_west()
    client.force_login(f.user("staff"))
    response = client.get(_url(case))
    assert response.status_code == 200
    paired = {u.name for u in response.context["form"].suggested}
    assert "县委组织部" in paired
    options = _options(response)
    unit_key = taker_key(f.unit("县委组织部"))
    first_other = next(o for o in options if o.startswith("unit:") and _name(o) not in paired)
    assert options.index(unit_key) < options.index(first_other)
    assert options[: len(paired)] == [taker_key(u) for u in response.context["form"].suggested]
    body = response.content.decode()
    assert body.index(f'value="{unit_key}"') < body.index(f'value="{first_other}"')


def _name(key: str) -> str:
    from grassroots.cases.dispatching import taker_from_key

    return taker_from_key(key).name


def test_dispatch_form_offers_the_communitys_teams_and_the_compounds_members_masked(client):
    case = _accepted_west()
    client.force_login(f.user("staff"))
    response = client.get(_url(case))
    options = set(_options(response))
    teams = Team.objects.filter(community__name="城西社区")
    members = PartyMember.objects.filter(home_compound__name=HUOSHENMIAO).select_related("person")
    assert teams.exists() and members.exists()
    assert {taker_key(t) for t in teams} <= options
    assert {taker_key(m) for m in members} <= options
    assert not {taker_key(t) for t in Team.objects.filter(community__name="城北社区")} & options
    body = response.content.decode()
    for member in members:
        assert member.person.name in body
        if member.person.mobile:
            assert member.person.mobile not in body
            assert f"{member.person.mobile[:3]}****{member.person.mobile[-4:]}" in body


def test_find_narrows_the_other_units(client):
    f.pair("县委组织部", HUOSHENMIAO)
    case = _accepted_west()
    client.force_login(f.user("staff"))
    response = client.get(_url(case), {"find": "医院"})
    units = [o for o in _options(response) if o.startswith("unit:")]
    paired = [taker_key(u) for u in response.context["form"].suggested]
    others = [_name(o) for o in units if o not in paired]
    assert others and all("医院" in name for name in others)
    assert taker_key(f.unit("县委组织部")) in units  # the suggested ones always stay


def test_dispatch_to_the_paired_unit_issues_a_transfer_card(client):
    f.pair("县委组织部", HUOSHENMIAO)
    case = _accepted_west()
    unit = f.unit("县委组织部")
    client.force_login(f.user("staff"))
    response = client.post(
        _url(case),
        {
            "lead": taker_key(unit),
            "co_handlers": [f.unit().pk],
            "note": "尽快处理",
            "complex": "on",
        },
        follow=True,
    )
    assert response.redirect_chain == [(reverse("cases:detail", args=[case.pk]), 302)]
    case.refresh_from_db()
    assert case.status == Status.DISPATCHED and case.complex is True
    lead = case.assignments.get(role=Assignment.Role.LEAD, active=True)
    assert lead.unit == unit
    assert [a.unit for a in case.assignments.filter(role=Assignment.Role.CO)] == [f.unit()]
    card = TransferCard.objects.get(case=case)
    assert card.unit == unit
    shown = [str(m) for m in response.context["messages"]]
    assert any(card.number in m and reverse("cases:card", args=[card.pk]) in m for m in shown)
    assert f'href="{reverse("cases:card", args=[card.pk])}"' in response.content.decode()


def test_dispatch_to_a_team_or_a_member_issues_no_card(client):
    team = Team.objects.filter(community__name="城西社区").order_by("pk").first()
    member = PartyMember.objects.filter(home_compound__name=HUOSHENMIAO).order_by("pk").first()
    client.force_login(f.user("staff"))
    for taker, field in ((team, "team"), (member, "member")):
        case = _accepted_west()
        response = client.post(_url(case), {"lead": taker_key(taker)})
        assert response.status_code == 302
        lead = Assignment.objects.get(case=case, role="lead", active=True)
        assert getattr(lead, field) == taker
        assert not TransferCard.objects.filter(case=case).exists()


def test_bare_unit_number_still_dispatches(client):
    case = _accepted_west()
    client.force_login(f.user("staff"))
    assert client.post(_url(case), {"lead": f.unit().pk}).status_code == 302
    assert Assignment.objects.get(case=case, role="lead").unit == f.unit()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"lead": "unit:99999999"},
        {"lead": "district:1"},
        {"lead": "team:<other>"},
        {"lead": "unit:<lead>", "co_handlers": ["<lead>"]},
        {"lead": "unit:<lead>", "note": "长" * 501},
    ],
)
def test_bad_dispatch_input_changes_nothing(client, data):
    case = _accepted_west()
    north_team = Team.objects.filter(community__name="城北社区").first()
    lead = f.unit()
    fill = {"<other>": str(north_team.pk), "<lead>": str(lead.pk)}
    for key, value in list(data.items()):
        if isinstance(value, list):
            data[key] = [fill.get(v, v) for v in value]
        else:
            for placeholder, real in fill.items():
                value = value.replace(placeholder, real)
            data[key] = value
    client.force_login(f.user("staff"))
    response = client.post(_url(case), data)
    assert response.status_code in (200, 400)
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED
    assert not case.assignments.exists()
    form = response.context["form"]
    assert form.errors or list(response.context["messages"])


def test_dispatch_refused_in_the_wrong_state_changes_nothing(client):
    case = f.submitted(HUOSHENMIAO)
    client.force_login(f.user("staff"))
    response = client.post(_url(case), {"lead": taker_key(f.unit())}, follow=True)
    assert response.redirect_chain == [(reverse("cases:detail", args=[case.pk]), 302)]
    assert len(list(response.context["messages"])) == 1
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED and case.dispatched_at is None
    assert not case.assignments.exists() and not case.events.filter(action="dispatch").exists()
    assert client.get(_url(case)).status_code == 302


def test_dispatch_after_someone_published_it_is_refused(client):
    case = _accepted_west()
    client.force_login(f.user("staff"))
    form_page = client.get(_url(case))
    assert form_page.status_code == 200
    services.publish_case(actor=f.user("staff"), case=Case.objects.get(pk=case.pk))
    response = client.post(_url(case), {"lead": taker_key(f.unit())})
    assert response.status_code == 302  # the state moved on: back to the case with the reason
    case.refresh_from_db()
    assert case.status == Status.PUBLISHED and not case.assignments.exists()


def test_dispatch_page_is_404_for_an_outsider(client):
    case = f.accepted()  # 骨科小区 in 城北社区
    client.force_login(f.user("staff"))  # 城西社区
    assert client.get(_url(case)).status_code == 404
    assert client.post(_url(case), {"lead": taker_key(f.unit())}).status_code == 404
    assert Case.objects.get(pk=case.pk).status == Status.ACCEPTED


@pytest.mark.parametrize("username", ["resident", "gridworker"])
def test_dispatch_page_is_forbidden_to_who_sees_but_may_not_dispatch(client, username):
    case = f.accepted()  # the resident asked for it, the grid worker's area holds it
    client.force_login(f.user(username))
    assert client.get(_url(case)).status_code == 403
    assert client.post(_url(case), {"lead": taker_key(f.unit())}).status_code == 403
    assert Case.objects.get(pk=case.pk).status == Status.ACCEPTED


def test_dispatch_page_sends_anonymous_to_sign_in(client):
    case = f.accepted()
    assert client.get(_url(case)).url.startswith(reverse("login"))


def test_dispatch_form_validates_takers_against_the_whole_list():
    case = _accepted_west()
    form = DispatchForm({"lead": taker_key(f.unit("县委组织部"))}, case=case, find="医院")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["lead"] == f.unit("县委组织部")


# --- Bulk dispatch ----------------------------------------------------------------------------

BULK = reverse("cases:bulk_dispatch")


def test_bulk_dispatch_of_three_with_one_in_the_wrong_state(client):
    ok1, ok2, wrong = f.accepted(), f.accepted(), f.submitted()
    client.force_login(f.user("secretary"))
    response = client.post(
        BULK, {"lead": f.unit().pk, "case": [ok1.pk, wrong.pk, ok2.pk]}, follow=True
    )
    assert response.redirect_chain == [(reverse("cases:workbench") + "?queue=to_dispatch", 302)]
    statuses = dict(
        Case.objects.filter(pk__in=[ok1.pk, ok2.pk, wrong.pk]).values_list("pk", "status")
    )
    assert statuses == {ok1.pk: "dispatched", ok2.pk: "dispatched", wrong.pk: "submitted"}
    shown = [(m.level_tag, str(m)) for m in response.context["messages"]]
    successes = [text for tag, text in shown if tag == "success"]
    refusals = [text for tag, text in shown if tag == "error"]
    assert len(successes) == 1 and "2" in successes[0]
    assert len(refusals) == 1 and refusals[0].startswith(wrong.reference)
    assert Assignment.objects.filter(case__in=[ok1, ok2], role="lead", unit=f.unit()).count() == 2


def test_bulk_dispatch_refuses_cases_out_of_reach(client):
    mine = f.accepted()
    theirs = _accepted_west()  # 城西社区: the 城北 secretary cannot see it
    client.force_login(f.user("secretary"))
    response = client.post(BULK, {"lead": f.unit().pk, "case": [mine.pk, theirs.pk]}, follow=True)
    refusals = [str(m) for m in response.context["messages"] if m.level_tag == "error"]
    assert refusals == [f"#{theirs.pk}: {refusals[0].split(': ', 1)[1]}"]
    assert theirs.reference not in " ".join(refusals)
    assert Case.objects.get(pk=theirs.pk).status == Status.ACCEPTED
    assert Case.objects.get(pk=mine.pk).status == Status.DISPATCHED


def test_bulk_dispatch_to_a_paired_unit_issues_cards(client):
    f.pair("县中医医院", "骨科小区")
    cases = [f.accepted(), f.accepted()]
    client.force_login(f.user("secretary"))
    client.post(BULK, {"lead": f.unit().pk, "case": [c.pk for c in cases]})
    assert TransferCard.objects.filter(case__in=cases, unit=f.unit()).count() == 2


@pytest.mark.parametrize(
    "data", [{"case": ["<case>"]}, {"lead": "99999999", "case": ["<case>"]}, {"lead": "<unit>"}]
)
def test_bulk_dispatch_with_bad_input_changes_nothing(client, data):
    case = f.accepted()
    fill = {"<case>": str(case.pk), "<unit>": str(f.unit().pk)}
    data = {
        k: [fill.get(x, x) for x in v] if isinstance(v, list) else fill.get(v, v)
        for k, v in data.items()
    }
    client.force_login(f.user("secretary"))
    response = client.post(BULK, data, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert Case.objects.get(pk=case.pk).status == Status.ACCEPTED


@pytest.mark.parametrize("username", ["resident", "gridworker", "liaison"])
def test_bulk_dispatch_is_forbidden_to_others(client, username):
    case = f.accepted()
    client.force_login(f.user(username))
    response = client.post(BULK, {"lead": f.unit().pk, "case": [case.pk]})
    assert response.status_code == 403
    assert Case.objects.get(pk=case.pk).status == Status.ACCEPTED


def test_bulk_dispatch_takes_posts_only(client):
    client.force_login(f.user("secretary"))
    assert client.get(BULK).status_code == 405


def test_bulk_dispatch_sends_anonymous_to_sign_in(client):
    case = f.accepted()
    response = client.post(BULK, {"lead": f.unit().pk, "case": [case.pk]})
    assert response.url.startswith(reverse("login"))
    assert Case.objects.get(pk=case.pk).status == Status.ACCEPTED


def test_county_admin_dispatches_anywhere_in_the_county(client):
    case = _accepted_west()
    admin = f.user("admin")
    assert admin.role_assignments.filter(role=Role.COUNTY_ADMIN).exists()
    client.force_login(admin)
    assert client.post(_url(case), {"lead": taker_key(f.unit())}).status_code == 302
    assert Case.objects.get(pk=case.pk).status == Status.DISPATCHED


def test_the_form_offers_the_case_s_county_s_and_the_city_s_units_only(
    client, city, county, community, compound
):
    own = f.county_unit(county, "县人民法院")  # the same name as 夏县's: another unit
    bureau = Unit.objects.create(
        name="市体育局", code="T-CITY-SPORT", kind=Unit.Kind.CITY_DEPARTMENT, area=city
    )
    staff = make_user("staff_t", Role.COMMUNITY_STAFF, area=community)
    case = services.submit_case(
        actor=f.user("resident"),
        kind="problem",
        category=f.category(),
        title="路灯不亮",
        description="路灯不亮",
        area=compound,
    )
    services.triage_case(actor=staff, case=case)
    client.force_login(staff)
    response = client.get(_url(case))
    assert response.context["form"].suggested == []
    units = [key for key in _options(response) if key.startswith("unit:")]
    assert sorted(units) == sorted([taker_key(own), taker_key(bureau)])
    co = response.context["form"].fields["co_handlers"].queryset
    assert set(co) == {own, bureau}
    # Another county's unit is refused even when posted by hand, and nothing moves.
    response = client.post(_url(case), {"lead": taker_key(f.unit("县人民法院"))})
    assert response.status_code == 200 and response.context["form"].errors["lead"]
    assert Case.objects.get(pk=case.pk).status == Status.ACCEPTED
    with pytest.raises(CaseRefused):
        services.dispatch_case(actor=staff, case=case, lead=f.unit("县人民法院"))
    response = client.post(_url(case), {"lead": taker_key(bureau)})
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).status == Status.DISPATCHED
