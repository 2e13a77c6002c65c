"""Every ledger kind the worker can write: registered by the modules it imports, made without
reading its rows (a count, then an iterator), and holding exactly as many rows as counted."""

from collections.abc import Iterator
from importlib import import_module

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


def test_the_modules_the_worker_imports_register_every_kind():
    for module in exports.LEDGER_MODULES:
        import_module(module)
    assert set(exports.LEDGERS) == KINDS


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_ledger_is_counted_before_its_rows_are_read(kind):
    for module in exports.LEDGER_MODULES:
        import_module(module)
    admin = User.objects.get(username="admin")  # the county
    with CaptureQueriesContext(connection) as made_with:
        made = exports.LEDGERS[kind](admin, {})
    assert isinstance(made.rows, Iterator) and not isinstance(made.rows, list)
    sqls = [q["sql"] for q in made_with.captured_queries]
    assert len(sqls) <= 8 and any("COUNT(" in sql.upper() for sql in sqls), sqls
    rows = list(made.rows)
    assert len(rows) == made.total
    assert all(len(row) == len(made.headers) for row in rows)
