"""A community's needs questionnaire (the wishes app turns its answers into need cases)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Questionnaire(models.Model):
    """A community's needs questionnaire: residents tick needs and write their own; each answer
    becomes a need case in the one pipeline."""

    community = models.ForeignKey(
        "areas.Area", verbose_name=_("community"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=100)
    intro = models.TextField(_("introduction"), blank=True, max_length=1000)
    options = models.TextField(_("needs to choose from (one a line)"), max_length=2000)
    category = models.ForeignKey(
        "cases.Category", verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    open = models.BooleanField(_("open"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("needs questionnaire")
        verbose_name_plural = _("needs questionnaires")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]
