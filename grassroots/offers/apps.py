from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    name = "grassroots.offers"
    label = "offers"
    verbose_name = _("Double reporting and the two lists")

    def ready(self) -> None:
        from grassroots.cases.signals import case_moved

        case_moved.connect(_free_a_declined_slot, dispatch_uid="offers-free-slot")


# A request the unit declines (objects to) or that is withdrawn or rejected frees its slot.
RELEASING = {"object", "withdraw", "reject"}


def _free_a_declined_slot(sender, case, action, **kwargs) -> None:
    if action in RELEASING and case.kind == "service":
        from grassroots.offers.services import release_slot

        release_slot(case)
