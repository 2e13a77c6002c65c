"""Benchmark of the machine interfaces on a large database (not a test: it prints, never asserts).

    .venv/bin/python bench/api.py [--cases 1000000] [--repeat 30]
    scripts/with-postgres .venv/bin/python bench/api.py        # the same on PostgreSQL

For each interface it prints the median server time through the whole Django stack (in
process, no network) and the median of the raw SQL doing the same reads or the same insert,
measured in the same run, and their ratio. Goals: reads within 3× raw SQL, a submit within
5× a raw insert. The SQLite database is kept in var/bench/ so later runs skip the generation.
"""

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("GRASSROOTS_VAR_DIR", str(ROOT / "var" / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grassroots.settings_test")

from common import median_ms  # noqa: E402  (bench/ is the script's own folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import timezone

    from grassroots.accounts.models import User
    from grassroots.accounts.services import issue_api_token
    from grassroots.areas.models import Area
    from grassroots.cases import selectors
    from grassroots.cases.models import Case, Category
    from grassroots.cases.workflow import OPEN, OPEN311_CLOSED

    Path(os.environ["GRASSROOTS_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0)
    if not Area.objects.filter(level=Area.Level.COUNTY).exists():
        from grassroots.demo.seed import seed_demo

        seed_demo(history=False)
    missing = args.cases - Case.objects.count()
    if missing > 0:
        print(f"Generating {missing:,} cases (once; kept for the next run) …", flush=True)
        call_command("generate_cases", count=missing, stdout=sys.stderr)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    total = Case.objects.count()

    admin = User.objects.get(username="admin")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {issue_api_token(user=admin)[0]}")
    community = Area.objects.get(name="城北社区")
    county = Area.objects.get(level=Area.Level.COUNTY)
    open_states = sorted(OPEN)
    closed_states = sorted(OPEN311_CLOSED)

    def raw(sql: str, params: list) -> callable:
        def run():
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()

        return run

    marks = ", ".join(["%s"] * len(open_states))
    inside = "c.area_id IN (SELECT id FROM areas_area WHERE path LIKE %s)"
    page_sql = (
        f"SELECT c.id FROM cases_case c WHERE {inside} AND c.status IN ({marks}) "
        "ORDER BY c.created_at DESC, c.id DESC LIMIT 20"
    )
    rows_sql = (
        "SELECT c.*, cat.code, cat.name, a.name FROM cases_case c "
        "JOIN areas_area a ON a.id = c.area_id "
        "JOIN cases_category cat ON cat.id = c.category_id "
        "WHERE c.id IN ({}) ORDER BY c.created_at DESC, c.id DESC"
    )
    params = [community.path + "%", *open_states]

    def api_list_raw():
        """The same three steps: count, the page's ids from the index, then those rows."""
        raw(f"SELECT COUNT(*) FROM cases_case c WHERE {inside} AND c.status IN ({marks})", params)()
        ids = [row[0] for row in raw(page_sql, params)()]
        raw(rows_sql.format(", ".join(["%s"] * len(ids))), ids)()

    def api_list():
        response = client.get(
            "/api/v1/cases", {"area": community.pk, "group": "open", "page_size": 20}
        )
        assert response.status_code == 200, response.content

    now = timezone.now()
    since = now - timezone.timedelta(days=90)
    closed_marks = ", ".join(["%s"] * len(closed_states))
    open311_sql = (
        "SELECT c.*, cat.code, cat.name, a.name, a.level, "
        "(SELECT COALESCE(u.name, t.name, 'x') FROM cases_assignment s "
        " LEFT JOIN units_unit u ON u.id = s.unit_id "
        " LEFT JOIN volunteering_team t ON t.id = s.team_id "
        " WHERE s.case_id = c.id AND s.role = 'lead' ORDER BY s.created_at DESC LIMIT 1), "
        "(SELECT e.note FROM cases_event e WHERE e.case_id = c.id AND e.action IN "
        " ('answer','reject','complete','verify_fail','reopen','merge','withdraw') "
        " AND e.note <> '' "
        " ORDER BY e.at DESC, e.id DESC LIMIT 1), "
        "(SELECT p.name FROM areas_area p WHERE p.path = SUBSTR(a.path, 1, 16) LIMIT 1) "
        "FROM cases_case c JOIN areas_area a ON a.id = c.area_id "
        "JOIN cases_category cat ON cat.id = c.category_id "
        "WHERE c.kind = 'problem' AND c.area_id IN (SELECT id FROM areas_area WHERE path LIKE %s) "
        "AND c.created_at >= %s AND c.created_at <= %s "
        f"AND cat.code = %s AND c.status NOT IN ({closed_marks}) "
        "ORDER BY c.created_at DESC, c.id DESC LIMIT 1000"
    )
    open311_params = [county.path + "%", since, now, "drainage", *closed_states]

    def open311():
        response = client.get(
            "/open311/v2/requests.json",
            {
                "service_code": "drainage",
                "status": "open",
                "start_date": since.isoformat(),
                "end_date": now.isoformat(),
            },
        )
        assert response.status_code == 200, response.content

    compound = Area.objects.get(name="骨科小区")
    category = Category.objects.get(code="drainage")
    resident_key = issue_api_token(user=User.objects.get(username="resident"))[0]
    resident = Client(HTTP_AUTHORIZATION=f"Bearer {resident_key}")
    body = json.dumps(
        {"category": "drainage", "area": compound.pk, "description": "巷道下水道堵塞，污水外溢。"}
    )

    def submit():
        response = resident.post("/api/v1/cases", body, content_type="application/json")
        assert response.status_code == 201, response.content

    # What a submit writes, as raw SQL in one transaction: the case, its first event, the audit
    # line and a notice to each of the community's staff.
    staff = list(selectors.staff_for(Case(area=compound)).values_list("pk", flat=True))
    case_sql = (
        "INSERT INTO cases_case (kind, channel, category_id, title, description, area_id, "
        "requester_id, requester_name, requester_phone, address, hide_requester, status, urgent, "
        "complex, repeat_count, created_at, updated_at, overdue, supervised, completion_note, "
        "quantities, rating, rating_comment) VALUES ('problem', 'resident', %s, %s, %s, %s, %s, "
        "'', '', '', false, 'submitted', false, false, 0, %s, %s, false, false, '', '', '', '')"
    )
    event_sql = (
        "INSERT INTO cases_event (case_id, at, actor_id, action, from_status, to_status, note, "
        "data) VALUES (%s, %s, %s, 'submit', '', 'submitted', '', '{}')"
    )
    audit_sql = (
        "INSERT INTO core_auditentry (at, actor_id, action, target_type, target_id, "
        "target_label, detail) VALUES (%s, %s, 'change', 'cases.case', %s, %s, '{}')"
    )
    notice_sql = (
        "INSERT INTO notifications_notification (recipient_id, title, body, url, created_at) "
        "VALUES (%s, %s, %s, %s, %s)"
    )
    resident_user = User.objects.get(username="resident")
    text = "巷道下水道堵塞，污水外溢。"

    def raw_insert():
        moment = timezone.now()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                case_sql, [category.pk, text, text, compound.pk, resident_user.pk, moment, moment]
            )
            pk = Case.objects.order_by("-pk").values_list("pk", flat=True)[0]
            cursor.execute(event_sql, [pk, moment, resident_user.pk])
            cursor.execute(audit_sql, [moment, resident_user.pk, str(pk), text])
            for recipient in staff:
                cursor.execute(notice_sql, [recipient, text, text, f"/cases/{pk}/", moment])

    rows = [
        ("GET /api/v1/cases (community, open, 20)", api_list, api_list_raw, 3),
        (
            "GET /open311/v2/requests.json (90 days)",
            open311,
            raw(open311_sql, open311_params),
            3,
        ),
        ("POST /api/v1/cases (what it writes)", submit, raw_insert, 5),
    ]
    print(f"\n{connection.vendor}, {total:,} cases, median of {args.repeat} runs each")
    print(f"{'interface':44} {'server ms':>10} {'raw SQL ms':>11} {'ratio':>7} {'goal':>6}")
    for label, server, baseline, goal in rows:
        server_ms = median_ms(server, args.repeat)
        raw_ms = median_ms(baseline, args.repeat)
        ratio = server_ms / raw_ms if raw_ms else float("inf")
        verdict = "met" if ratio <= goal else "MISSED"
        print(f"{label:44} {server_ms:10.2f} {raw_ms:11.2f} {ratio:6.1f}× {goal:>4}× {verdict}")


if __name__ == "__main__":
    main()
