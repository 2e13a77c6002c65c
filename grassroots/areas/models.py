from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

code_validator = RegexValidator(r"^\d{12}$", _("A statistical code has exactly 12 digits."))
# How the names of county- and city-level divisions end (the longest first).
DIVISION_ENDINGS = ("自治县", "自治旗", "县", "区", "市", "旗")


class Area(MP_Node):
    """One place in the tree city → county → street/town → community → compound → building.

    The root is the city the deployment serves (a deployment for one county still names its
    city), so every level sits at a fixed depth: `Area.depth_of(level)`."""

    class Level(models.TextChoices):
        CITY = "city", _("City")
        COUNTY = "county", _("County")
        STREET = "street", _("Street / town")
        COMMUNITY = "community", _("Community / village")
        COMPOUND = "compound", _("Compound")
        BUILDING = "building", _("Building / lane")

    # Which level may sit under which: the tree never skips or inverts a level.
    CHILD_LEVEL = {
        Level.CITY: Level.COUNTY,
        Level.COUNTY: Level.STREET,
        Level.STREET: Level.COMMUNITY,
        Level.COMMUNITY: Level.COMPOUND,
        Level.COMPOUND: Level.BUILDING,
    }

    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, db_index=True)
    code = models.CharField(
        _("statistical code"),
        max_length=12,
        null=True,
        blank=True,
        unique=True,
        validators=[code_validator],
        help_text=_("12-digit statistical code, where known."),
    )
    # Compound attributes (empty for other levels).
    build_year = models.PositiveSmallIntegerField(_("year built"), null=True, blank=True)
    households = models.PositiveIntegerField(_("households"), null=True, blank=True)
    no_property_management = models.BooleanField(_("no property management"), default=False)
    no_responsible_department = models.BooleanField(_("no responsible department"), default=False)
    no_security = models.BooleanField(_("no security"), default=False)
    address = models.CharField(_("address"), max_length=200, blank=True)
    # Where a compound stands, so a request sent with only a map point finds its compound.
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        indexes = [models.Index(fields=["level", "path"])]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def depth_of(cls, level: str) -> int:
        """The depth at which every area of `level` sits (the city is 1)."""
        return LEVEL_DEPTH[level]

    @classmethod
    def cut(cls, path: str, level: str) -> str:
        """The path of the area of `level` above (or at) the area whose path is `path`."""
        return path[: LEVEL_DEPTH[level] * cls.steplen]

    @property
    def paths(self) -> tuple[str, ...]:
        """The one subtree this area is (`areas.places.Places` holds several)."""
        return (self.path,)

    def holds(self, other: "Area | str | None") -> bool:
        """Whether `other` (an area or a path) lies in this area's subtree, this area included."""
        if other is None:
            return False
        path = other if isinstance(other, str) else other.path
        return bool(path) and path.startswith(self.path)

    @property
    def county_path(self) -> str:
        """The path of this area's county (the city's own path for the city)."""
        return Area.cut(self.path, Area.Level.COUNTY)

    @property
    def short_name(self) -> str:
        """A county's or city's name without its ending (夏县 → 夏, 盐湖区 → 盐湖, 运城市 → 运城),
        as the heads of document numbers print it; other levels keep their whole name."""
        if self.level in (Area.Level.CITY, Area.Level.COUNTY):
            for ending in DIVISION_ENDINGS:
                if len(self.name) > len(ending) and self.name.endswith(ending):
                    return self.name.removesuffix(ending)
        return self.name

    @property
    def is_three_without(self) -> bool:
        """A 三无 compound lacks property management, a responsible department and security."""
        return self.no_property_management and self.no_responsible_department and self.no_security


class Grid(models.Model):
    """A patch of buildings in one community, served by its grid workers."""

    community = models.ForeignKey(
        Area,
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="grids",
        limit_choices_to={"level": Area.Level.COMMUNITY},
    )
    name = models.CharField(_("name"), max_length=100)
    code = models.CharField(_("code"), max_length=40, unique=True)
    workers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("grid workers"), related_name="grids", blank=True
    )
    buildings = models.ManyToManyField(
        Area,
        verbose_name=_("buildings"),
        related_name="building_grids",
        blank=True,
        limit_choices_to={"level": Area.Level.BUILDING},
    )

    class Meta:
        verbose_name = _("grid")
        verbose_name_plural = _("grids")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


LEVEL_DEPTH = {level: depth for depth, level in enumerate(Area.Level.values, start=1)}
