"""The demo's venues: 城北社区's party-mass service centre with its function rooms and opening
hours, a centre in every other community, and 78 compound service stations (50 built by the
communities, 28 in space provided by the compound's paired unit), and their duty rosters: the
last two weeks served (most shifts checked into, some missed, some periods never staffed), this
week's and next week's shifts ahead. Idempotent."""

import datetime as dt
import io
import random

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from grassroots.accounts.models import RoleAssignment, User
from grassroots.areas.models import Area
from grassroots.units.models import Pairing
from grassroots.venues.models import DutyShift, OpeningHours, Room, Venue
from grassroots.venues.selectors import opening_periods, week_start

ROOMS = [
    ("会议室", "meeting", 40, "投影仪、音响"),
    ("母婴室", "mother_baby", 4, "哺乳椅、尿布台"),
    ("矛盾调解室", "mediation", 8, ""),
    ("阅览室", "reading", 30, "图书3000册"),
    ("家长学校", "parent_school", 40, ""),
    ("四点半课堂", "after_school", 30, "课桌椅"),
    ("未成年人活动室", "minors", 30, ""),
    ("健康室", "health", 6, "血压计、血糖仪"),
    ("老年活动室", "elderly", 40, "棋牌桌"),
]
STATIONS_BUILT = 50
STATIONS_PROVIDED = 28


def seed_venues(communities: dict[str, Area], compounds: dict[str, Area]) -> None:
    for community in communities.values():
        centre, made = Venue.objects.get_or_create(
            area=community,
            name=f"{community.name}党群服务中心",
            defaults={"kind": Venue.Kind.CENTRE, "address": f"夏县{community.name}"},
        )
        if made:
            _hours(centre, evenings=True)
            if community.name == "城北社区":
                centre.photo.save("chengbei-centre.png", _front(), save=True)
            Room.objects.bulk_create(
                Room(venue=centre, name=n, kind=k, seats=s, equipment=e) for n, k, s, e in ROOMS
            )
    paired = {p.area_id: p.unit_id for p in Pairing.objects.filter(area__level="compound")}
    names = list(compounds)[: STATIONS_BUILT + STATIONS_PROVIDED]
    for i, name in enumerate(names):
        compound = compounds[name]
        provided = i >= STATIONS_BUILT
        station, made = Venue.objects.get_or_create(
            area=compound,
            name=f"{name}服务站",
            defaults={
                "kind": Venue.Kind.STATION,
                "provided_by_id": paired.get(compound.pk) if provided else None,
                "note": "驻区单位提供场地" if provided else "社区建设",
            },
        )
        if made:
            _hours(station, evenings=False)
            Room.objects.create(venue=station, name="议事室", kind="meeting", seats=15)


def seed_duty(communities: dict[str, Area]) -> None:
    """Shifts for the opening periods of every venue, two weeks back to one week ahead, taken
    by the people with roles in the venue's community; the staff login is on duty today."""
    if DutyShift.objects.exists():
        return
    rng = random.Random(78)
    now = timezone.now()
    first = week_start(timezone.localdate()) - dt.timedelta(days=14)
    last = first + dt.timedelta(days=27)
    actor = User.objects.get(username="admin")
    people: dict[int, list[int]] = {}
    for assignment in RoleAssignment.objects.filter(area__level=Area.Level.COMMUNITY).exclude(
        role="resident"
    ):
        people.setdefault(assignment.area_id, []).append(assignment.user_id)
    by_path = {c.path: c for c in communities.values()}
    rows = []
    venues = Venue.objects.select_related("area").prefetch_related("opening_hours")
    for venue in venues:
        community = by_path.get(venue.area.path[: len(next(iter(by_path)))])
        pool = people.get(community.pk, []) if community else []
        if not pool:
            continue
        for start, end in opening_periods(venue, first, last):
            if rng.random() < 0.12:  # a period nobody was scheduled for
                continue
            served = end < now and rng.random() < 0.9
            arrive = start + dt.timedelta(minutes=rng.choice((-10, -5, 0, 0, 5, 20)))
            leave = end - dt.timedelta(minutes=rng.choice((0, 0, 0, 15, 40)))
            rows.append(
                DutyShift(
                    venue=venue,
                    user_id=rng.choice(pool),
                    starts_at=start,
                    ends_at=end,
                    checked_in_at=arrive if served else None,
                    checked_out_at=leave if served and rng.random() < 0.7 else None,
                    via=rng.choice(("qr", "qr", "roster")) if served else "",
                    created_by=actor,
                )
            )
    DutyShift.objects.bulk_create(rows, batch_size=2000)
    _staff_on_duty_today(communities)


def _staff_on_duty_today(communities: dict[str, Area]) -> None:
    """The staff login keeps 城西社区's centre this afternoon (the shift it may check into)."""
    staff = User.objects.filter(username="staff").first()
    centre = Venue.objects.filter(name="城西社区党群服务中心").first()
    if staff is None or centre is None:
        return
    today = timezone.localdate()
    periods = opening_periods(centre, today, today)
    if not periods:
        return
    start, end = periods[-1]
    DutyShift.objects.filter(venue=centre, starts_at=start).delete()
    DutyShift.objects.create(
        venue=centre, user=staff, starts_at=start, ends_at=end, created_by=staff
    )


def _front():
    """A plain drawing of a centre's front standing in for its photo."""
    image = Image.new("RGB", (800, 360), (170, 205, 235))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 300, 800, 360), fill=(120, 125, 130))
    draw.rectangle((150, 90, 650, 300), fill=(236, 226, 210))
    draw.rectangle((150, 70, 650, 100), fill=(200, 16, 46))
    for x in range(190, 620, 90):
        draw.rectangle((x, 130, x + 50, 190), fill=(120, 160, 200))
    draw.rectangle((365, 210, 435, 300), fill=(140, 90, 60))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue())


def _hours(venue: Venue, *, evenings: bool) -> None:
    rows = []
    for weekday in range(7):
        rows.append(
            OpeningHours(venue=venue, weekday=weekday, opens=dt.time(8, 30), closes=dt.time(12))
        )
        closes = dt.time(21) if evenings and weekday < 6 else dt.time(18)
        rows.append(
            OpeningHours(venue=venue, weekday=weekday, opens=dt.time(14, 30), closes=closes)
        )
    OpeningHours.objects.bulk_create(rows)
