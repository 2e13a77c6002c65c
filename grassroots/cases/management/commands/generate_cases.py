"""Fill the database with many synthetic cases, for benchmarks: `generate_cases --count 1000000`.

The cases are spread over the compounds and buildings of the existing areas, the active
categories and the past `--years`, in every state, with a lead unit for the states that have a
taker, the timeline the three rates read (dispatched with a sign-by time, signed for — some
late —, reported handled) and a rating for closed ones.

This is load for measuring, not history anyone acted on: no services, no notifications, no
audit lines. Rows go in as plain multi-row INSERTs with ids counted from the largest in the
table (the ORM's bulk_create spent most of its time preparing each field of each object); run
it while nothing else writes cases. The id sequences are reset afterwards.
"""

import random
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from grassroots.areas.models import Area
from grassroots.cases.models import Assignment, Case, Category, Event
from grassroots.cases.workflow import FINISHED, WITH_TAKER, Action, Status
from grassroots.units.models import Unit

# How often each state occurs: most demands are finished, a tenth are still moving.
STATE_WEIGHTS = {
    Status.CLOSED: 55,
    Status.ANSWERED: 8,
    Status.REJECTED: 4,
    Status.MERGED: 2,
    Status.WITHDRAWN: 3,
    Status.SUBMITTED: 3,
    Status.ACCEPTED: 3,
    Status.DISPATCHED: 4,
    Status.PUBLISHED: 2,
    Status.IN_PROGRESS: 10,
    Status.HANDLED: 3,
    Status.REVISITING: 3,
}
TITLES = ["下水道堵塞", "路灯不亮", "楼道杂物", "井盖松动", "停车乱", "独居老人需要助餐", "漏水"]
CHANNELS = [c for c in Case.Channel.values if c != Case.Channel.OPEN311]
SIGNED_STATES = WITH_TAKER - {Status.DISPATCHED}
# How old a case in each state is at least, so that its timeline (below) lies in the past.
MIN_AGE = {
    Status.CLOSED: timedelta(days=6),
    Status.DISPATCHED: timedelta(hours=2),
    **{s: timedelta(days=2) for s in SIGNED_STATES - {Status.CLOSED}},
    **{s: timedelta(days=6) for s in FINISHED - {Status.CLOSED}},
}
RATINGS = [Case.Rating.SATISFIED] * 8 + [Case.Rating.BASICALLY] * 2 + [Case.Rating.DISSATISFIED]


