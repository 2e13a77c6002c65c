"""Finding what a ledger's rows name: the places, party organisations, units and people, in
the lookup tables a selector loaded within the importer's areas. Every name that finds nothing
(or too much) becomes an issue (row, column, reason), so one pass reports every problem."""

from typing import Any

from django.utils.translation import gettext as _

from grassroots.ledgers.columns import LedgerKind
from grassroots.ledgers.importers import Issue, References, Row, sort_issues


def resolve_references(kind: LedgerKind, rows: list[Row], refs: References) -> list[Issue]:
    """Put the found objects into each row's values; report every name that finds nothing."""
    resolver = _Resolver(kind, refs)
    resolve_row = RESOLVERS[kind.name]
    for row in rows:
        resolve_row(resolver, row)
    return sort_issues(kind, resolver.issues)


class _Resolver:
    """Looks names up in the references, noting an issue for each name that finds nothing."""

    def __init__(self, kind: LedgerKind, refs: References):
        self.kind, self.refs = kind, refs
        self.issues: list[Issue] = []
        self.first_row: dict[tuple, int] = {}  # a key that must appear once, → its first row

    def once(self, row: Row, key: str, value: tuple) -> None:
        """A key the file may hold once, known only after resolving (a unit's county + name)."""
        if value in self.first_row:
            message = _("Same as row %(row)d: a file may list each record only once.")
            self.fail(row, key, message % {"row": self.first_row[value]})
        else:
            self.first_row[value] = row.number

    def fail(self, row: Row, key: str, message: str) -> None:
        self.issues.append(Issue(row.number, self.kind.header_of(key), message))

    def one_named(self, row: Row, key: str, found: list[Any], *, none: str, many: str) -> Any:
        name = row.values.get(key)
        if name and len(found) == 1:
            return found[0]
        if name:
            self.fail(row, key, (many if found else none) % {"name": name})
        return None

    def community(self, row: Row) -> Any:
        return self.one_named(
            row,
            "community_name",
            self.refs.communities.get(row.values.get("community_name") or "", []),
            none=_("No community named “%(name)s” exists in the areas you may import to."),
            many=_(
                "Several communities are named “%(name)s”; "
                "rename them apart in the area tree first."
            ),
        )

    def compound(self, row: Row, community: Any, key: str) -> Any:
        name = row.values.get(key)
        if community is None or not name:
            return None
        compound = self.refs.compounds.get((community.path, name))
        if compound is None:
            message = _("Community “%(community)s” has no compound named “%(name)s”.")
            self.fail(row, key, message % {"community": community.name, "name": name})
        return compound

    def building(self, row: Row, compound: Any) -> Any:
        name = row.values.get("building_name")
        if compound is None or not name:
            return None
        building = self.refs.buildings.get((compound.path, name))
        if building is None:
            message = _("Compound “%(compound)s” has no building named “%(name)s”.")
            self.fail(row, "building_name", message % {"compound": compound.name, "name": name})
        return building

    def unit(self, row: Row, key: str, place: Any) -> Any:
        """The unit named in `key`: of the county `place` lies in, else of the city above."""
        name = row.values.get(key)
        found = self.refs.units.get(name or "", [])
        own = [u for u in found if place is not None and u.area.holds(place)]
        if len(found) > 1 and own:
            deepest = max(len(u.area.path) for u in own)
            found = [u for u in own if len(u.area.path) == deepest]
        return self.one_named(
            row,
            key,
            found,
            none=_("No unit named “%(name)s” exists in the areas you may import to."),
            many=_("Several units are named “%(name)s”; fill in the community to tell them apart."),
        )

    def person_in_reach(self, row: Row) -> None:
        """Refuse a person registered outside the importer's areas: the import would move or
        rewrite someone another county keeps (where, is not said)."""
        home = self.refs.people.get(row.values.get("id_number") or "")
        if home is not None and not self.refs.reaches(home):
            message = _(
                "This ID number belongs to a person registered outside the areas you may import"
                " to; ask the organisation department above you."
            )
            self.fail(row, "id_number", message)

    def county(self, row: Row, community: Any) -> Any:
        counties = self.refs.counties
        if community is not None:
            county = next((c for c in counties if community.path.startswith(c.path)), None)
            if county is None:
                self.fail(row, "community_name", _("This community is not under any county."))
            return county
        if row.values.get("community_name"):
            return None  # the unknown community is reported already
        if len(counties) == 1:
            return counties[0]
        if counties:
            message = _(
                "There are several counties: "
                "fill in the community so that the unit's county is known."
            )
        else:
            message = _("No county exists yet: add the county to the area tree first.")
        self.fail(row, "community_name", message)
        return None


def _resolve_resident(resolver: _Resolver, row: Row) -> None:
    resolver.person_in_reach(row)
    community = resolver.community(row)
    compound = resolver.compound(row, community, "compound_name")
    row.values["building"] = resolver.building(row, compound)


def _resolve_party_member(resolver: _Resolver, row: Row) -> None:
    name = row.values.get("org_name")
    row.values["org"] = resolver.one_named(
        row,
        "org_name",
        resolver.refs.orgs.get(name or "", []),
        none=_("No party organisation named “%(name)s” exists in the areas you may import to."),
        many=_("Several party organisations are named “%(name)s”; rename them apart first."),
    )
    resolver.person_in_reach(row)
    community = resolver.community(row)
    row.values["home_compound"] = resolver.compound(row, community, "compound_name")
    row.values["workplace"] = resolver.unit(row, "workplace_name", community)


def _resolve_unit(resolver: _Resolver, row: Row) -> None:
    """A unit belongs to its community's county (names and codes are unique there)."""
    community = resolver.community(row)
    row.values["community"] = community
    county = row.values["area"] = resolver.county(row, community)
    if county is None:
        return
    name, code = row.values.get("name") or "", row.values.get("code")
    resolver.once(row, "name", (county.pk, name))
    holder = next((u for u in resolver.refs.units.get(name, []) if u.area_id == county.pk), None)
    if holder is not None and code and holder.code != code:
        message = _("Another unit of the county, with code %(code)s, already has this name.")
        resolver.fail(row, "name", message % {"code": holder.code})


def _resolve_compound(resolver: _Resolver, row: Row) -> None:
    community = resolver.community(row)
    name = row.values.get("name") or ""
    existing = resolver.refs.compounds.get((community.path, name)) if community else None
    row.values["community"], row.values["existing"] = community, existing
    holder = resolver.refs.codes.get(row.values.get("code") or "")
    if holder is not None and (existing is None or holder.pk != existing.pk):
        if resolver.refs.reaches(holder.path):
            message = _("The statistical code already belongs to “%(name)s”.")
            resolver.fail(row, "code", message % {"name": holder.name})
        else:
            resolver.fail(row, "code", _("The statistical code belongs to a place elsewhere."))


RESOLVERS = {
    "residents": _resolve_resident,
    "party_members": _resolve_party_member,
    "units": _resolve_unit,
    "compounds": _resolve_compound,
}
