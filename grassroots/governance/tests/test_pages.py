"""The governance pages on the demo county: the overview's figures lead to lists of the same
length, a compound's page, recording and verifying an assessment through the forms, a project
and a meeting through the forms, a disclosure stopped by the scan and then published, the
public page, and who may see what."""

import datetime as dt
import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from grassroots.accounts.models import User
from grassroots.areas.models import Area
from grassroots.cases.models import Category
from grassroots.core.models import AuditEntry
from grassroots.governance.models import Assessment, Disclosure, Meeting, Project
from grassroots.governance.selectors import active_criteria, criteria_set
from grassroots.people.models import Person

pytestmark = pytest.mark.django_db


def _login(client, username):
    client.force_login(User.objects.get(username=username))


def _count(html: str) -> int:
    return int(re.search(r'id="list-count" data-count="(\d+)"', html).group(1))


def test_overview_figures_match_their_lists(client):
    _login(client, "admin")
    page = client.get("/governance/").content.decode()
    whole = int(re.search(r'id="six-whole">(\d+)<', page).group(1))
    county = Area.objects.get(level="county")
    listed = client.get(f"/governance/compounds/?area={county.pk}&state=whole").content.decode()
    assert whole == _count(listed) == 106
    lacking = client.get(f"/governance/compounds/?area={county.pk}&state=lacking").content.decode()
    assert _count(lacking) == 0
    north = Area.objects.get(name="城北社区")
    part = client.get(f"/governance/?area={north.pk}").content.decode()
    expected = Area.objects.filter(level="compound", path__startswith=north.path).count()
    assert f'id="six-whole">{expected}<' in part
    assert "各月末六有达标小区数" in page and "<rect" in page


def test_a_compound_page_and_who_sees_it(client):
    bone = Area.objects.get(name="骨科小区")
    _login(client, "secretary")
    page = client.get(f"/governance/compounds/{bone.pk}/").content.decode()
    for text in (
        "骨科小区整治提升",
        "骨科小区居民自治管理委员会",
        "安全稳定小组",
        "骨科小区整治提升议事会",
    ):
        assert text in page
    _login(client, "staff")  # 城西社区's staff: not over 骨科小区
    assert client.get(f"/governance/compounds/{bone.pk}/").status_code == 404
    _login(client, "resident")
    assert client.get("/governance/").status_code == 404
    mine = client.get("/governance/my-compound/")
    assert mine.status_code == 302 and mine["Location"] == f"/governance/public/{bone.pk}/"


def test_record_and_verify_an_assessment_through_the_forms(client):
    compound = Area.objects.get(name="晋新小区")
    six = criteria_set("six_have")
    form = {"assessed_on": timezone.localdate().isoformat(), "note": "年度复核"}
    for c in active_criteria(six):
        form[f"status_{c.pk}"] = "yes"
        form[f"evidence_{c.pk}"] = ""
    first = active_criteria(six)[0]
    form[f"files_{first.pk}"] = SimpleUploadedFile("支部成立文件.pdf", b"%PDF-1.4 demo")
    _login(client, "secretary")
    refused = client.post(f"/governance/compounds/{compound.pk}/assess/?set=six_have", form)
    assert refused.status_code == 200 and "请提供佐证" in refused.content.decode()
    for c in active_criteria(six):
        form[f"evidence_{c.pk}"] = "现场查看"
    form[f"files_{first.pk}"] = SimpleUploadedFile("支部成立文件.pdf", b"%PDF-1.4 demo")
    done = client.post(f"/governance/compounds/{compound.pk}/assess/?set=six_have", form)
    assessment = Assessment.objects.filter(compound=compound).order_by("-pk").first()
    assert done["Location"] == f"/governance/assessments/{assessment.pk}/"
    page = client.get(done["Location"]).content.decode()
    assert "待核验" in page and "核验</button>" not in page  # the recorder cannot verify
    evidence = assessment.items.get(criterion=first).files.get()
    assert client.get(f"/governance/evidence/{evidence.pk}/").status_code == 200
    _login(client, "admin")
    client.post(done["Location"])
    assessment.refresh_from_db()
    assert assessment.verified_by.username == "admin"


