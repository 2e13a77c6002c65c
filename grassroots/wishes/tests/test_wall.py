"""The wish wall shows no personal details; a wish goes from the wall to the resident's
confirmation; questionnaires make need cases counted with the rest; the claim board narrows to
a community's wishes."""

import pytest

from grassroots.accounts.models import Role, User
from grassroots.areas.models import Area
from grassroots.cases import services as cases
from grassroots.cases.models import Case, Category
from grassroots.conftest import make_user
from grassroots.people.models import Person
from grassroots.volunteering import selectors as volunteering
from grassroots.volunteering.models import Questionnaire
from grassroots.wishes.selectors import collected_needs
from grassroots.wishes.services import answer_questionnaire, post_wish

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
        "401室",  # the door (a bare "401" could be any id on the page)
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
    assert volunteering.figures(north)["needs"] == before + 2


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


def test_the_wish_pages_answer(client):
    client.force_login(User.objects.get(username="volunteer"))
    for path in ("/volunteering/wishes/", "/volunteering/wishes/new/"):
        assert client.get(path).status_code == 200, path
