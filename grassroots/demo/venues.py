"""The demo's venues: 城北社区's party-mass service centre with its function rooms and opening
hours, a centre in every other community, and 78 compound service stations (50 built by the
communities, 28 in space provided by the compound's paired unit). Idempotent."""

import datetime as dt

from grassroots.areas.models import Area
from grassroots.units.models import Pairing
from grassroots.venues.models import OpeningHours, Room, Venue

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
