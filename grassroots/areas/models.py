from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

code_validator = RegexValidator(r"^\d{12}$", _("A statistical code has exactly 12 digits."))


class Area(MP_Node):
    """One place in the tree county → street/town → community → compound → building."""

    class Level(models.TextChoices):
        COUNTY = "county", _("County")
        STREET = "street", _("Street / town")
        COMMUNITY = "community", _("Community / village")
        COMPOUND = "compound", _("Compound")
        BUILDING = "building", _("Building / lane")

    # Which level may sit under which: the tree never skips or inverts a level.
    CHILD_LEVEL = {
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
