"""The case pages, each tried by the right user, an outsider, anonymous, and with bad input."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from grassroots.areas.models import Area
from grassroots.cases.models import Case, Event, Photo, TransferCard
from grassroots.cases.tests import factories as f
from grassroots.cases.workflow import Status

pytestmark = pytest.mark.django_db


def _jpeg(name="photo.jpg", size=(64, 48)) -> SimpleUploadedFile:
    buf = io.BytesIO()
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (34.0, 56.0, 12.0)}  # GPSInfo with a latitude
    Image.new("RGB", size, "red").save(buf, "JPEG", exif=exif)
    with Image.open(io.BytesIO(buf.getvalue())) as original:
        assert original.getexif().get_ifd(0x8825)  # the upload does carry a location
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/jpeg")


def _report(client, **extra):
    data = {
        "kind": "problem",
        "category": f.category().pk,
        "area": Area.objects.get(name="骨科小区").pk,
        "description": "楼道灯坏了",
        **extra,
    }
    return client.post(reverse("cases:report"), data)


def test_resident_reports_with_a_photo_stripped_of_location(client):
    client.force_login(f.user("resident"))
    response = _report(client, photos=[_jpeg()])
    case = Case.objects.get(description="楼道灯坏了")
    assert response.status_code == 302 and response.url == reverse("cases:detail", args=[case.pk])
    photo = Photo.objects.get(case=case)
    with Image.open(photo.image.path) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif()


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({"description": ""}, "description"),
        ({"description": "x" * 4001}, "4001"),
        ({"photos": [SimpleUploadedFile("big.jpg", b"\xff" * (20 * 1024 * 1024))]}, "10 MB"),
        (
            {
                "photos": [
                    SimpleUploadedFile("fake.jpg", b"%PDF-1.4 fake", content_type="image/jpeg")
                ]
            },
            "fake.jpg",
        ),
    ],
)
def test_bad_report_input_is_explained_and_nothing_is_written(client, extra, expected):
    client.force_login(f.user("resident"))
    cases, events, photos = Case.objects.count(), Event.objects.count(), Photo.objects.count()
    response = _report(client, **extra)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="error"' in body
    if expected != "description":
        assert expected in body
    assert (Case.objects.count(), Event.objects.count(), Photo.objects.count()) == (
        cases,
        events,
        photos,
    )


def test_someone_elses_case_is_404(client):
    case = f.submitted()
    client.force_login(f.user("staff"))  # 城西社区, the case is in 城北社区
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    response = client.post(reverse("cases:act", args=[case.pk, "triage"]))
    assert response.status_code == 404
    assert Case.objects.get(pk=case.pk).status == Status.SUBMITTED


def test_anonymous_is_sent_to_sign_in(client):
    for name in ("cases:report", "cases:mine", "cases:workbench", "cases:inbox", "cases:board"):
        assert client.get(reverse(name)).url.startswith(reverse("login"))


def test_buttons_only_for_allowed_actions(client):
    case = f.submitted()
    client.force_login(f.user("resident"))
    body = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert reverse("cases:act", args=[case.pk, "withdraw"]) in body
    assert reverse("cases:act", args=[case.pk, "triage"]) not in body
    client.force_login(f.user("secretary"))
    body = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert reverse("cases:act", args=[case.pk, "triage"]) in body


def test_walk_through_the_pages_from_report_to_rating(client):
    f.pair("县中医医院", "骨科小区")
    case = f.submitted()
    act = lambda user, action, **data: (  # noqa: E731 - a short local helper
        client.force_login(f.user(user)),
        client.post(reverse("cases:act", args=[case.pk, action]), data),
    )[1]
    act("secretary", "triage")
    client.force_login(f.user("secretary"))
    response = client.post(reverse("cases:dispatch", args=[case.pk]), {"lead": f.unit().pk})
    assert response.status_code == 302
    assert TransferCard.objects.filter(case=case, unit=f.unit()).exists()
    act("liaison", "accept")
    act("liaison", "complete", note="已更换灯泡", cost_yuan="120", quantities="灯泡2个")
    act("gridworker", "verify_ok")
    act("resident", "rate", rating="satisfied", comment="很快")
    case.refresh_from_db()
    assert case.status == Status.CLOSED and case.rating == "satisfied"


def test_refused_action_shows_the_message_and_changes_nothing(client):
    case = f.submitted()
    client.force_login(f.user("secretary"))
    response = client.post(reverse("cases:act", args=[case.pk, "accept"]), follow=True)
    assert response.status_code == 200
    assert list(response.context["messages"])
    assert Case.objects.get(pk=case.pk).status == Status.SUBMITTED


def test_workbench_queues_list_the_right_cases_within_a_query_budget(
    client, django_assert_max_num_queries
):
    submitted = [f.submitted() for _ in range(3)]
    accepted = f.accepted()
    client.force_login(f.user("secretary"))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("cases:workbench"), {"queue": "to_triage"})
    listed = {c.pk for c in response.context["page"]}
    assert {c.pk for c in submitted} <= listed and accepted.pk not in listed
    assert response.context["counts"]["to_dispatch"] >= 1
    for _ in range(10):
        f.submitted()
    with django_assert_max_num_queries(12):
        client.get(reverse("cases:workbench"), {"queue": "to_triage"})


def test_workbench_is_refused_to_residents(client):
    client.force_login(f.user("resident"))
    assert client.get(reverse("cases:workbench")).status_code == 403


def test_other_community_sees_none_of_these_cases(client):
    case = f.submitted()
    client.force_login(f.user("staff"))
    response = client.get(reverse("cases:workbench"), {"queue": "to_triage"})
    assert case.pk not in {c.pk for c in response.context["page"]}


def test_bulk_dispatch_reports_refusals_without_stopping(client):
    ok1, ok2, wrong = f.accepted(), f.accepted(), f.submitted()
    client.force_login(f.user("secretary"))
    client.post(
        reverse("cases:bulk_dispatch"),
        {"lead": f.unit().pk, "case": [ok1.pk, ok2.pk, wrong.pk]},
    )
    statuses = dict(
        Case.objects.filter(pk__in=[ok1.pk, ok2.pk, wrong.pk]).values_list("pk", "status")
    )
    assert statuses == {ok1.pk: "dispatched", ok2.pk: "dispatched", wrong.pk: "submitted"}


def test_inbox_and_board(client, django_assert_max_num_queries):
    dispatched = f.dispatched()
    published = f.published()
    client.force_login(f.user("liaison"))
    with django_assert_max_num_queries(10):
        inbox = client.get(reverse("cases:inbox"), {"tab": "to_accept"})
    assert dispatched.pk in {c.pk for c in inbox.context["page"]}
    board = client.get(reverse("cases:board"))
    listed = {c.pk for c in board.context["page"]}
    assert published.pk in listed and dispatched.pk not in listed


def test_my_cases_lists_only_mine(client):
    mine = f.submitted()
    other = f.submitted(by="gridworker", channel="grid_worker", requester_name="李大爷")
    client.force_login(f.user("resident"))
    listed = {c.pk for c in client.get(reverse("cases:mine")).context["page"]}
    assert mine.pk in listed and other.pk not in listed
