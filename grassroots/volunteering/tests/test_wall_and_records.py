"""The wish wall shows no personal details; a wish goes from the wall to the resident's
confirmation; questionnaires make need cases; certificates; and the demo's figures."""

import datetime as dt

import pytest
from django.utils import timezone

from grassroots.accounts.models import Role, User
from grassroots.areas.models import Area
from grassroots.cases import services as cases
from grassroots.cases.models import Case, Category, Event
from grassroots.conftest import make_user
from grassroots.core.tests.pdf import pdf_text
from grassroots.people.models import Person
from grassroots.volunteering import selectors, services
from grassroots.volunteering.certificates import render_certificate_pdf
from grassroots.volunteering.models import (
    Enrollment,
    Occurrence,
    Questionnaire,
    ServiceRecord,
    Team,
    Volunteer,
)
from grassroots.volunteering.wishes import answer_questionnaire, collected_needs, post_wish

pytestmark = pytest.mark.django_db
PHONE, ID_NUMBER = "13912345678", "142730199003150021"


@pytest.fixture
def resident():
    compound = Area.objects.get(name="骨科小区")
    building = Area.objects.get(name="1号楼", path__startswith=compound.path)
    user = make_user("wisher", Role.RESIDENT, area=compound, full_name="许愿人欧阳明")
    Person.objects.create(name="许愿人欧阳明", user=user, home_area=building, mobile=PHONE)
    return user


def test_the_wall_never_shows_phone_id_or_full_address(client, resident):
    admin = User.objects.get(username="admin")
    wish = post_wish(
        actor=resident,
        title=f"想要老花镜 {PHONE}",
        description=f"我住3号楼2单元401室，身份证{ID_NUMBER}，电话{PHONE}，也可打 0359-8521234。",
    )
    assert wish.requester_id == resident.pk and wish.channel == "wish_wall"
    page = client.get("/volunteering/wishes/")  # anonymous: the wall is public
    assert page.status_code == 200 and "想要老花镜" not in page.content.decode()  # not checked yet
    cases.triage_case(actor=admin, case=wish)
    cases.publish_case(actor=admin, case=wish)
    html = client.get("/volunteering/wishes/").content.decode()
    assert "想要老花镜" in html and "骨科小区" in html
    for secret in (
        PHONE,
        ID_NUMBER,
        "8521234",
        "401",
        "2单元",
        "3号楼",
        "1号楼",
        "欧阳明",
        "许愿人",
    ):
        assert secret not in html, secret
    liaison = User.objects.get(username="liaison")
    client.force_login(liaison)
    html = client.get("/volunteering/wishes/").content.decode()
    assert "我来认领" in html  # the claim button, for a unit's liaison
    response = client.post(f"/volunteering/wishes/{wish.pk}/claim/")
    assert response.status_code == 302
    wish.refresh_from_db()
    assert wish.status == "in_progress"
    cases.complete_case(actor=liaison, case=wish, note="已送去老花镜")
    wish.refresh_from_db()
    assert wish.status == "revisiting"  # no site visit: the resident confirms
    cases.rate_case(actor=resident, case=wish, rating="satisfied", comment="谢谢")
    wish.refresh_from_db()
    assert wish.status == "closed"
    client.logout()
    came_true = client.get("/volunteering/wishes/?state=came_true").content.decode()
    assert "县中医医院" in came_true and PHONE not in came_true and "401" not in came_true


def test_the_wall_hides_numbers_in_every_shape_and_keeps_dates_and_amounts(client, resident):
    admin = User.objects.get(username="admin")
    wish = post_wish(
        actor=resident,
        title="想要一台收音机，电话１３９ １２３４ ５６７８",
        description=(
            "2026年3月5日前送到5栋302房（1-2-302），约200元。白天打+86 139-1234-5678，"
            "晚上打(0359)6321234或6321234，身份证142730 19900315 0021。"
        ),
    )
    cases.triage_case(actor=admin, case=wish)
    cases.publish_case(actor=admin, case=wish)
    html = client.get("/volunteering/wishes/").content.decode()
    assert "想要一台收音机" in html and "2026年3月5日前送到" in html and "约200元" in html
    for secret in ("１２３４", "1234", "5678", "6321234", "302", "5栋", "19900315", "0021"):
        assert secret not in html, secret


def test_questionnaire_answers_are_need_cases_counted_with_the_rest(resident):
    compound = Area.objects.get(name="骨科小区")
    north = Area.objects.get(name="城北社区")
    questionnaire = Questionnaire.objects.create(
        community=north,
        title="需求问卷",
        options="助餐送餐\n上门理发",
        category=Category.objects.get(code="other"),
    )
    before = collected_needs().filter(area__path__startswith=north.path).count()
    made = answer_questionnaire(
        actor=resident,
        questionnaire=questionnaire,
        choices=["上门理发", "不在问卷里的"],
        other="希望小区有个晾衣架",
    )
    assert [c.title for c in made] == ["上门理发", "希望小区有个晾衣架"]
    assert {c.kind for c in made} == {"need"} and {c.channel for c in made} == {"questionnaire"}
    assert all(c.area.path.startswith(compound.path) and c.requester == resident for c in made)
    assert collected_needs().filter(area__path__startswith=north.path).count() == before + 2
    assert selectors.figures(north)["needs"] == before + 2


def test_certificate_pdf_and_its_public_check(client, resident):
    person = Person.objects.get(user=resident)
    volunteer = Volunteer.objects.create(person=person)
    for hours, day in (("2.5", 3), ("4.0", 10)):
        ServiceRecord.objects.create(
            person=person, hours=hours, served_on=dt.date(2026, 6, day), note="爱心义剪"
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
        "/volunteering/wishes/",
        "/volunteering/wishes/new/",
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


def test_the_claim_board_narrows_to_a_communitys_wishes(client):
    client.force_login(User.objects.get(username="liaison"))
    west = Area.objects.get(name="城西社区")
    everything = client.get("/cases/board/").context["page"].paginator.count
    response = client.get(f"/cases/board/?community={west.pk}&kind=wish")
    page = response.context["page"]
    expected = Case.objects.filter(
        status="published", kind="wish", area__path__startswith=west.path
    ).count()
    assert page.paginator.count == expected > 0
    assert everything > expected
    assert all(c.kind == "wish" and c.area.path.startswith(west.path) for c in page)
