"""Several parts of the area tree looked at as one: the two communities a staff member serves,
summed on their dashboard and in the lists it leads to, never the county above them.

`Places` answers what the pages and selectors ask of a single `Area` — its name, the `pk` a
link carries (`?area=12,15`), its paths for filtering (`areas.queries.under` takes either) — so
a figure over several areas and the list it links to are counted the same way."""

from dataclasses import dataclass

from grassroots.areas.models import Area


@dataclass(frozen=True)
class Places:
    areas: tuple[Area, ...]  # disjoint subtrees, in tree order

    @classmethod
    def of(cls, *areas: Area) -> "Places":
        kept: list[Area] = []
        for area in sorted(areas, key=lambda a: (len(a.path), a.path)):
            if not any(area.path.startswith(k.path) for k in kept):
                kept.append(area)
        return cls(tuple(sorted(kept, key=lambda a: a.path)))

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(a.path for a in self.areas)

    @property
    def pk(self) -> str:
        """What a link's `?area=` carries: the ids, comma-separated."""
        return ",".join(str(a.pk) for a in self.areas)

    @property
    def name(self) -> str:
        return "、".join(a.name for a in self.areas)

    @property
    def single(self) -> Area | None:
        """The one area, when there is one."""
        return self.areas[0] if len(self.areas) == 1 else None

    @property
    def level(self) -> str | None:
        """The level the areas share (None when they differ)."""
        levels = {a.level for a in self.areas}
        return levels.pop() if len(levels) == 1 else None

    @property
    def depth(self) -> int:
        return min(a.depth for a in self.areas)

    def holds(self, area_or_path) -> bool:
        path = getattr(area_or_path, "path", area_or_path)
        return any(path.startswith(p) for p in self.paths)

    audit_type = "areas.area"  # what an audit entry about them names

    def __str__(self) -> str:
        return self.name


# What a page over "an area" may be given: one area, or several summed.
type Place = Area | Places
