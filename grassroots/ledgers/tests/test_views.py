import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from grassroots.accounts.models import User
from grassroots.ledgers.columns import KINDS
from grassroots.ledgers.tests.factories import RESIDENT, english_client, ledger_file
from grassroots.people.models import Person

IMPORT_URL = "/ledgers/import/"


def ours():
    return Person.objects.filter(id_number__startswith="140829")


@pytest.fixture
def plain_client(db):
    user = User.objects.create_user(username="ledger-resident", password="pw-resident")
    return english_client(user)


def test_the_import_page_lives_at_ledgers_import():
    assert reverse("ledgers:import") == IMPORT_URL
    assert (
        reverse("ledgers:template", args=["party_members"])
        == "/ledgers/templates/party_members.xlsx"
    )


@pytest.mark.django_db
def test_staff_see_the_four_ledgers_with_their_templates_and_the_form(staff_client):
    response = staff_client.get(IMPORT_URL)

    assert response.status_code == 200
    html = response.content.decode()
    for kind in KINDS:
        assert f'href="/ledgers/templates/{kind}.xlsx"' in html
    assert 'enctype="multipart/form-data"' in html
    assert 'name="kind"' in html and 'type="file"' in html
    assert "<script>" not in html and "style=" not in html


@pytest.mark.django_db
def test_staff_import_a_clean_file_and_see_the_counts(staff_client, places):
    upload = ledger_file("residents", [RESIDENT])

    response = staff_client.post(IMPORT_URL, {"kind": "residents", "file": upload}, follow=True)

    assert response.redirect_chain == [(IMPORT_URL, 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Residents imported: 1 created, 0 updated."
    ]
    assert "Residents imported: 1 created, 0 updated." in response.content.decode()
    assert ours().get().name == "张三"


@pytest.mark.django_db
def test_a_bad_file_shows_the_report_and_writes_nothing(staff_client, places):
    upload = ledger_file("residents", [RESIDENT, {**RESIDENT, "身份证号": "1408", "楼栋": "9号楼"}])

    response = staff_client.post(IMPORT_URL, {"kind": "residents", "file": upload})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing was imported: the file has 2 problems." in html
    assert (
        "<tr><td>3</td><td>身份证号</td>"
        "<td>An ID number has 18 characters: 17 digits and a final digit or X.</td></tr>"
    ) in html
    assert "<tr><td>3</td><td>楼栋</td>" in html
    assert not ours().exists()


@pytest.mark.django_db
def test_a_file_level_problem_is_reported_without_a_row(staff_client, places):
    upload = SimpleUploadedFile("居民.csv", b"a,b\n")

    response = staff_client.post(IMPORT_URL, {"kind": "residents", "file": upload})

    assert (
        "<tr><td>—</td><td>—</td><td>Only .xlsx files can be imported." in response.content.decode()
    )


@pytest.mark.django_db
def test_a_form_without_a_file_is_sent_back_with_its_error(staff_client, places):
    response = staff_client.post(IMPORT_URL, {"kind": "residents"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"file": ["This field is required."]}
    assert response.context["result"] is None


@pytest.mark.django_db
def test_non_staff_users_are_refused(plain_client, places):
    upload = ledger_file("residents", [RESIDENT])

    assert plain_client.get(IMPORT_URL).status_code == 403
    assert plain_client.post(IMPORT_URL, {"kind": "residents", "file": upload}).status_code == 403
    assert plain_client.get("/ledgers/templates/residents.xlsx").status_code == 403
    assert not ours().exists()


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in (IMPORT_URL, "/ledgers/templates/units.xlsx"):
        response = client.get(url)

        assert response.status_code == 302
        assert response.url == f"{reverse('login')}?next={url}"


@pytest.mark.django_db
def test_the_template_download_is_an_xlsx_with_the_headers(staff_client):
    response = staff_client.get("/ledgers/templates/party_members.xlsx")

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    assert [cell.value for cell in sheet[1]] == KINDS["party_members"].headers


@pytest.mark.django_db
def test_an_unknown_template_is_not_found(staff_client):
    assert staff_client.get("/ledgers/templates/cats.xlsx").status_code == 404


def test_the_report_speaks_chinese_by_default(client, staff, places):
    client.force_login(staff)
    upload = ledger_file("residents", [RESIDENT, {**RESIDENT, "身份证号": "1408"}])
    with translation.override("zh-hans"):
        response = client.post(IMPORT_URL, {"kind": "residents", "file": upload})
    html = response.content.decode()
    assert "未导入任何数据：文件中有 1 处问题，请修改后重新上传。" in html
    assert "<td>身份证号应为 18 位：17 位数字加最后一位数字或 X。</td>" in html
    assert not ours().exists()
