from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    name = "grassroots.offers"
    label = "offers"
    verbose_name = _("Double reporting and the two lists")
