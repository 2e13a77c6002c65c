from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VenuesConfig(AppConfig):
    name = "grassroots.venues"
    label = "venues"
    verbose_name = _("Venues")

    def ready(self):
        # An activity date's room booking moves with the date and is freed when it is called
        # off: volunteering, a layer below, calls this inside its own move and cancel.
        from grassroots.venues.services import follow_date
        from grassroots.volunteering.services import follow_dates_with

        follow_dates_with("venues", follow_date)
