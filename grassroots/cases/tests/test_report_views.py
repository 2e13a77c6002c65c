"""我要反映 / 代为反映 and 我的诉求, tried by a resident, a grid worker, anonymous and bad input."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from grassroots.areas.models import Area
from grassroots.cases.models import Case, Event, Photo
from grassroots.cases.tests import factories as f
from grassroots.cases.workflow import Status

pytestmark = pytest.mark.django_db


def _png(name="p.png") -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), "blue").save(buf, "PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


def _form(**extra) -> dict:
    return {
        "kind": "problem",
        "category": f.category().pk,
        "area": Area.objects.get(name="骨科小区").pk,
        "description": "3号楼楼道灯坏了一个月",
        **extra,
    }


def _counts() -> tuple[int, int, int]:
    return Case.objects.count(), Event.objects.count(), Photo.objects.count()


def _compound_outside_chengbei() -> Area:
    chengxi = Area.objects.get(name="城西社区")
    return Area.objects.filter(level="compound", path__startswith=chengxi.path).first()


def test_resident_report_creates_the_case_and_its_first_event(client):
    client.force_login(f.user("resident"))
    response = client.post(reverse("cases:report"), _form(photos=[_png()], address="3号楼"))
    case = Case.objects.get(description="3号楼楼道灯坏了一个月")
    assert response.status_code == 302
    assert response.url == reverse("cases:detail", args=[case.pk])
    assert (case.requester, case.recorded_by, case.channel) == (
        f.user("resident"),
        None,
        "resident",
    )
    assert (case.area.name, case.address, case.status) == ("骨科小区", "3号楼", Status.SUBMITTED)
    assert list(case.events.values_list("action", flat=True)) == ["submit"]
    assert case.photos.count() == 1
    page = client.get(response.url)
    assert case.reference in " ".join(str(m) for m in page.context["messages"])


def test_resident_is_offered_the_compounds_of_their_community_with_home_preselected(client):
    client.force_login(f.user("resident"))
    form = client.get(reverse("cases:report")).context["form"]
    offered = {pk for _group, options in form.fields["area"].choices[1:] for pk, _name in options}
    chengbei = Area.objects.get(name="城北社区")
    expected = set(
        Area.objects.filter(level="compound", path__startswith=chengbei.path).values_list(
            "pk", flat=True
        )
    )
    assert offered == expected
    assert form.initial["area"] == Area.objects.get(name="骨科小区").pk
    assert "requester_name" not in form.fields


def test_resident_cannot_report_about_a_compound_outside_their_community(client):
    client.force_login(f.user("resident"))
    before = _counts()
    response = client.post(reverse("cases:report"), _form(area=_compound_outside_chengbei().pk))
    assert response.status_code == 200
    assert response.context["form"].errors["area"]
    assert _counts() == before


def test_grid_worker_records_a_demand_on_a_residents_behalf(client):
    client.force_login(f.user("gridworker"))
    data = _form(channel="duty_desk", requester_name="李大爷", requester_phone="13812345678")
    response = client.post(reverse("cases:report"), data)
    case = Case.objects.get(requester_name="李大爷")
    assert response.status_code == 302
    assert (case.recorded_by, case.requester) == (f.user("gridworker"), None)
    assert (case.channel, case.requester_phone) == ("duty_desk", "13812345678")


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"requester_name": ""}, "requester_name"),
        ({"requester_phone": "1381234"}, "requester_phone"),
        ({"channel": "open311"}, "channel"),
    ],
)
def test_on_behalf_input_is_checked(client, extra, field):
    client.force_login(f.user("gridworker"))
    before = _counts()
    data = _form(**{"channel": "grid_worker", "requester_name": "李大爷", **extra})
    response = client.post(reverse("cases:report"), data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert _counts() == before


def test_grid_worker_cannot_record_for_another_community(client):
    client.force_login(f.user("gridworker"))
    before = _counts()
    data = _form(
        channel="grid_worker", requester_name="李大爷", area=_compound_outside_chengbei().pk
    )
    response = client.post(reverse("cases:report"), data)
    assert list(response.context["form"].errors) == ["area"]
    assert _counts() == before


@pytest.mark.parametrize(
    ("extra", "field", "shown"),
    [
        ({"description": ""}, "description", None),
        ({"description": "   "}, "description", None),
        ({"description": "x" * 4001}, "description", "4001"),
        (
            {"photos": [SimpleUploadedFile("big.jpg", b"\xff" * (20 * 1024 * 1024))]},
            "photos",
            "big.jpg",
        ),
        (
            {"photos": [SimpleUploadedFile("fake.jpg", b"%PDF-1.4 x", content_type="image/jpeg")]},
            "photos",
            "fake.jpg",
        ),
        ({"photos": [_png(f"{i}.png") for i in range(10)]}, "photos", "9"),
        ({"latitude": "35.14"}, "longitude", None),
        ({"latitude": "95", "longitude": "111.22"}, "latitude", "53.6"),
        ({"latitude": "35.14", "longitude": "东经111度"}, "longitude", None),
    ],
)
def test_bad_report_input_is_explained_and_nothing_is_written(client, extra, field, shown):
    client.force_login(f.user("resident"))
    before = _counts()
    response = client.post(reverse("cases:report"), _form(**extra))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    if shown:
        assert shown in " ".join(errors[field])
        assert shown in response.content.decode()
    assert 'class="error"' in response.content.decode()
    assert _counts() == before


def test_a_good_photo_next_to_a_bad_one_is_not_kept_either(client):
    client.force_login(f.user("resident"))
    before = _counts()
    bad = SimpleUploadedFile("fake.jpg", b"%PDF-1.4 x", content_type="image/jpeg")
    client.post(reverse("cases:report"), _form(photos=[_png(), bad]))
    assert _counts() == before


@pytest.mark.parametrize("name", ["cases:report", "cases:mine"])
def test_anonymous_is_sent_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_anonymous_post_creates_nothing(client):
    before = _counts()
    response = client.post(reverse("cases:report"), _form())
    assert response.status_code == 302 and _counts() == before


def test_my_cases_lists_only_my_own_newest_first(client, django_assert_max_num_queries):
    first, second = f.submitted(), f.submitted()
    other = f.submitted(by="gridworker", channel="grid_worker", requester_name="李大爷")
    client.force_login(f.user("resident"))
    with django_assert_max_num_queries(8):
        response = client.get(reverse("cases:mine"))
    listed = [c.pk for c in response.context["page"]]
    assert listed[:2] == [second.pk, first.pk]
    assert other.pk not in listed
    mine = Case.objects.filter(requester=f.user("resident")) | Case.objects.filter(
        recorded_by=f.user("resident")
    )
    assert set(listed) <= set(mine.values_list("pk", flat=True))


def test_my_cases_query_count_does_not_grow_with_the_list(client):
    client.force_login(f.user("resident"))
    f.submitted()
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("cases:mine"))
    for _ in range(5):
        f.submitted()
    with CaptureQueriesContext(connection) as more:
        client.get(reverse("cases:mine"))
    assert len(more) == len(few)


def test_recorder_sees_the_demands_they_recorded(client):
    recorded = f.submitted(by="gridworker", channel="grid_worker", requester_name="李大爷")
    client.force_login(f.user("gridworker"))
    response = client.get(reverse("cases:mine"))
    assert recorded.pk in {c.pk for c in response.context["page"]}
    assert "李大爷" in response.content.decode()


def test_my_cases_marks_the_cases_waiting_for_my_rating(client):
    revisiting, submitted = f.revisiting(), f.submitted()
    client.force_login(f.user("resident"))
    body = client.get(reverse("cases:mine")).content.decode()
    assert reverse("cases:detail", args=[revisiting.pk]) + "#act-rate" in body
    assert reverse("cases:detail", args=[submitted.pk]) + "#act-rate" not in body


def test_my_cases_paginates_by_thirty(client):
    client.force_login(f.user("resident"))
    total = Case.objects.filter(requester=f.user("resident")).count()
    for _ in range(max(0, 31 - total)):
        f.submitted()
    page = client.get(reverse("cases:mine")).context["page"]
    assert len(page.object_list) == 30 and page.paginator.num_pages >= 2
    second = client.get(reverse("cases:mine"), {"page": 2}).context["page"]
    assert second.number == 2


def test_rating_from_the_list_leads_to_a_closed_case(client):
    case = f.revisiting()
    client.force_login(f.user("resident"))
    client.post(reverse("cases:act", args=[case.pk, "rate"]), {"rating": "basically"})
    case.refresh_from_db()
    assert (case.status, case.rating) == (Status.CLOSED, "basically")


def test_a_map_point_is_kept_and_shown_on_the_case_page(client):
    client.force_login(f.user("resident"))
    form = _form(latitude="35.138212", longitude="111.220594")
    response = client.post(reverse("cases:report"), form)
    case = Case.objects.get(description=form["description"])
    assert (str(case.latitude), str(case.longitude)) == ("35.138212", "111.220594")
    page = client.get(response.url).content.decode()
    assert 'href="geo:35.138212,111.220594"' in page
    form_page = client.get(reverse("cases:report")).content.decode()
    assert "data-locate" in form_page and "cases/locate" in form_page
