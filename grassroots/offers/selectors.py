"""Coverage of double reporting and pairing, counted in the database; each gap is a list.

Every figure here is a count over a queryset that a gap list also shows, so the figure and the
length of its list always agree.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Substr

from grassroots.areas.models import Area
from grassroots.areas.places import Place
from grassroots.areas.queries import under
from grassroots.offers.models import HouseholdPairing, Registration
from grassroots.party.models import PartyMember
from grassroots.people.models import Household
from grassroots.units.models import Pairing
from grassroots.units.selectors import units_in

GAPS = (
    "unregistered_units",
    "unregistered_members",
    "unpaired_communities",
    "unpaired_compounds",
    "unpaired_households",
)


def _paired(area_field: str = "pk") -> Exists:
    return Exists(Pairing.objects.filter(area=OuterRef(area_field)))


def members_in(area: Place) -> QuerySet[PartyMember]:
    """In-service party members living in the area."""
    return PartyMember.objects.filter(under(area, "home_compound"), in_service=True)


def gap(area: Place, name: str) -> QuerySet:
    """One gap list under `area`: who has not reported, or what no one is paired with."""
    if name == "unregistered_units":
        active = Registration.objects.filter(unit=OuterRef("pk"), active=True)
        return units_in(area).exclude(Exists(active)).select_related("community").order_by("code")
    if name == "unregistered_members":
        active = Registration.objects.filter(member=OuterRef("pk"), active=True)
        return (
            members_in(area)
            .exclude(Exists(active))
            .select_related("person", "home_compound")
            .order_by("home_compound__path", "pk")
        )
    if name == "unpaired_communities":
        places = Area.objects.filter(under(area, "pk"), level=Area.Level.COMMUNITY)
        return places.exclude(_paired()).order_by("path")
    if name == "unpaired_compounds":
        places = Area.objects.filter(under(area, "pk"), level=Area.Level.COMPOUND)
        return places.exclude(_paired()).order_by("path")
    if name == "unpaired_households":
        paired = HouseholdPairing.objects.filter(household=OuterRef("pk"))
        return (
            Household.objects.filter(under(area, "building"))
            .exclude(Exists(paired))
            .select_related("building")
            .order_by("building__path", "door")
        )
    raise KeyError(name)


@dataclass(frozen=True)
class Coverage:
    area: Place
    units: int
    units_registered: int
    members: int
    members_registered: int
    communities: int
    communities_paired: int
    compounds: int
    compounds_paired: int
    households: int
    households_paired: int

    def gap_count(self, name: str) -> int:
        return {
            "unregistered_units": self.units - self.units_registered,
            "unregistered_members": self.members - self.members_registered,
            "unpaired_communities": self.communities - self.communities_paired,
            "unpaired_compounds": self.compounds - self.compounds_paired,
            "unpaired_households": self.households - self.households_paired,
        }[name]


def coverage(area: Place) -> Coverage:
    """The figures for one area, in five queries whatever its size."""
    units = units_in(area).aggregate(
        n=Count("pk"),
        done=Count(
            "pk", filter=Q(Exists(Registration.objects.filter(unit=OuterRef("pk"), active=True)))
        ),
    )
    members = members_in(area).aggregate(
        n=Count("pk"),
        done=Count(
            "pk",
            filter=Q(Exists(Registration.objects.filter(member=OuterRef("pk"), active=True))),
        ),
    )
    places = Area.objects.filter(under(area, "pk")).aggregate(
        communities=Count("pk", filter=Q(level=Area.Level.COMMUNITY)),
        communities_paired=Count("pk", filter=Q(level=Area.Level.COMMUNITY) & Q(_paired())),
        compounds=Count("pk", filter=Q(level=Area.Level.COMPOUND)),
        compounds_paired=Count("pk", filter=Q(level=Area.Level.COMPOUND) & Q(_paired())),
    )
    households = Household.objects.filter(under(area, "building")).aggregate(
        n=Count("pk"),
        done=Count(
            "pk", filter=Q(Exists(HouseholdPairing.objects.filter(household=OuterRef("pk"))))
        ),
    )
    return Coverage(
        area=area,
        units=units["n"],
        units_registered=units["done"],
        members=members["n"],
        members_registered=members["done"],
        households=households["n"],
        households_paired=households["done"],
        **places,
    )


@dataclass(frozen=True)
class CoverageRow:
    area: Area
    units: int | None  # units sit in communities; a compound row has none
    units_registered: int | None
    members: int
    members_registered: int
    compounds: int | None
    compounds_paired: int | None
    paired: bool  # the row's area itself has a paired unit
    households: int
    households_paired: int


def _grouped(qs, path_field: str, length: int, **counts) -> dict[str, dict]:
    key = Substr(path_field, 1, length)
    rows = qs.order_by().annotate(key=key).values("key").annotate(**counts)
    return {row.pop("key"): row for row in rows}


def coverage_rows(area: Area) -> list[CoverageRow]:
    """One row per community under a county or street, or per compound of a community: the same
    figures as `coverage`, grouped in the database (five queries for any number of rows)."""
    level = Area.Level.COMPOUND if area.level == Area.Level.COMMUNITY else Area.Level.COMMUNITY
    children = list(
        Area.objects.filter(under(area, "pk"), level=level)
        .annotate(paired=_paired())
        .order_by("path")
    )
    if not children:
        return []
    length = len(children[0].path)
    active_member = Exists(Registration.objects.filter(member=OuterRef("pk"), active=True))
    members = _grouped(
        members_in(area), "home_compound__path", length,
        n=Count("pk"), done=Count("pk", filter=Q(active_member)),
    )  # fmt: skip
    cared_for = Exists(HouseholdPairing.objects.filter(household=OuterRef("pk")))
    households = _grouped(
        Household.objects.filter(under(area, "building")), "building__path", length,
        n=Count("pk"), done=Count("pk", filter=Q(cared_for)),
    )  # fmt: skip
    units, compounds = {}, {}
    if level == Area.Level.COMMUNITY:
        active_unit = Exists(Registration.objects.filter(unit=OuterRef("pk"), active=True))
        units = _grouped(
            units_in(area).exclude(community=None), "community__path", length,
            n=Count("pk"), done=Count("pk", filter=Q(active_unit)),
        )  # fmt: skip
        compounds = _grouped(
            Area.objects.filter(under(area, "pk"), level=Area.Level.COMPOUND), "path", length,
            n=Count("pk"), done=Count("pk", filter=Q(_paired())),
        )  # fmt: skip
    empty = {"n": 0, "done": 0}
    rows = []
    for child in children:
        u, c = units.get(child.path, empty), compounds.get(child.path, empty)
        m, h = members.get(child.path, empty), households.get(child.path, empty)
        community = level == Area.Level.COMMUNITY
        rows.append(
            CoverageRow(
                area=child,
                units=u["n"] if community else None,
                units_registered=u["done"] if community else None,
                members=m["n"],
                members_registered=m["done"],
                compounds=c["n"] if community else None,
                compounds_paired=c["done"] if community else None,
                paired=child.paired,
                households=h["n"],
                households_paired=h["done"],
            )
        )
    return rows


def registrations_in(area: Place, kind: str) -> QuerySet[Registration]:
    """The active reports (报到) under an area, of units (kind "unit") or of members, newest
    first."""
    found = Registration.objects.filter(under(area), active=True)
    if kind == "unit":
        found = found.filter(unit__isnull=False).select_related("unit", "area")
    else:
        found = found.filter(member__isnull=False).select_related("member__person", "area")
    return found.order_by("-reported_on", "-pk")


def pairings_in(area):
    """包联: the unit ↔ community or compound pairings of the places under an area."""
    return (
        Pairing.objects.filter(under(area))
        .select_related("unit", "area")
        .order_by("area__path", "unit__name")
    )
