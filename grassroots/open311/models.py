"""Keys for city systems (the 12345 hotline, apps) posting service requests through Open311."""

import hashlib
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiKey(models.Model):
    """An Open311 `api_key`: stored hashed; shown once when issued; revocable in the back office.

    A key posts into one area: a county (its app, its hotline desk), or the city for a city-wide
    system such as the 12345 hotline."""

    name = models.CharField(_("name"), max_length=100, help_text=_("Who uses it, e.g. 12345热线"))
    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("county or city"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level__in": ["city", "county"]},
        help_text=_("Where the key may post requests: a county, or the city for a city-wide key."),
    )
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    prefix = models.CharField(_("prefix"), max_length=8)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked = models.BooleanField(_("revoked"), default=False)

    class Meta:
        verbose_name = _("Open311 API key")
        verbose_name_plural = _("Open311 API keys")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, name: str, area) -> tuple["ApiKey", str]:
        """A new key for `name` posting into `area` (a county or the city); the raw key is
        returned once and never stored."""
        raw = secrets.token_urlsafe(32)
        key = cls.objects.create(name=name, area=area, key_hash=_digest(raw), prefix=raw[:8])
        return key, raw

    @classmethod
    def valid(cls, raw: str | None) -> "ApiKey | None":
        if not raw:
            return None
        return (
            cls.objects.select_related("area").filter(key_hash=_digest(raw), revoked=False).first()
        )

    def covers(self, area) -> bool:
        """Whether the key may post into `area` (a county, or a place in one)."""
        return area.path.startswith(self.area.path)


class ServiceAttribute(models.Model):
    """One extra question a category asks when a request is posted (a GeoReport "attribute")."""

    class Datatype(models.TextChoices):
        STRING = "string", _("Short text")
        NUMBER = "number", _("Number")
        DATETIME = "datetime", _("Date and time")
        TEXT = "text", _("Long text")
        SINGLE = "singlevaluelist", _("One choice from a list")
        MULTI = "multivaluelist", _("Several choices from a list")

    LISTS = (Datatype.SINGLE, Datatype.MULTI)

    category = models.ForeignKey(
        "cases.Category",
        verbose_name=_("category"),
        on_delete=models.CASCADE,
        related_name="service_attributes",
    )
    code = models.SlugField(_("code"), max_length=40)
    datatype = models.CharField(_("datatype"), max_length=16, choices=Datatype.choices)
    required = models.BooleanField(_("required"), default=False)
    variable = models.BooleanField(
        _("variable"), default=True, help_text=_("Off for a note shown to the caller, not asked.")
    )
    description = models.CharField(_("question"), max_length=200)
    datatype_description = models.CharField(_("how to answer"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    values = models.JSONField(
        _("choices"),
        default=list,
        blank=True,
        help_text=_('For the list datatypes: [{"key": "...", "name": "..."}, …]'),
    )

    class Meta:
        verbose_name = _("service attribute")
        verbose_name_plural = _("service attributes")
        ordering = ["category", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["category", "code"], name="service_attribute_code")
        ]

    def __str__(self) -> str:
        return f"{self.category} · {self.description}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        keys = [v.get("key") for v in self.values if isinstance(v, dict)]
        if self.datatype in self.LISTS and (not keys or len(keys) != len(self.values)):
            raise ValidationError(
                {"values": _("A list needs choices, each with a key and a name.")}
            )
        if len(set(keys)) != len(keys):
            raise ValidationError({"values": _("Two choices share a key.")})