def test_project_and_meeting_through_the_forms(client):
    compound = Area.objects.get(name="晋新小区")
    _login(client, "secretary")
    today = timezone.localdate()
    bad = client.post(
        f"/governance/compounds/{compound.pk}/projects/new/",
        {
            "title": "晋新小区路灯安装",
            "starts_on": today.isoformat(),
            "due_on": (today + dt.timedelta(days=20)).isoformat(),
            "tasks": "路灯安装 两万",
        },
    )
    assert "第1行" in bad.content.decode()
    made = client.post(
        f"/governance/compounds/{compound.pk}/projects/new/",
        {
            "title": "晋新小区路灯安装",
            "starts_on": today.isoformat(),
            "due_on": (today + dt.timedelta(days=20)).isoformat(),
            "tasks": "路灯安装 20000\n线路改造 8,000元",
        },
    )
    project = Project.objects.get(title="晋新小区路灯安装")
    assert made["Location"] == f"/governance/projects/{project.pk}/"
    assert project.budget == 28000 and project.tasks.count() == 2
    task = project.tasks.first()
    client.post(
        made["Location"], {"action": "task", "task": task.pk, "spent": "19500", "done": "on"}
    )
    task.refresh_from_db()
    assert task.spent == 19500 and task.done_on == today

    people = list(Person.objects.filter(home_area__path__startswith=compound.path)[:5])
    response = client.post(
        f"/governance/compounds/{compound.pk}/meetings/new/",
        {
            "title": "路灯议事会",
            "day": today.isoformat(),
            "time": "19:00",
            "agenda": "路灯位置",
            "quorum": "3",
            "attendees": [p.pk for p in people],
        },
    )
    meeting = Meeting.objects.get(title="路灯议事会")
    assert response["Location"] == f"/governance/meetings/{meeting.pk}/"
    client.post(
        response["Location"],
        {
            "action": "decision",
            "text": "在3号楼前加装路灯",
            "votes_for": "4",
            "votes_against": "1",
            "votes_abstain": "0",
        },
    )
    decision = meeting.decisions.get()
    assert decision.passed
    client.post(
        response["Location"],
        {
            "action": "follow_up",
            "decision": decision.pk,
            "category": Category.objects.get(code="lighting").pk,
            "description": "加装路灯两盏",
        },
    )
    case = decision.cases.get()
    assert case.channel == "deliberation" and case.area == compound
    assert case.reference in client.get(response["Location"]).content.decode()


def test_disclosure_scan_then_publish_through_the_pages(client):
    _login(client, "secretary")
    north = Area.objects.get(name="城北社区")
    response = client.post(
        "/governance/disclosures/new/",
        {
            "area": north.pk,
            "category": "residence",
            "title": "停车管理公示",
            "period": "2026年11月",
            "body": "有问题请找李师傅，电话13800001111。",
            "files": [SimpleUploadedFile("车主名单140828198805050011.xlsx", b"x")],
        },
    )
    d = Disclosure.objects.get(title="停车管理公示")
    url = f"/governance/disclosures/{d.pk}/"
    assert response["Location"] == url
    page = client.get(url).content.decode()
    assert "138****1111" in page and "1408" in page and "公开前须修改" in page
    client.post(url, {"action": "publish"})
    d.refresh_from_db()
    assert d.status == "draft"
    client.post(
        url,
        {"action": "edit", "title": d.title, "period": d.period, "body": "有问题请到社区办公室。"},
    )
    client.post(url, {"action": "remove", "attachment": d.attachments.get().pk})
    assert "未发现手机号或身份证号" in client.get(url).content.decode()
    client.post(url, {"action": "publish"})
    d.refresh_from_db()
    assert d.status == "published"
    client.logout()
    bone = Area.objects.get(name="骨科小区")
    public = client.get(f"/governance/public/{bone.pk}/").content.decode()
    assert "停车管理公示" in public and "骨科小区整治提升工程资金使用情况" in public
    assert "冬季供暖报修安排" not in public  # the demo's draft with a phone number stays hidden


def test_the_six_have_ledger_and_the_lists(client):
    _login(client, "secretary")
    north = Area.objects.get(name="城北社区")
    response = client.get(f"/governance/compounds.xlsx?area={north.pk}&state=whole")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r and r[0] == "小区")
    body = [r for r in rows[header + 1 :] if r and r[0]]
    expected = Area.objects.filter(level="compound", path__startswith=north.path).count()
    assert len(body) == expected and rows[header][1] == "有组织覆盖"
    bone = next(r for r in body if r[0] == "骨科小区")
    assert bone[1:8] == ("是",) * 6 + ("6/6",) and isinstance(bone[8], dt.datetime)
    assert AuditEntry.objects.filter(action="export", actor__username="secretary").exists()
    projects = client.get("/governance/projects/").content.decode()
    assert "骨科小区整治提升" in projects
    meetings = client.get("/governance/meetings/").content.decode()
    assert "骨科小区整治提升议事会" in meetings
    _login(client, "staff")  # 城西社区: 骨科小区 (城北) is not theirs
    assert "骨科小区整治提升" not in client.get("/governance/projects/").content.decode()
