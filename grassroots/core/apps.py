from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "grassroots.core"
    label = "core"
    verbose_name = _("Audit and shared records")

    def ready(self):
        # Each app's ledger kinds register themselves in its `ledgers` module (core.exports),
        # its periodic jobs in its `schedules` module (core.schedule).
        autodiscover_modules("ledgers")
        autodiscover_modules("schedules")
