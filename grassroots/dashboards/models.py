"""Pre-counted case figures, per community, that the dashboards of large areas read instead of
counting millions of cases at each view. They hold nothing of their own: the worker rebuilds
them from the cases (`tallies.refresh`), and a dashboard reads them only while they are at
most a minute old — otherwise it counts directly, with the same code."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseTally(models.Model):
    """One count of one area's cases: `key` names the figure, `dim` what it is broken down by
    (a month, a category, a channel; empty for plain counts). `scope` is the area path cut at
    community depth (a case filed at a street or the county keeps its own, shorter path)."""

    scope = models.CharField(max_length=255)
    key = models.CharField(max_length=20)
    dim = models.CharField(max_length=20, blank=True)
    n = models.BigIntegerField()

    class Meta:
        verbose_name = _("case tally")
        verbose_name_plural = _("case tallies")
        constraints = [
            models.UniqueConstraint(fields=["scope", "key", "dim"], name="case_tally_once")
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.key} {self.dim} {self.n}"


class RateTally(models.Model):
    """The counts behind the three rates this year for one area's cases led by one unit (none
    for cases without a lead): summed, they give the rates of any area and of any unit."""

    scope = models.CharField(max_length=255)
    unit = models.ForeignKey("units.Unit", null=True, on_delete=models.CASCADE, related_name="+")
    to_sign = models.IntegerField(default=0)
    signed_in_time = models.IntegerField(default=0)
    taken = models.IntegerField(default=0)
    resolved = models.IntegerField(default=0)
    rated = models.IntegerField(default=0)
    satisfied = models.IntegerField(default=0)
    basically = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("rate tally")
        verbose_name_plural = _("rate tallies")
        indexes = [models.Index(fields=["scope"])]

    def __str__(self) -> str:
        return f"{self.scope} {self.unit_id}"


class TallyState(models.Model):
    """When the tallies were last made (the moment their counting began), for which year, and
    how long that took."""

    refreshed_at = models.DateTimeField(null=True)
    year = models.PositiveSmallIntegerField(null=True)
    full_at = models.DateTimeField(null=True)  # when everything was last counted again
    took_ms = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.refreshed_at} ({self.took_ms} ms)"
