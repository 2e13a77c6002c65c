"""Pairings of members with households and group leaders of buildings: a member looks after
households, or leads the group, of the compound where they live; ending either is audited."""

import pytest

from grassroots.areas.models import Area
from grassroots.cases.tests import factories as f
from grassroots.core.models import AuditEntry
from grassroots.offers import reporting
from grassroots.offers.models import GroupLeader, HouseholdPairing
from grassroots.offers.reporting import OfferRefused
from grassroots.party.models import PartyMember
from grassroots.people.models import Household

pytestmark = pytest.mark.django_db


def _member_of(compound_name: str) -> PartyMember:
    return PartyMember.objects.filter(home_compound__name=compound_name).order_by("pk").first()


def _household(compound_name: str) -> Household:
    compound = Area.objects.get(name=compound_name)
    return Household.objects.filter(building__path__startswith=compound.path).first()


def test_a_member_looks_after_a_household_of_their_own_compound_only():
    secretary = f.user("secretary")  # 城北社区: 骨科小区 and 晋新小区
    here, there = _household("骨科小区"), _household("晋新小区")
    member = _member_of("骨科小区")
    pairing = reporting.pair_household(
        actor=secretary, member=member, household=here, role=HouseholdPairing.Role.CENTRAL
    )
    with pytest.raises(OfferRefused) as refused:
        reporting.pair_household(actor=secretary, member=member, household=there, role="central")
    assert "member" in refused.value.fields
    reporting.unpair_household(actor=secretary, pairing=pairing)
    assert not HouseholdPairing.objects.filter(pk=pairing.pk).exists()
    assert AuditEntry.objects.filter(
        target_type="offers.householdpairing", detail__action="unpair"
    ).exists()


def test_a_group_leader_lives_in_the_building_s_compound():
    secretary = f.user("secretary")
    building = _household("骨科小区").building
    with pytest.raises(OfferRefused):
        reporting.appoint_group_leader(
            actor=secretary, member=_member_of("晋新小区"), building=building
        )
    leader = reporting.appoint_group_leader(
        actor=secretary, member=_member_of("骨科小区"), building=building
    )
    reporting.remove_group_leader(actor=secretary, leader=leader)
    assert not GroupLeader.objects.filter(building=building, member=leader.member).exists()


def test_staff_of_another_community_may_not_pair_here():
    with pytest.raises(OfferRefused) as refused:
        reporting.pair_household(
            actor=f.user("staff"),  # 城西社区
            member=_member_of("骨科小区"),
            household=_household("骨科小区"),
            role="central",
        )
    assert refused.value.code == "forbidden"
