"""Shared fixtures: the demo county, loaded once, and a small test county beside it; a ledger
asked for both ways (at once, and through the background writer)."""

import io
import os

import pytest

from grassroots.accounts.models import Role, RoleAssignment, User
from grassroots.areas.models import Area

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def city(db):
    """The demo's city, 运城市: every county of the suite lies under it (made again after a
    transactional test emptied the database)."""
    found = Area.objects.filter(level=Area.Level.CITY).first()
    return found or Area.objects.add_root(
        instance=Area(name="运城市", level=Area.Level.CITY, code="140800000000")
    )


@pytest.fixture
def county(city):
    county = Area.objects.add_child(
        city, instance=Area(name="测试县", level=Area.Level.COUNTY, code="140899000000")
    )
    city.refresh_from_db()
    return county


@pytest.fixture
def street(county):
    return Area.objects.add_child(county, instance=Area(name="测试镇", level=Area.Level.STREET))


@pytest.fixture
def community(street):
    return Area.objects.add_child(
        street, instance=Area(name="北关社区", level=Area.Level.COMMUNITY)
    )


@pytest.fixture
def other_community(street):
    return Area.objects.add_child(
        street, instance=Area(name="南关社区", level=Area.Level.COMMUNITY)
    )


@pytest.fixture
def compound(community):
    return Area.objects.add_child(
        community, instance=Area(name="幸福小区", level=Area.Level.COMPOUND, build_year=1992)
    )


@pytest.fixture
def building(compound):
    return Area.objects.add_child(compound, instance=Area(name="1号楼", level=Area.Level.BUILDING))


def make_user(username: str, role: str | None = None, *, area=None, unit=None, **extra) -> User:
    user = User.objects.create_user(username=username, password="pw-" + username, **extra)
    if role:
        RoleAssignment.objects.create(user=user, role=role, area=area, unit=unit)
    return user


@pytest.fixture
def staff_user(community):
    return make_user("staff1", Role.COMMUNITY_STAFF, area=community, full_name="社区干事")


@pytest.fixture
def secretary(community):
    return make_user("secretary1", Role.COMMUNITY_SECRETARY, area=community, full_name="社区书记")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The demo county is loaded once for the whole run; each test rolls back its own changes."""
    from grassroots.demo.seed import seed_demo

    with django_db_blocker.unblock():
        seed_demo()


def sheet_rows(response) -> list[tuple]:
    """The rows (headers first) of the Excel file a response serves."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return list(book.active.iter_rows(values_only=True))


@pytest.fixture
def ledger_both_ways(client, settings, django_capture_on_commit_callbacks):
    """Ask the signed-in client for a ledger at once, then with a threshold it reaches, so the
    worker writes it; gives the rows answered at once, the export and the rows it wrote."""
    from grassroots.core.models import Export

    def ask(url: str):
        settings.LARGE_EXPORT = 10**9
        at_once = client.get(url)
        assert at_once.status_code == 200, url
        settings.LARGE_EXPORT = 1
        with django_capture_on_commit_callbacks(execute=True):
            queued = client.get(url)
        export = Export.objects.order_by("-pk").first()
        assert queued.status_code == 302 and queued["Location"] == f"/exports/{export.pk}/", url
        written = client.get(f"/exports/{export.pk}/file/")
        assert written.status_code == 200, url
        return sheet_rows(at_once), export, sheet_rows(written)

    return ask


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Drive the system Chromium headless; without it, CI fails and a developer run skips."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: browser tests cannot run in CI")
        pytest.skip(f"{CHROMIUM} is missing; `make test` installs it")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture
def live_demo(live_server):
    """The demo county on a live server (browser tests flush the database, so seed again).

    Without its year of history: the browser walks need the county, its people and logins,
    and a full reseed per test would cost a minute and a half on PostgreSQL."""
    from grassroots.demo.seed import seed_demo

    seed_demo(history=False)
    return live_server


@pytest.fixture
def page(page):
    """Fail fast: a page that does not show what is expected within 10 s never will."""
    page.set_default_timeout(10_000)
    from playwright.sync_api import expect

    expect.set_options(timeout=10_000)
    return page
