"""The county dashboard and its wall mode in headless Chromium: every chart is drawn, no
request fails and the console stays clean (plotly under the strict CSP included); one figure
is followed to its list, which shows the same count. The screenshots are kept under
var/test-artifacts/."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from grassroots.volunteering.tests.test_browser_activity import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path(settings.BASE_DIR) / "var" / "test-artifacts"


def _watch(page: Page) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on(
        "response", lambda r: problems.append(f"{r.status}: {r.url}") if r.status >= 400 else None
    )
    return problems


def _charts_drawn(page: Page) -> None:
    charts = page.locator("[data-chart]")
    assert charts.count() == 3
    for i in range(charts.count()):
        expect(charts.nth(i)).to_have_attribute("data-rendered", "true")
        expect(charts.nth(i).locator("svg.main-svg").first).to_be_visible()


def test_county_dashboard_wall_and_a_figure_to_its_list(live_demo, page: Page):
    base = live_demo.url
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    _sign_in(page, base, "admin", "/dashboards/")
    problems = _watch(page)
    expect(page.locator("h1")).to_contain_text("夏县")
    _charts_drawn(page)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)

    page.get_by_role("link", name="大屏").click()
    expect(page.locator("body.wall")).to_be_visible()
    _charts_drawn(page)
    page.screenshot(path=str(ARTIFACTS / "dashboard-wall.png"), full_page=True)

    figure = page.locator('[data-figure="cases_open"]')
    shown = int(figure.locator("[data-value]").get_attribute("data-value"))
    figure.locator("a").click()
    expect(page.locator("#list-count")).to_be_visible()
    listed = int(page.locator("#list-count").get_attribute("data-count"))
    assert listed == shown > 0
    assert re.search(r"/cases/list/\?area=\d+&group=open", page.url)
    assert problems == []
