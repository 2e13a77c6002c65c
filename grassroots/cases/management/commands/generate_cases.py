"""Fill the database with many synthetic cases, for benchmarks: `generate_cases --count 1000000`.

The cases are spread over the compounds and buildings of the existing areas, the active
categories and the past `--years`, in every state, with a lead unit for the states that have a
taker and a closing note for finished ones. Rows are written in batches without the services
(no notifications, no audit lines): this is load for measuring, not history anyone acted on.
"""

import random
from contextlib import contextmanager
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from grassroots.areas.models import Area
from grassroots.cases.models import Assignment, Case, Category, Event
from grassroots.cases.workflow import FINISHED, WITH_TAKER, Status
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


@contextmanager
def planted_dates():
    """Let the generator set `created_at`/`updated_at` itself (they fill themselves otherwise)."""
    created, updated = Case._meta.get_field("created_at"), Case._meta.get_field("updated_at")
    try:
        created.auto_now_add = updated.auto_now = False
        yield
    finally:
        created.auto_now_add, updated.auto_now = True, True


class Command(BaseCommand):
    help = "Add many synthetic cases (with lead units and closing notes) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1_000_000)
        parser.add_argument("--years", type=int, default=3)
        parser.add_argument("--batch", type=int, default=5_000)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, count, years, batch, seed, **options):
        if count < 1 or batch < 1 or years < 1:
            raise CommandError("--count, --batch and --years must be positive.")
        places = list(
            Area.objects.filter(level__in=[Area.Level.COMPOUND, Area.Level.BUILDING]).values_list(
                "pk", flat=True
            )
        )
        categories = list(Category.objects.filter(active=True).values_list("pk", flat=True))
        units = list(Unit.objects.values_list("pk", flat=True))
        if not (places and categories and units):
            raise CommandError("Load the areas, categories and units first (manage.py seed_demo).")
        rng = random.Random(seed)
        states, weights = zip(*STATE_WEIGHTS.items(), strict=True)
        now = timezone.now()
        span = years * 365 * 24 * 3600
        done = 0
        with planted_dates():
            while done < count:
                size = min(batch, count - done)
                with transaction.atomic():
                    self._batch(rng, size, now, span, places, categories, units, states, weights)
                done += size
                self.stdout.write(f"\r{done:,} / {count:,} cases", ending="")
                self.stdout.flush()
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Added {count:,} cases."))

    def _batch(self, rng, size, now, span, places, categories, units, states, weights):
        cases = []
        for _ in range(size):
            created = now - timedelta(seconds=rng.randrange(span))
            status = rng.choices(states, weights)[0]
            title = rng.choice(TITLES)
            finished = status in FINISHED
            cases.append(
                Case(
                    kind=Case.Kind.PROBLEM if rng.random() < 0.8 else Case.Kind.NEED,
                    channel=rng.choice(CHANNELS),
                    category_id=rng.choice(categories),
                    title=title,
                    description=f"居民反映：{title}，希望尽快处理。",
                    area_id=rng.choice(places),
                    status=status,
                    requester_name="居民",
                    handle_due_at=None if finished else created + timedelta(days=10),
                    closed_at=created + timedelta(days=5) if finished else None,
                    rating="satisfied" if status == Status.CLOSED else "",
                    created_at=created,
                    updated_at=created,
                )
            )
        cases = Case.objects.bulk_create(cases)
        Assignment.objects.bulk_create(
            Assignment(case=c, role=Assignment.Role.LEAD, unit_id=rng.choice(units))
            for c in cases
            if c.status in WITH_TAKER
        )
        Event.objects.bulk_create(
            Event(case=c, action="complete", note="已处理完毕。", to_status=Status.HANDLED)
            for c in cases
            if c.status == Status.CLOSED
        )
