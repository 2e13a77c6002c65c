"""Every role of 夏县 meets another county's records as if they did not exist: each page that
reaches one record answers 404, each list asked for that county's area answers 404, and no
list of theirs shows the county's records. (Venues, rooms, activities, teams and the wish wall
are public to every signed-in person on purpose; they are not in this matrix.)"""

import pytest
from django.urls import reverse

from grassroots.cases.tests import factories as f
from grassroots.tests.conftest import XIAXIAN_LOGINS

pytestmark = pytest.mark.django_db


def record_pages(e) -> list[str]:
    """The pages that open one record of the other county."""
    return [
        reverse("cases:detail", args=[e.submitted.pk]),
        reverse("cases:detail", args=[e.published.pk]),
        reverse("cases:dispatch", args=[e.submitted.pk]),
        reverse("cases:card", args=[e.card.pk]),
        reverse("cases:card_pdf", args=[e.card.pk]),
        reverse("area_detail", args=[e.community.pk]),
        reverse("governance:compound", args=[e.compound.pk]),
        reverse("governance:disclosure", args=[e.disclosure.pk]),
        reverse("offers:poster", args=[e.compound.pk]),
        reverse("venues:duty", args=[e.venue.pk]),
    ]


def area_lists(e) -> list[str]:
    """The lists and ledgers of an area, asked for the other county's."""
    county, community = e.county.pk, e.community.pk
    return [
        f"{reverse('dashboards:dashboard')}?area={county}",
        f"{reverse('dashboards:wall')}?area={community}",
        f"{reverse('dashboards:brief')}?area={county}",
        f"{reverse('offers:coverage')}?area={county}",
        f"{reverse('offers:gap', args=['unpaired_compounds'])}?area={community}",
        f"{reverse('offers:registrations')}?area={community}",
        f"{reverse('offers:lists')}?area={community}",
        f"{reverse('governance:overview')}?area={county}",
        f"{reverse('governance:compounds')}?area={community}",
        f"{reverse('cases:list')}?area={county}",
        f"{reverse('venues:bookings')}?area={community}",
        f"{reverse('volunteering:volunteers')}?area={community}",
        f"{reverse('volunteering:hours_ledger')}?area={community}",
    ]


@pytest.mark.parametrize("username", XIAXIAN_LOGINS)
def test_another_county_s_records_are_not_found(client, elsewhere, username):
    client.force_login(f.user(username))
    answers = {url: client.get(url).status_code for url in record_pages(elsewhere)}
    assert answers == dict.fromkeys(answers, 404)


@pytest.mark.parametrize("username", XIAXIAN_LOGINS)
def test_another_county_s_area_is_not_found_in_any_list(client, elsewhere, username):
    """404 — or 403 where the role may not use that list at all, whatever the area (the
    same list without the area answers 403 too: the refusal says nothing of the county)."""
    client.force_login(f.user(username))
    for url in area_lists(elsewhere):
        status = client.get(url).status_code
        if status == 403:
            assert client.get(url.split("?")[0]).status_code == 403, url
        else:
            assert status == 404, (url, status)


@pytest.mark.parametrize("username", ["admin", "auditor", "secretary", "staff", "gridworker"])
def test_their_own_lists_hold_nothing_of_the_other_county(client, elsewhere, username):
    client.force_login(f.user(username))
    pages = [
        reverse("home"),  # the auditor's desk lists the latest audit entries
        reverse("cases:list"),
        f"{reverse('cases:workbench')}?queue=to_triage",
        reverse("cases:board"),
        reverse("people:list") + "?q=吕",
        reverse("offers:coverage"),
    ]
    for url in pages:
        body = client.get(url).content.decode()
        for text in ("府前", "吕秀英", "垣曲县"):
            assert text not in body, (url, text)


@pytest.mark.parametrize("username", XIAXIAN_LOGINS)
def test_no_action_on_another_county_s_case_goes_through(client, elsewhere, username):
    client.force_login(f.user(username))
    for case, action in ((elsewhere.submitted, "triage"), (elsewhere.published, "claim")):
        response = client.post(reverse("cases:act", args=[case.pk, action]))
        assert response.status_code == 404, (username, action)
        case.refresh_from_db()
    assert (elsewhere.submitted.status, elsewhere.published.status) == ("submitted", "published")
    reveal = reverse("people:reveal", args=[elsewhere.person.pk, "mobile"])
    assert client.post(reveal).status_code == 404
