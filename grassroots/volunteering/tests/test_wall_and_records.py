"""Certificates and their public check; the demo's figures; the pages answer; the hours
ledger; a volunteer's profile."""

import datetime as dt

import pytest
from django.utils import timezone

from grassroots.accounts.models import Role, User
from grassroots.areas.models import Area
from grassroots.cases.models import Case, Event
from grassroots.conftest import make_user
from grassroots.core.tests.pdf import pdf_text
from grassroots.people.models import Person
from grassroots.volunteering import selectors, services
from grassroots.volunteering.certificates import render_certificate_pdf
from grassroots.volunteering.models import (
    Enrollment,
    Occurrence,
    ServiceRecord,
    Team,
    Volunteer,
)

pytestmark = pytest.mark.django_db
PHONE = "13912345678"


@pytest.fixture
def resident():
    compound = Area.objects.get(name="骨科小区")
    building = Area.objects.get(name="1号楼", path__startswith=compound.path)
    user = make_user("wisher", Role.RESIDENT, area=compound, full_name="许愿人欧阳明")
    Person.objects.create(name="许愿人欧阳明", user=user, home_area=building, mobile=PHONE)
    return user


def test_certificate_pdf_and_its_public_check(client, resident):
    person = Person.objects.get(user=resident)
    volunteer = Volunteer.objects.create(person=person)
    for hours, day in (("2.5", 3), ("4.0", 10)):
        ServiceRecord.objects.create(
            person=person,
            hours=hours,
            served_on=dt.date(2026, 6, day),
            note="爱心义剪",
            status=ServiceRecord.Status.CONFIRMED,
            confirmed_at=timezone.now(),
        )
    certificate = services.issue_certificate(
        actor=resident, volunteer=volunteer, start=dt.date(2026, 6, 1), end=dt.date(2026, 6, 30)
    )
    assert certificate.hours == 6.5 and certificate.services == 2
    text = pdf_text(render_certificate_pdf(certificate, base_url="http://testserver/"))
    compact = "".join(text.split())
    for expected in (certificate.number, "许愿人欧阳明", "6.5", "2026年6月1日", "2026年6月30日"):
        assert expected in compact, expected
    assert "夏县城北社区党群服务中心" in compact
    page = client.get(f"/volunteering/verify/{certificate.verify_token}/").content.decode()
    assert certificate.number in page and "许愿****" in page  # 6 characters: two kept
    assert "人欧阳明" not in page and "6.5" not in page
    assert client.get("/volunteering/verify/forged/").status_code == 404
    client.force_login(User.objects.get(username="member"))  # someone else's certificate
    assert client.get(f"/volunteering/certificates/{certificate.pk}.pdf").status_code == 404
    client.force_login(resident)
    response = client.get(f"/volunteering/certificates/{certificate.pk}.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_demo_figures_equal_independent_counts():
    county = Area.objects.get(depth=1)
    figures = selectors.figures(county)
    assert figures["teams"] == Team.objects.count() == 95
    assert figures["volunteers"] == Volunteer.objects.count() == 2580
    needs = Case.objects.filter(
        kind__in=["wish", "need"], channel__in=["wish_wall", "questionnaire"]
    ).count()
    assert figures["needs"] == needs == 227
    held = Occurrence.objects.filter(status="held")
    assert figures["services"] == held.count() == 280
    assert figures["served"] == sum(held.values_list("served_count", flat=True)) == 8420
    assert figures["volunteer_times"] == Enrollment.objects.filter(hours__isnull=False).count()
    # Every held date's hours are in the one ledger, and wishes were made as events.
    assert (
        ServiceRecord.objects.filter(enrollment__isnull=False).count()
        == (figures["volunteer_times"])
    )
    assert Event.objects.filter(case__kind="wish", action="claim").exists()
    west = Area.objects.get(name="城西社区")
    cut = Occurrence.objects.filter(
        activity__title="爱心义剪", activity__community=west, status="held"
    )
    assert cut.exists() and all(timezone.localtime(o.starts_at).day == 18 for o in cut)


def test_pages_answer(client):
    client.force_login(User.objects.get(username="volunteer"))
    for path in (
        "/volunteering/",
        "/volunteering/?view=month",
        "/volunteering/me/",
        "/volunteering/teams/",
        f"/volunteering/teams/{Team.objects.first().pk}/",
    ):
        assert client.get(path).status_code == 200, path
    date = Occurrence.objects.filter(status="scheduled").first()
    assert client.get(f"/volunteering/dates/{date.pk}/").status_code == 404  # not their roster
    client.force_login(User.objects.get(username="staff"))
    west = Occurrence.objects.filter(
        status="scheduled", activity__community__name="城西社区"
    ).first()
    assert client.get(f"/volunteering/dates/{west.pk}/").status_code == 200
    assert client.get(f"/volunteering/dates/{west.pk}/check-in/").status_code == 200
    assert client.get("/volunteering/activities/new/").status_code == 200
    client.logout()
    assert client.get("/volunteering/").status_code == 302  # pages need a login


def test_revoking_a_certificate_in_the_back_office_is_audited_and_shown(client):
    from grassroots.core.models import AuditEntry
    from grassroots.volunteering.models import Certificate

    certificate = Certificate.objects.first()
    client.force_login(User.objects.get(username="admin"))
    response = client.post(
        "/admin/volunteering/certificate/",
        {"action": "revoke", "_selected_action": [certificate.pk]},
    )
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked
    assert AuditEntry.objects.filter(
        target_type="volunteering.certificate", target_id=str(certificate.pk)
    ).exists()
    client.logout()
    page = client.get(f"/volunteering/verify/{certificate.verify_token}/").content.decode()
    assert "revoked" in page or "撤销" in page


def test_the_hours_ledger_exports_what_the_figures_count(client):
    import io

    from openpyxl import load_workbook

    from grassroots.core.models import AuditEntry

    west = Area.objects.get(name="城西社区")
    client.force_login(User.objects.get(username="staff"))  # 城西社区's staff
    assert "hours.xlsx" in client.get(f"/volunteering/teams/?community={west.pk}").content.decode()
    year = timezone.localdate().year
    response = client.get(f"/volunteering/hours.xlsx?area={west.pk}&year={year}")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("日期", "志愿者", "活动或服务订单", "社区", "时长（小时）")
    lines = selectors.hours_lines(west).filter(served_on__year=year)
    assert len(rows) - 1 == lines.count() > 0
    assert sum(r[4] for r in rows[1:]) == pytest.approx(
        float(sum(lines.values_list("hours", flat=True)))
    )
    assert all(isinstance(r[0], dt.datetime) for r in rows[1:])  # dates as dates
    assert AuditEntry.objects.filter(action="export", detail__list="volunteer_hours").exists()
    north = Area.objects.get(name="城北社区")
    assert client.get(f"/volunteering/hours.xlsx?area={north.pk}").status_code == 404


def test_a_volunteer_says_what_they_can_do(client):
    from grassroots.core.models import AuditEntry

    user = User.objects.get(username="volunteer")
    client.force_login(user)
    response = client.post("/volunteering/me/", {"skills": "理发、摄影", "availability": "周末"})
    assert response.status_code == 302
    volunteer = Volunteer.objects.get(person__user=user)
    assert (volunteer.skills, volunteer.availability) == ("理发、摄影", "周末")
    assert AuditEntry.objects.filter(
        target_type="volunteering.volunteer", target_id=str(volunteer.pk)
    ).exists()
