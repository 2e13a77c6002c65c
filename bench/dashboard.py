"""Benchmark of the dashboards on a prefecture city (not a test: it prints, never asserts).

    .venv/bin/python bench/dashboard.py [--cases 2000000] [--repeat 15]
    scripts/with-postgres .venv/bin/python bench/dashboard.py     # the same on PostgreSQL

It builds the city once (`generate_city`: 13 counties, the cases, 100,000 party members,
10,000 volunteers; the SQLite database is kept in var/bench-city/), counts the tallies as the
worker does, then prints for a large county and for the whole city:

- the median server time of the dashboard page through the whole Django stack (in process,
  no network), with the worker's tallies fresh;
- the median of raw SQL computing the same figures: the demand figures and the three rates
  counted straight from the cases and their events by hand-written SQL (each case's flags
  worked out once, in a materialised CTE: what the dashboard would do without the tallies),
  and the page's other statements (session, user, the other modules' figures) replayed as
  they are; and the ratio of the two (goal: within 2×);
- whether the raw SQL's demand figures equal the page's;
- the number of queries of the page for the demo county, the large county and the city (goal:
  the same whatever the data);
- for reference, the page counting directly (tallies stale) and the worker's full and
  incremental counts.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("GRASSROOTS_VAR_DIR", str(ROOT / "var" / "bench-city"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grassroots.settings_test")

from common import median_ms  # noqa: E402  (bench/ is the script's own folder)

OPEN = ("submitted", "accepted", "dispatched", "published", "in_progress", "handled", "revisiting")
MEASURES = ("to_sign", "signed_in_time", "taken", "resolved", "rated", "satisfied", "basically")
FINISHED = ("closed", "answered", "rejected", "merged", "withdrawn")


def raw_case_figures(connection, path: str, today, tz, now=None) -> dict:
    """The demand figures and the counts behind the three rates of the area under `path`,
    counted from the cases and their events (the definitions of cases/kpis.py) as of `now`."""
    import datetime as dt

    from grassroots.dashboards.tallies import SCOPE_LENGTH as SCOPE  # a community's path

    year_start = dt.datetime.combine(dt.date(today.year, 1, 1), dt.time.min, tz)
    months_start = dt.datetime.combine(dt.date(today.year - 1, 1, 1), dt.time.min, tz)
    end = dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min, tz)
    from django.utils import timezone

    cut = min(end, now or timezone.now())
    # As the ORM passes them (SQLite compares UTC text).
    adapt = connection.ops.adapt_datetimefield_value
    year_start, months_start, end, cut = map(adapt, (year_start, months_start, end, cut))
    if connection.vendor == "postgresql":
        month = "to_char(c.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')"
    else:
        month = "strftime('%%Y-%%m', c.created_at, '+8 hours')"
    op = ", ".join(f"'{s}'" for s in OPEN)
    fin = ", ".join(f"'{s}'" for s in FINISHED)
    base = "FROM cases_case c JOIN areas_area a ON a.id = c.area_id WHERE a.path LIKE %s"
    like = path + "%"
    result = {}
    with connection.cursor() as cur:
        cur.execute(
            f"""SELECT SUM(CASE WHEN c.status IN ({op}) THEN 1 ELSE 0 END),
                       SUM(CASE WHEN c.overdue AND c.status IN ({op}) THEN 1 ELSE 0 END),
                       SUM(CASE WHEN c.status IN ({fin}) AND c.created_at >= %s THEN 1 ELSE 0 END),
                       SUM(CASE WHEN c.kind = 'wish' AND c.created_at >= %s THEN 1 ELSE 0 END),
                       SUM(CASE WHEN c.kind IN ('wish', 'need')
                                 AND c.channel IN ('wish_wall', 'questionnaire') THEN 1 ELSE 0 END)
                {base}""",
            [year_start, year_start, like],
        )
        keys = ("open", "overdue", "finished", "wishes", "needs")
        result["counts"] = dict(zip(keys, cur.fetchone(), strict=True))
        cur.execute(
            f"SELECT {month} AS m, COUNT(*) {base} AND c.created_at >= %s GROUP BY m",
            [like, months_start],
        )
        result["months"] = dict(cur.fetchall())
        cur.execute(
            f"SELECT c.category_id, COUNT(*) {base} AND c.created_at >= %s GROUP BY c.category_id",
            [like, year_start],
        )
        result["categories"] = dict(cur.fetchall())
        cur.execute(
            f"SELECT c.channel, COUNT(*) {base} AND c.created_at >= %s GROUP BY c.channel",
            [like, year_start],
        )
        result["channels"] = dict(cur.fetchall())
        ev = "SELECT {what} FROM cases_event e WHERE e.case_id = c.id AND e.at < %s AND {cond}"
        rated = "f.rating <> '' AND f.rated_at >= %s AND f.rated_at < %s"
        cur.execute(
            f"""WITH f AS MATERIALIZED (
                  SELECT substr(a.path, 1, {SCOPE}) AS scope, c.rating, c.rated_at, c.sign_due_at,
                    (SELECT x.unit_id FROM cases_assignment x WHERE x.case_id = c.id
                       AND x.role = 'lead' ORDER BY x.created_at DESC, x.id DESC LIMIT 1) AS unit,
                    EXISTS({ev.format(what=1, cond="e.action IN ('dispatch', 'publish') AND e.at >= %s AND e.at < %s")}) AS routed,
                    EXISTS({ev.format(what=1, cond="e.action IN ('accept', 'claim')")}) AS signed,
                    EXISTS({ev.format(what=1, cond="e.action IN ('accept', 'claim') AND e.at <= c.sign_due_at")}) AS in_time,
                    EXISTS({ev.format(what=1, cond="e.action = 'withdraw'")}) AS withdrawn,
                    EXISTS({ev.format(what=1, cond="e.action = 'withdraw' AND e.at < c.sign_due_at")}) AS early,
                    ({ev.format(what="MAX(e.at)", cond="e.action = 'complete'")}) AS done,
                    ({ev.format(what="MAX(e.at)", cond="e.action IN ('verify_fail', 'reopen')")}) AS redo
                  {base})
                SELECT f.scope, f.unit,
                  SUM(CASE WHEN f.routed AND (f.signed OR (f.sign_due_at < %s AND NOT f.early)) THEN 1 ELSE 0 END),
                  SUM(CASE WHEN f.routed AND f.in_time THEN 1 ELSE 0 END),
                  SUM(CASE WHEN f.routed AND f.signed AND NOT f.withdrawn THEN 1 ELSE 0 END),
                  SUM(CASE WHEN f.routed AND f.signed AND NOT f.withdrawn AND f.done IS NOT NULL
                           AND (f.redo IS NULL OR f.redo < f.done) THEN 1 ELSE 0 END),
                  SUM(CASE WHEN {rated} THEN 1 ELSE 0 END),
                  SUM(CASE WHEN {rated} AND f.rating = 'satisfied' THEN 1 ELSE 0 END),
                  SUM(CASE WHEN {rated} AND f.rating = 'basically' THEN 1 ELSE 0 END)
                FROM f WHERE f.routed OR ({rated})
                GROUP BY f.scope, f.unit""",  # noqa: E501
            [cut, year_start, end, cut, cut, cut, cut, cut, cut, like, cut] + [year_start, end] * 4,
        )
        measures = MEASURES
        totals = dict.fromkeys(measures, 0)
        for row in cur.fetchall():
            for m, n in zip(measures, row[2:], strict=True):
                totals[m] += int(n or 0)
        result["rates"] = totals
    result["counts"] = {k: int(v or 0) for k, v in result["counts"].items() if v}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2_000_000)
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--volunteers", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from grassroots.accounts.models import User
    from grassroots.areas.models import Area
    from grassroots.cases.models import Case
    from grassroots.dashboards import tallies
    from grassroots.dashboards.models import TallyState

    Path(os.environ["GRASSROOTS_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0)
    counties = Area.objects.filter(level=Area.Level.COUNTY)
    if not counties.exists():
        from grassroots.demo.seed import seed_demo

        seed_demo(history=False)
    if Case.objects.count() < args.cases or counties.count() < 13:
        print("Building the city (once; kept for the next run) …", flush=True)
        call_command(
            "generate_city", cases=args.cases, members=args.members, volunteers=args.volunteers
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    total = Case.objects.count()

    user, _ = User.objects.get_or_create(username="bench-city", defaults={"is_superuser": True})
    client = Client()
    client.force_login(user)
    demo = counties.get(name="夏县")
    big = counties.get(name="盐湖区")
    city = Area.objects.get(level=Area.Level.CITY)
    today = timezone.localdate()
    tz = timezone.get_current_timezone()

    began = time.perf_counter()
    TallyState.objects.filter(pk=1).delete()
    state = tallies.refresh()
    full_ms = (time.perf_counter() - began) * 1000
    incremental_ms = median_ms(tallies.refresh, 3)

    print(f"== dashboards on {connection.vendor}, {total:,} cases in 13 counties")
    print(f"worker: full count {full_ms:,.0f} ms, count of changes {incremental_ms:,.0f} ms")
    for label, area, param in (("county 盐湖区", big, big.pk), ("city", city, "city")):
        url = f"/dashboards/?area={param}"
        tallies.refresh()

        def page(url=url):
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        seen = []

        def record(execute, sql, params, many, context, seen=seen):
            seen.append((sql, params))
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            page()
        others = [
            (sql, params)
            for sql, params in seen
            if "dashboards_" not in sql and "SAVEPOINT" not in sql
        ]
        path = area.path

        def raw(path=path, others=others):
            raw_case_figures(connection, path, today, tz)
            with connection.cursor() as cursor:
                for sql, params in others:
                    cursor.execute(sql, params)
                    cursor.fetchall()

        tallies.refresh()
        server = median_ms(page, args.repeat)
        baseline = median_ms(raw, max(3, args.repeat // 3))
        tallies.refresh()
        mine = tallies.stored(path)
        as_of = TallyState.objects.get(pk=1).refreshed_at  # the moment the tallies count as of
        counted = raw_case_figures(connection, path, today, tz, as_of)
        differ = [
            k for k in ("counts", "months", "categories", "channels", "rates")
            if getattr(mine, k) != counted[k]
        ]  # fmt: skip
        agree = "yes" if not differ else "NO (" + ", ".join(differ) + ")"
        TallyState.objects.filter(pk=1).update(refreshed_at=timezone.now() - tallies.MAX_AGE * 2)
        direct = median_ms(page, 3)
        print(
            f"{label:14} page {server:8.1f} ms   raw SQL {baseline:8.1f} ms   "
            f"ratio {server / baseline:6.3f}   queries {len(seen):3}   "
            f"figures agree: {agree}   (counting directly: {direct:,.0f} ms)"
        )
    tallies.refresh()
    small = []
    with connection.execute_wrapper(lambda execute, *a: small.append(a[0]) or execute(*a)):
        client.get(f"/dashboards/?area={demo.pk}")
    print(f"queries for the demo county {demo.name}: {len(small)}")
    print(f"last worker count took {state.took_ms} ms")


if __name__ == "__main__":
    main()
