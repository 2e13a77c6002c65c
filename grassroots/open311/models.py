"""Keys for city systems (the 12345 hotline, apps) posting service requests through Open311."""

import hashlib
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiKey(models.Model):
    """An Open311 `api_key`: stored hashed; shown once when issued; revocable in the back office."""

    name = models.CharField(_("name"), max_length=100, help_text=_("Who uses it, e.g. 12345热线"))
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
    def issue(cls, name: str) -> tuple["ApiKey", str]:
        """A new key for `name`; the raw key is returned once and never stored."""
        raw = secrets.token_urlsafe(32)
        return cls.objects.create(name=name, key_hash=_digest(raw), prefix=raw[:8]), raw

    @classmethod
    def valid(cls, raw: str | None) -> "ApiKey | None":
        if not raw:
            return None
        return cls.objects.filter(key_hash=_digest(raw), revoked=False).first()
