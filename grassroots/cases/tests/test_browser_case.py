"""One demand walked through the real pages in headless Chromium, each step by its own role."""

import re

import pytest
from playwright.sync_api import Page, expect

from grassroots.cases.models import Case
from grassroots.demo import data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _as(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名或手机号").fill(username)
    page.get_by_label("密码").fill(data.PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.locator("h1")).to_be_visible()


def _do(page: Page, base: str, pk: int, label: str, fill: dict | None = None) -> None:
    page.goto(f"{base}/cases/{pk}/")
    form = page.locator("details.action", has=page.get_by_text(label, exact=True))
    if not form.evaluate("d => d.open"):
        form.locator("summary").click()
    for name, value in (fill or {}).items():
        form.locator(f"[name={name}]").fill(value)
    form.get_by_role("button", name=label).click()
    expect(page.locator(".messages")).to_contain_text("操作成功")


def _rated_count(page: Page, base: str) -> int:
    """How many ratings the satisfaction rate on the rates page is computed from."""
    page.goto(f"{base}/cases/rates/?period=month")
    figure = page.locator(".figures li").nth(2).locator(".f").inner_text()
    return int(re.search(r"/\s*(\d+)", figure).group(1))


def test_a_demand_from_report_to_satisfied_rating(live_demo, page: Page):
    base = live_demo.url
    page.set_viewport_size({"width": 390, "height": 844})
    _as(page, base, "resident")
    page.goto(f"{base}/cases/new/")
    page.get_by_label("类别").select_option(label="路灯照明")
    page.get_by_label("小区").select_option(label="骨科小区")
    page.get_by_label("内容描述").fill("3号楼楼道灯坏了一个月，晚上看不见路。")
    page.context.grant_permissions(["geolocation"], origin=base)
    page.context.set_geolocation({"latitude": 35.1382, "longitude": 111.2206})
    page.get_by_role("button", name="用我的位置").click()
    expect(page.get_by_label("纬度（选填）")).to_have_value("35.138200")
    page.get_by_role("button", name="提交").click()
    expect(page.locator(".messages")).to_contain_text("诉求编号")
    expect(page.locator(".case-chain")).to_contain_text("111.220600")
    pk = int(re.search(r"/cases/(\d+)/", page.url).group(1))

    _as(page, base, "secretary")
    rated_before = _rated_count(page, base)
    _do(page, base, pk, "受理")
    page.goto(f"{base}/cases/{pk}/dispatch/")
    page.get_by_label("主办单位").select_option(label="县中医医院")
    page.get_by_role("button", name="派单").click()
    expect(page.locator(".messages")).to_contain_text("已派单")

    _as(page, base, "liaison")
    page.goto(f"{base}/cases/inbox/")
    expect(page.locator("ul.cases")).to_contain_text("楼道灯坏了")
    _do(page, base, pk, "签收")
    _do(page, base, pk, "办结反馈", {"note": "已更换LED灯2盏", "quantities": "LED灯2盏"})

    _as(page, base, "gridworker")
    _do(page, base, pk, "现场核查通过")

    _as(page, base, "resident")
    page.goto(f"{base}/cases/{pk}/")
    page.get_by_label("满意", exact=True).check()
    page.get_by_role("button", name="评价").click()
    expect(page.locator("main")).to_contain_text("已办结归档")
    _as(page, base, "secretary")
    assert _rated_count(page, base) == rated_before + 1  # the rates page counts the new rating
    case = Case.objects.get(pk=pk)
    assert case.rating == "satisfied"
    actions = list(case.events.values_list("action", flat=True))
    assert actions == ["submit", "triage", "dispatch", "accept", "complete", "verify_ok", "rate"]
