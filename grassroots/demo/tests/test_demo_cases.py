import pytest
from django.utils import timezone

from grassroots.areas.models import Area
from grassroots.cases.models import Case, Event
from grassroots.cases.workflow import Status
from grassroots.demo.cases import SEWER_TITLE, seed_cases
from grassroots.units.models import Pairing
from grassroots.volunteering.models import Team

pytestmark = pytest.mark.django_db


def test_every_compound_is_paired_and_every_community_has_the_six_specialty_teams():
    compounds = Area.objects.filter(level="compound")
    paired = Pairing.objects.filter(area__level="compound").values("area").distinct().count()
    assert paired == compounds.count() == 106
    for community in Area.objects.filter(level="community"):
        specialty = Team.objects.filter(community=community, category__scheme="专业服务队")
        assert specialty.count() == 6
        assert set(specialty.values_list("category__name", flat=True)) == {
            "党建指导",
            "红色宣传",
            "平安建设",
            "社务协调",
            "文明帮创",
            "温暖帮扶",
        }


def test_the_sewer_story_of_huoshenmiao_lane():
    case = Case.objects.get(title=SEWER_TITLE)
    assert case.status == Status.CLOSED and case.rating == "satisfied"
    assert case.cost_yuan == 30000 and "120" in case.quantities
    card = case.transfer_cards.get()
    assert Pairing.objects.filter(unit=card.unit, area=case.area).exists()
    actions = list(case.events.values_list("action", flat=True))
    assert actions == ["submit", "triage", "dispatch", "accept", "complete", "verify_ok", "rate"]
    assert case.created_at.year == 2026 and case.created_at.month == 10


def test_the_bone_hospital_compound_and_the_garden_wish():
    bone = Case.objects.filter(area__name="骨科小区", status=Status.CLOSED, rating="satisfied")
    assert set(bone.values_list("category__code", flat=True)) >= {
        "water",
        "sanitation",
        "drainage",
        "roads",
    }
    wish = Case.objects.get(area__name="福瑞家园", title__contains="小花园")
    assert "3000" in wish.completion_note and wish.status == Status.CLOSED


def test_open_demands_wait_in_the_queues_and_seeding_again_adds_none():
    statuses = set(Case.objects.values_list("status", flat=True))
    assert {
        "submitted",
        "accepted",
        "published",
        "dispatched",
        "in_progress",
        "handled",
    } <= statuses
    before = Case.objects.count()
    seed_cases(
        {a.name: a for a in Area.objects.filter(level="compound")},
        {a.name: a for a in Area.objects.filter(level="community")},
    )
    assert Case.objects.count() == before


def test_a_year_of_demands_in_every_state_across_the_county():
    cases = Case.objects.all()
    assert cases.count() >= 250
    assert set(cases.values_list("status", flat=True)) == set(Status.values)
    now = timezone.now()
    assert not Event.objects.filter(at__gt=now).exists()
    months = {(c.year, c.month) for c in cases.values_list("created_at", flat=True)}
    assert len(months) >= 12
    for community in Area.objects.filter(level="community"):
        mine = cases.filter(area__path__startswith=community.path)
        assert mine.filter(status=Status.CLOSED).count() >= 30, community.name
        assert set(mine.values_list("rating", flat=True)) >= {"satisfied", "basically"}
    actions = set(Event.objects.values_list("action", flat=True))
    assert actions >= {
        "claim", "object", "escalate", "report_in", "request_extension", "decide_extension",
        "verify_fail", "reopen", "supervise", "answer", "reject", "merge", "withdraw",
    }  # fmt: skip


def test_every_step_of_a_demo_demand_follows_the_one_before():
    for case in Case.objects.prefetch_related("events"):
        moments = [e.at for e in case.events.all()]
        assert moments == sorted(moments), case.reference
        assert moments[0] == case.created_at, case.reference
