"""A member reports through the QR link, a resident orders 聊天陪护, the member takes and
completes it, the resident rates it, and the member's hours grow: in headless Chromium."""

import re

import pytest
from playwright.sync_api import Page, expect

from grassroots.accounts.models import User
from grassroots.areas.models import Area
from grassroots.demo import data
from grassroots.offers.models import Registration
from grassroots.party.models import PartyMember, PartyOrg
from grassroots.people.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def county_live(live_server):
    from grassroots.demo.seed import seed_demo

    seed_demo(history=False)
    return live_server


def _sign_in(page: Page, username: str) -> None:
    page.get_by_label("用户名或手机号").fill(username)
    page.get_by_label("密码").fill(data.PASSWORD)
    page.get_by_role("button", name="登录").click()


def test_a_member_reports_by_qr_and_serves_a_resident_who_rates_it(county_live, page: Page):
    base = county_live.url
    page.set_viewport_size({"width": 390, "height": 844})
    compound = Area.objects.get(name="骨科小区")
    account = User.objects.create_user(
        username="xiaowang", password=data.PASSWORD, full_name="王小明"
    )
    person = Person.objects.create(name="王小明", user=account, home_area=compound)
    member = PartyMember.objects.create(
        person=person,
        org=PartyOrg.objects.filter(unit__isnull=False).first(),
        home_compound=compound,
    )

    # The QR code on the compound's poster opens this link; signing in leads back to it.
    page.goto(f"{base}/offers/report/{compound.pk}/")
    _sign_in(page, "xiaowang")
    expect(page.locator("h1")).to_contain_text("骨科小区")
    page.get_by_label("我能做什么").fill("陪护老人、聊天")
    page.get_by_label("空闲时间").fill("周末")
    page.get_by_role("button", name="报到").click()
    expect(page.locator(".messages")).to_contain_text("已在骨科小区报到")
    assert Registration.objects.get(member=member, active=True).service_team == "warmth"

    page.context.clear_cookies()
    page.goto(f"{base}/offers/menu/")
    _sign_in(page, "resident")
    order = page.locator("li.card", has=page.get_by_role("heading", name="聊天陪护"))
    order.get_by_label("具体需要（选填）").fill("母亲独居，想有人周末陪她聊聊天")
    order.get_by_role("button", name="点单：聊天陪护").click()
    expect(page.locator(".messages")).to_contain_text("已点单")
    pk = int(re.search(r"/cases/(\d+)/", page.url).group(1))

    page.context.clear_cookies()
    page.goto(f"{base}/offers/me/")
    _sign_in(page, "xiaowang")
    expect(page.locator(".figures li").first).to_contain_text("0")
    page.get_by_role("link", name="聊天陪护").click()
    page.locator("details.action", has=page.get_by_text("接单", exact=True)).get_by_role(
        "button", name="接单"
    ).click()
    expect(page.locator(".messages")).to_contain_text("操作成功")
    done = page.locator("details.action", has=page.get_by_text("办结反馈", exact=True))
    if not done.evaluate("d => d.open"):
        done.locator("summary").click()
    done.locator("[name=note]").fill("周六下午陪老人聊天、散步两小时")
    done.get_by_label("服务时长（小时）").fill("2")
    done.get_by_role("button", name="办结反馈").click()
    expect(page.locator(".messages")).to_contain_text("操作成功")

    page.context.clear_cookies()
    page.goto(f"{base}/cases/{pk}/")
    _sign_in(page, "resident")
    page.get_by_label("满意", exact=True).check()
    page.get_by_role("button", name="评价").click()
    expect(page.locator("main")).to_contain_text("已办结归档")

    page.context.clear_cookies()
    page.goto(f"{base}/offers/me/")
    _sign_in(page, "xiaowang")
    expect(page.locator(".figures li").first.locator(".n")).to_have_text("2")
    expect(page.locator("main")).to_contain_text("聊天陪护")