class Rows:
    """Plain INSERTs for one model: every column, the defaults prepared once, ids counted on."""

    def __init__(self, model):
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields]
        self.columns = [f.column for f in self.fields]
        self.defaults = {
            f.attname: f.get_db_prep_save(f.get_default(), connection)
            for f in self.fields
            if not f.primary_key
        }
        self.next_id = (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        self.pending: list[tuple] = []

    def add(self, **values) -> int:
        row_id = self.next_id
        self.next_id += 1
        row = {**self.defaults, self.model._meta.pk.attname: row_id}
        for name, value in values.items():
            if hasattr(value, "tzinfo"):
                value = connection.ops.adapt_datetimefield_value(value)
            row[name] = value
        self.pending.append(tuple(row[f.attname] for f in self.fields))
        return row_id

    def flush(self) -> None:
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        marks = "(" + ", ".join(["%s"] * len(self.columns)) + ")"
        # Multi-row VALUES, within SQLite's limit of 32,766 parameters per statement.
        per = max(1, 30_000 // len(self.columns))
        with connection.cursor() as cursor:
            for i in range(0, len(self.pending), per):
                chunk = self.pending[i : i + per]
                values = ", ".join([marks] * len(chunk))
                params = [value for row in chunk for value in row]
                cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {values}", params)
        self.pending = []


class Command(BaseCommand):
    help = "Add many synthetic cases (with lead units and their timelines) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1_000_000)
        parser.add_argument("--years", type=int, default=3)
        parser.add_argument("--batch", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, count, years, batch, seed, **options):
        if count < 1 or batch < 1 or years < 1:
            raise CommandError("--count, --batch and --years must be positive.")
        places = list(
            Area.objects.filter(level__in=[Area.Level.COMPOUND, Area.Level.BUILDING]).values_list(
                "pk", "path"
            )
        )
        categories = list(Category.objects.filter(active=True).values_list("pk", flat=True))
        if not (places and categories and Unit.objects.exists()):
            raise CommandError("Load the areas, categories and units first (manage.py seed_demo).")
        rng = random.Random(seed)
        # Each community's demands go to a few units of its county (its paired units, as it
        # were), so the units' league has a realistic number of rows per community.
        by_county: dict[str, list[int]] = {}
        for pk, path in Unit.objects.values_list("pk", "area__path"):
            by_county.setdefault(path, []).append(pk)
        everyone = [pk for pks in by_county.values() for pk in pks]
        takers: dict[str, list[int]] = {}
        units = {}
        for pk, path in places:
            community = Area.cut(path, Area.Level.COMMUNITY)
            if community not in takers:
                pool = by_county.get(Area.cut(path, Area.Level.COUNTY)) or everyone
                takers[community] = rng.sample(pool, min(8, len(pool)))
            units[pk] = takers[community]
        places = [pk for pk, _path in places]
        states, weights = zip(*STATE_WEIGHTS.items(), strict=True)
        now = timezone.now()
        span = years * 365 * 24 * 3600
        if connection.vendor == "sqlite":
            # Random inserts into the case indexes need their pages in memory (400 MB of cache
            # for this connection only); the load can be made again, so no fsync per batch.
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size = -400000")
                if not connection.in_atomic_block:  # SQLite refuses it inside a transaction
                    cursor.execute("PRAGMA synchronous = OFF")
        tables = Rows(Case), Rows(Assignment), Rows(Event)
        done = 0
        while done < count:
            size = min(batch, count - done)
            with transaction.atomic():
                for _ in range(size):
                    self._case(rng, tables, now, span, places, categories, units, states, weights)
                for rows in tables:
                    rows.flush()
            done += size
            self.stdout.write(f"\r{done:,} / {count:,} cases", ending="")
            self.stdout.flush()
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Case, Assignment, Event]):
                cursor.execute(sql)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Added {count:,} cases."))

    def _case(self, rng, tables, now, span, places, categories, units, states, weights):
        cases, assignments, events = tables
        status = rng.choices(states, weights)[0]
        # Nothing is dated after now: the state's steps had time to happen.
        least = MIN_AGE.get(status, timedelta(0)).total_seconds()
        created = now - timedelta(seconds=least + rng.randrange(max(1, int(span - least))))
        title = rng.choice(TITLES)
        finished = status in FINISHED
        routed = status in WITH_TAKER
        closed = status == Status.CLOSED
        # Its timeline: dispatched an hour in, signed for (most within the day, some late),
        # reported handled on day four, rated on day five.
        steps = []
        if routed:
            at = created + timedelta(hours=1)
            steps.append((Action.DISPATCH, Status.DISPATCHED, at, ""))
            if status in SIGNED_STATES:
                at += timedelta(hours=rng.choice([1, 2, 4, 8, 20, 30]))
                steps.append((Action.ACCEPT, Status.IN_PROGRESS, at, ""))
            if closed:
                steps.append(
                    (Action.COMPLETE, Status.HANDLED, created + timedelta(days=4), "已处理完毕。")
                )
        finished_at = created + timedelta(days=5) if finished else None
        case = cases.add(
            kind=Case.Kind.PROBLEM if rng.random() < 0.8 else Case.Kind.NEED,
            channel=rng.choice(CHANNELS),
            category_id=rng.choice(categories),
            title=title,
            description=f"居民反映：{title}，希望尽快处理。",
            area_id=(place := rng.choice(places)),
            status=status,
            requester_name="居民",
            sign_due_at=created + timedelta(days=1) if routed else None,
            handle_due_at=None if finished else created + timedelta(days=10),
            closed_at=finished_at,
            rating=rng.choice(RATINGS) if closed else "",
            rated_at=finished_at if closed else None,
            created_at=created,
            # The last time anything happened to it (the dashboards' tallies rely on it).
            updated_at=finished_at or (steps[-1][2] if steps else created),
        )
        if routed:
            assignments.add(
                case_id=case,
                role=Assignment.Role.LEAD,
                unit_id=rng.choice(units[place]),
                created_at=created,
            )
        for action, to_status, at, note in steps:
            events.add(case_id=case, action=action, to_status=to_status, at=at, note=note)
