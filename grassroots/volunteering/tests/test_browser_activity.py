"""An organiser creates a repeating activity, a volunteer signs up and checks in with the
organiser's code, the organiser confirms the hours and the volunteer downloads a certificate:
in headless Chromium against a live server."""

import datetime as dt
import os
import re
import shutil
import subprocess

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from grassroots.demo import data
from grassroots.volunteering.models import Activity, Occurrence

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WEEKDAYS = "一二三四五六日"


@pytest.fixture
def county_live(live_server):
    from grassroots.demo.seed import seed_demo

    seed_demo(history=False)
    return live_server


def _sign_in(page: Page, base: str, username: str, then: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/?next={then}")
    page.get_by_label("用户名或手机号").fill(username)
    page.get_by_label("密码").fill(data.PASSWORD)
    page.get_by_role("button", name="登录").click()


def test_recurring_activity_from_creation_to_certificate(county_live, page: Page, tmp_path):
    base = county_live.url
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    # The organiser: 每周X上午, from tomorrow.
    _sign_in(page, base, "staff", "/volunteering/activities/new/")
    page.get_by_label("标题").fill("书法兴趣课")
    page.get_by_label("地点").fill("城西社区党群服务中心阅览室")
    page.get_by_label("日期（首次）").fill(tomorrow.isoformat())
    page.get_by_label("开始时间").fill("09:00")
    page.get_by_label("结束时间").fill("11:00")
    page.get_by_label("重复", exact=True).select_option("weekly")
    page.get_by_label(f"周{WEEKDAYS[tomorrow.weekday()]}").check()
    page.get_by_label("名额").fill("5")
    page.get_by_role("button", name="发布").click()
    expect(page.locator(".messages")).to_contain_text("活动已发布")
    activity = Activity.objects.get(title="书法兴趣课")
    assert activity.rrule.startswith("FREQ=WEEKLY;BYDAY=")
    assert activity.occurrences.count() >= 52
    expect(page.locator("h1")).to_have_text("书法兴趣课")

    # The volunteer signs up for the first date.
    _sign_in(page, base, "volunteer", f"/volunteering/activities/{activity.pk}/")
    page.get_by_role("button", name="报名", exact=True).first.click()
    expect(page.locator(".messages")).to_contain_text("您已报名")

    # The day comes: the first date starts in a few minutes.
    first = activity.occurrences.order_by("starts_at").first()
    start = timezone.now() - dt.timedelta(minutes=5)
    Occurrence.objects.filter(pk=first.pk).update(
        starts_at=start, original_start=start, ends_at=start + dt.timedelta(hours=2)
    )

    # The organiser shows the code; the volunteer's phone scans it and checks in.
    _sign_in(page, base, "staff", f"/volunteering/dates/{first.pk}/check-in/")
    expect(page.locator(".vol-code img")).to_be_visible()
    link = page.locator("a.scan-link").get_attribute("href")
    assert re.search(rf"/volunteering/dates/{first.pk}/scan/\d+-[0-9a-f]+/$", link)
    _sign_in(page, base, "volunteer", link.replace("http://testserver", ""))
    page.goto(link)
    page.get_by_role("button", name="立即签到/签退").click()
    expect(page.locator(".messages")).to_contain_text("签到成功")

    # The organiser confirms the hours.
    _sign_in(page, base, "staff", f"/volunteering/dates/{first.pk}/")
    page.get_by_label("服务群众人次").fill("12")
    page.get_by_role("button", name="确认服务时长").click()
    expect(page.locator(".messages")).to_contain_text("已为1人确认服务时长")
    first.refresh_from_db()
    assert first.status == "held" and first.served_count == 12

    # The volunteer sees the hours and downloads a certificate.
    _sign_in(page, base, "volunteer", "/volunteering/me/")
    page.get_by_role("button", name="开具证书").click()
    expect(page.locator(".messages")).to_contain_text("已开具")
    with page.expect_download() as info:
        page.get_by_role("link", name="下载 PDF").first.click()
    path = tmp_path / "certificate.pdf"
    info.value.save_as(path)
    pdf = path.read_bytes()
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext") or os.environ.get("CI") == "true":
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
        assert "志愿服务证书" in "".join(text.stdout.decode().split())
