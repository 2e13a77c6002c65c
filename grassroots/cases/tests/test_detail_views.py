"""The case page and its actions: buttons only for allowed actions, services end to end, 404s."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from grassroots.accounts.models import Role
from grassroots.areas.models import Area
from grassroots.cases import services
from grassroots.cases.errors import NOT_NOW
from grassroots.cases.models import Assignment, Case, Event, Extension, Photo
from grassroots.cases.tests import factories as f
from grassroots.cases.workflow import Status
from grassroots.conftest import make_user

pytestmark = pytest.mark.django_db


def _jpeg(name="done.jpg") -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", (48, 32), "green").save(buf, "JPEG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/jpeg")


def _page(client, username: str, case: Case):
    client.force_login(f.user(username))
    return client.get(reverse("cases:detail", args=[case.pk]))


def _act(client, username: str, case: Case, action: str, **data):
    client.force_login(f.user(username))
    return client.post(reverse("cases:act", args=[case.pk, action]), data)


def _act_url(case: Case, action: str) -> str:
    return reverse("cases:act", args=[case.pk, action])


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def _chengbei_staff():
    return make_user(
        "cbstaff",
        Role.COMMUNITY_STAFF,
        area=Area.objects.get(name="城北社区"),
        full_name="城北干事",
    )


def test_resident_sees_withdraw_but_neither_triage_nor_dispatch(client):
    case = f.submitted()
    response = _page(client, "resident", case)
    body = response.content.decode()
    assert [a for a, _label, _form in response.context["forms"]] == ["withdraw"]
    assert _act_url(case, "withdraw") in body
    assert _act_url(case, "triage") not in body
    assert reverse("cases:dispatch", args=[case.pk]) not in body


def test_chengbei_staff_see_triage_on_a_submitted_gukexiaoqu_case(client):
    case = f.submitted()
    client.force_login(_chengbei_staff())
    response = client.get(reverse("cases:detail", args=[case.pk]))
    actions = [a for a, _label, _form in response.context["forms"]]
    assert actions == ["triage", "reject", "answer", "withdraw"]
    assert _act_url(case, "triage") in response.content.decode()
    assert reverse("cases:dispatch", args=[case.pk]) not in response.content.decode()


def test_accepted_case_offers_the_dispatch_link_to_the_community(client):
    case = f.accepted()
    response = _page(client, "secretary", case)
    assert response.context["can_dispatch"] is True
    assert reverse("cases:dispatch", args=[case.pk]) in response.content.decode()
    assert _act_url(case, "dispatch") not in response.content.decode()


def test_chengxi_staff_get_404_for_a_chengbei_case(client):
    case = f.submitted()
    assert _page(client, "staff", case).status_code == 404
    assert _act(client, "staff", case, "triage").status_code == 404
    assert Case.objects.get(pk=case.pk).status == Status.SUBMITTED


def test_anonymous_is_sent_to_sign_in(client):
    case = f.submitted()
    for url in (reverse("cases:detail", args=[case.pk]), _act_url(case, "withdraw")):
        response = client.post(url) if "act" in url else client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert Case.objects.get(pk=case.pk).status == Status.SUBMITTED


def test_page_shows_the_chain_and_the_timeline(client):
    case = f.accepted()
    response = _page(client, "secretary", case)
    assert [a.name for a in response.context["chain"]][-2:] == ["城北社区", "骨科小区"]
    assert [e.action for e in response.context["events"]] == ["submit", "triage"]
    assert 'id="timeline"' in response.content.decode()


def test_staff_see_the_requesters_phone_masked(client):
    case = f.submitted(
        by="gridworker",
        channel="grid_worker",
        requester_name="李大爷",
        requester_phone="13812345678",
    )
    body = _page(client, "secretary", case).content.decode()
    assert "李大爷" in body and "138****5678" in body and "13812345678" not in body


def test_a_hidden_requester_is_not_shown_to_a_claimant(client):
    case = f.published("晋新小区")
    Case.objects.filter(pk=case.pk).update(hide_requester=True)
    name = f.user("resident").get_full_name()
    response = _page(client, "member", case)
    assert response.status_code == 200
    assert response.context["who"] == "hidden"
    assert name not in response.content.decode()
    assert [a for a, _label, _form in response.context["forms"]] == ["claim"]


def test_merge_suggests_likely_duplicates_and_merges(client):
    earlier, case = f.submitted(), f.submitted()
    response = _page(client, "secretary", case)
    merge = dict((a, form) for a, _label, form in response.context["forms"])["merge"]
    assert earlier.pk in {c.pk for c in merge.fields["into"].queryset}
    _act(client, "secretary", case, "merge", into=earlier.pk)
    case.refresh_from_db()
    assert (case.status, case.duplicate_of_id) == (Status.MERGED, earlier.pk)


def test_merge_into_a_case_that_is_not_suggested_is_refused(client):
    case = f.submitted()
    elsewhere = f.submitted("晋新小区")
    response = _act(client, "secretary", case, "merge", into=elsewhere.pk)
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).status == Status.SUBMITTED


def test_from_triage_to_rating_through_the_case_page(client):
    case = f.submitted()
    _act(client, "secretary", case, "triage", urgent="on", category=f.category().pk)
    _act(client, "secretary", case, "publish", note="请包联单位认领")
    response = _act(client, "liaison", case, "claim")
    assert response.status_code == 302 and response.url == reverse("cases:detail", args=[case.pk])
    _act(
        client,
        "liaison",
        case,
        "complete",
        note="已更换灯泡",
        cost_yuan="120.50",
        quantities="灯泡2个",
        photos=[_jpeg()],
    )
    _act(client, "gridworker", case, "verify_ok", note="现场已亮")
    followed = client.get(reverse("cases:detail", args=[case.pk]))
    assert [a for a, _label, _form in followed.context["forms"]] == []
    response = _act(client, "resident", case, "rate", rating="satisfied", comment="很快")
    case.refresh_from_db()
    assert (case.status, case.urgent, case.rating) == (Status.CLOSED, True, "satisfied")
    assert str(case.cost_yuan) == "120.50" and case.quantities == "灯泡2个"
    assert list(case.events.values_list("action", flat=True)) == [
        "submit",
        "triage",
        "publish",
        "claim",
        "complete",
        "verify_ok",
        "rate",
    ]
    assert Photo.objects.filter(case=case, stage="completion").count() == 1
    page = client.get(reverse("cases:detail", args=[case.pk]))
    photo = Photo.objects.get(case=case)
    assert reverse("cases:photo", args=[photo.pk]) in page.content.decode()
    assert client.get(reverse("cases:photo", args=[photo.pk])).status_code == 200


def test_a_refused_action_changes_nothing_and_says_why(client):
    case = f.submitted()
    events = Event.objects.filter(case=case).count()
    client.force_login(f.user("secretary"))
    with translation.override("en"):
        response = client.post(_act_url(case, "publish"), follow=True)
        expected = str(NOT_NOW % {"status": Status.SUBMITTED.label})
    assert response.redirect_chain == [(reverse("cases:detail", args=[case.pk]), 302)]
    assert expected in _messages(response)
    assert Case.objects.get(pk=case.pk).status == Status.SUBMITTED
    assert Event.objects.filter(case=case).count() == events


def test_an_action_the_user_may_not_take_is_refused(client):
    case = f.submitted()
    response = _act(client, "resident", case, "triage")
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).status == Status.SUBMITTED


def test_bad_action_input_is_explained_and_changes_nothing(client):
    case = f.submitted()
    client.force_login(f.user("secretary"))
    response = client.post(_act_url(case, "reject"), {"reason": "  "}, follow=True)
    assert len(_messages(response)) == 1
    assert Case.objects.get(pk=case.pk).status == Status.SUBMITTED


def test_a_bad_completion_photo_keeps_the_case_in_progress(client):
    case = f.in_progress()
    fake = SimpleUploadedFile("fake.jpg", b"%PDF-1.4 x", content_type="image/jpeg")
    client.force_login(f.user("liaison"))
    response = client.post(
        _act_url(case, "complete"), {"note": "已疏通", "photos": [fake]}, follow=True
    )
    assert any("fake.jpg" in m for m in _messages(response))
    case.refresh_from_db()
    assert (case.status, case.completion_note) == (Status.IN_PROGRESS, "")
    assert not Photo.objects.filter(case=case).exists()


def test_an_outsider_gets_404_and_an_unknown_action_404(client):
    case = f.in_progress()
    assert _act(client, "volunteer", case, "complete", note="x").status_code == 404
    assert _act(client, "secretary", case, "dispatch").status_code == 404
    assert _act(client, "secretary", case, "explode").status_code == 404
    assert Case.objects.get(pk=case.pk).status == Status.IN_PROGRESS


def test_actions_are_post_only(client):
    case = f.submitted()
    client.force_login(f.user("secretary"))
    assert client.get(_act_url(case, "triage")).status_code == 405


def test_extension_is_asked_by_the_taker_and_decided_by_the_community(client):
    case = f.in_progress()
    due = case.handle_due_at
    staff_page = _page(client, "secretary", case)
    assert "decide_extension" not in [a for a, _l, _f in staff_page.context["forms"]]
    _act(client, "liaison", case, "request_extension", days="3", reason="材料未到")
    staff_page = _page(client, "secretary", case)
    assert staff_page.context["pending"].days == 3
    assert "decide_extension" in [a for a, _l, _f in staff_page.context["forms"]]
    _act(client, "secretary", case, "decide_extension", approve="1", note="同意")
    case.refresh_from_db()
    assert Extension.objects.get(case=case).decision == "approved"
    assert case.handle_due_at > due


def test_escalation_lists_paired_units_first_and_summoned_units_report_in(client):
    case = f.in_progress()
    f.pair("县委组织部", "骨科小区")
    page = _page(client, "liaison", case)
    escalate = dict((a, form) for a, _l, form in page.context["forms"])["escalate"]
    first_group = escalate.fields["units"].choices[0][1]
    assert f.unit("县委组织部").pk in [pk for pk, _name in first_group]
    offered = [pk for _group, options in escalate.fields["units"].choices for pk, _n in options]
    assert f.unit().pk not in offered  # the lead is not summoned to its own case
    summoned = f.unit("县委组织部")
    _act(client, "liaison", case, "escalate", units=[summoned.pk], note="需组织部协调")
    assignment = Assignment.objects.get(case=case, role="summoned")
    assert assignment.unit == summoned and assignment.reported_at is None
    make_user("zzb", Role.UNIT_LIAISON, unit=summoned, full_name="组织部联络员")
    client.force_login(f.user("zzb"))
    page = client.get(reverse("cases:detail", args=[case.pk]))
    assert [a for a, _l, _f in page.context["forms"]] == ["report_in"]
    client.post(_act_url(case, "report_in"))
    assignment.refresh_from_db()
    assert assignment.reported_at is not None


def test_supervision_notice_is_shown_to_the_taker(client):
    case = f.in_progress()
    services.supervise_case(actor=f.user("admin"), case=case, note="请三日内办结")
    page = _page(client, "liaison", case)
    assert page.context["i_take"] is True
    assert "请三日内办结" in page.content.decode()


def test_verification_failure_needs_a_note_and_sends_the_case_back(client):
    case = f.handled()
    _act(client, "gridworker", case, "verify_fail")
    assert Case.objects.get(pk=case.pk).status == Status.HANDLED
    _act(client, "gridworker", case, "verify_fail", note="仍有积水")
    assert Case.objects.get(pk=case.pk).status == Status.IN_PROGRESS


def test_photo_of_someone_elses_case_is_404(client):
    case = f.in_progress()
    services.complete_case(actor=f.user("liaison"), case=case, note="好了", photos=[_jpeg()])
    photo = Photo.objects.get(case=case)
    client.force_login(f.user("staff"))
    assert client.get(reverse("cases:photo", args=[photo.pk])).status_code == 404


def test_case_page_stays_within_a_query_budget(client, django_assert_max_num_queries):
    case = f.in_progress()
    client.force_login(f.user("secretary"))
    with django_assert_max_num_queries(30):
        response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200
