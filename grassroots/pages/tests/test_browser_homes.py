"""Each demo role signs in through the real page in headless Chromium and sees its home."""

import re

import pytest
from playwright.sync_api import Page, expect

from grassroots.demo import data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What each role's home page says in Chinese, computed from the data it shows.
HOME_HEADINGS = {
    "resident": "您好",
    "gridworker": "网格员工作台",
    "staff": "城西社区 · 社区工作台",
    "secretary": "城北社区 · 社区工作台",
    "liaison": "县中医医院 · 单位工作台",
    "member": "我的党员信息",  # a section below the greeting
    "volunteer": "您好",
    "admin": "夏县 · 全县概览",
    "auditor": "夏县 · 审计台",
    "cityadmin": "运城市 · 全市概览",
    "cityauditor": "运城市 · 审计台",
}


def _sign_in(page: Page, base: str, login: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名或手机号").fill(login)
    page.get_by_label("密码").fill(data.PASSWORD)
    page.get_by_role("button", name="登录").click()


def test_every_demo_role_signs_in_and_sees_its_home(live_demo, page: Page, tmp_path):
    page.set_viewport_size({"width": 390, "height": 844})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    for username, *_rest in data.LOGINS:
        _sign_in(page, live_demo.url, username)
        expect(page.locator("main")).to_contain_text(HOME_HEADINGS[username])
        # Mobile-first: nothing wider than the phone's screen.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=tmp_path / f"{username}.png", full_page=True)
        page.get_by_role("button", name="退出").click()
        expect(page).to_have_url(re.compile(r"/accounts/login/"))
    assert errors == []


def test_county_admin_home_shows_the_live_figures(live_demo, page: Page):
    _sign_in(page, live_demo.url, "13900000008")  # by mobile number
    figures = page.locator(".figures")
    expect(figures).to_contain_text("106")
    expect(figures).to_contain_text("82")
    expect(figures).to_contain_text("1546")
    expect(page.locator("table.list")).to_contain_text("瑶峰镇")


def test_language_switch_to_english(live_demo, page: Page):
    _sign_in(page, live_demo.url, "staff")
    page.get_by_role("button", name="English").click()
    expect(page.locator("h1")).to_contain_text("community workbench")
    page.get_by_role("button", name="中文").click()
    expect(page.locator("h1")).to_contain_text("社区工作台")


def test_revealing_a_mobile_number_in_the_browser(live_demo, page: Page):
    _sign_in(page, live_demo.url, "secretary")
    page.goto(f"{live_demo.url}/people/")
    first = page.locator("tbody tr").first
    masked = first.locator("td").nth(2).locator("span").inner_text()
    assert re.fullmatch(r"1\d\d\*{4}\d{4}", masked)
    first.get_by_role("button", name="显示").first.click()
    expect(first.locator("td").nth(2).locator("span")).to_have_text(re.compile(r"^1\d{10}$"))
