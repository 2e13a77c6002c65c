"""A resident signs up in headless Chromium with the code the outbox kept, and lands home."""

import re

import pytest
from playwright.sync_api import Page, expect

from grassroots.accounts.models import RoleAssignment, SmsOutbox, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MOBILE = "17012340021"


def test_a_resident_signs_up_with_a_code_from_the_outbox(live_demo, page: Page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_demo.url}/accounts/login/")
    page.locator("a[href='/accounts/signup/']").click()
    page.locator("input[name=mobile]").fill(MOBILE)
    page.locator("button[name=send]").click()
    expect(page.locator("ul.messages")).to_be_visible()
    text = SmsOutbox.objects.get(mobile=MOBILE).text
    code = re.search(r"\d{6}", text).group()
    page.locator("input[name=code]").fill(code)
    page.locator("input[name=full_name]").fill("李春梅")
    page.locator("input[name=password]").fill("Qingshui-2026")
    page.locator("select[name=compound]").select_option(index=1)
    page.locator("button[name=sign_up]").click()
    expect(page.locator("main")).to_contain_text("您好")
    expect(page.get_by_role("button", name="退出")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    user = User.objects.get(mobile=MOBILE)
    assert RoleAssignment.objects.get(user=user).role == "resident"
