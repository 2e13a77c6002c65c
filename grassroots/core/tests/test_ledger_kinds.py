"""Every ledger kind the worker can write: registered by its app at start-up, made without
reading its rows (a count, then an iterator), and holding exactly as many rows as counted."""

from collections.abc import Iterator

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from grassroots.accounts.models import User
from grassroots.core import exports

pytestmark = pytest.mark.django_db

KINDS = {
    "cases",
    "six_have",
    "registrations:unit",
    "registrations:member",
    "unregistered_units",
    "unregistered_members",
    "unpaired_communities",
    "unpaired_compounds",
    "unpaired_households",
    "pairings",
    "bookings",
    "volunteer_hours",
    "volunteer_activities",
    "volunteers",
}


def test_every_kind_is_registered_once_the_apps_are_ready():
    """The apps' `ledgers` modules are imported at start-up, so the worker knows every kind."""
    assert set(exports.LEDGERS) == KINDS


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_ledger_is_counted_before_its_rows_are_read(kind):
    admin = User.objects.get(username="admin")  # the county
    with CaptureQueriesContext(connection) as made_with:
        made = exports.LEDGERS[kind](admin, {})
    assert isinstance(made.rows, Iterator) and not isinstance(made.rows, list)
    sqls = [q["sql"] for q in made_with.captured_queries]
    assert len(sqls) <= 8 and any("COUNT(" in sql.upper() for sql in sqls), sqls
    rows = list(made.rows)
    assert len(rows) == made.total
    assert all(len(row) == len(made.headers) for row in rows)
