from django.apps import AppConfig


class WishesConfig(AppConfig):
    name = "grassroots.wishes"
    label = "wishes"

    def ready(self):
        # The volunteering figures of an area show the needs collected, which are cases: this
        # app, above both, hands volunteering the count (volunteering never imports cases).
        from grassroots.volunteering import selectors as volunteering
        from grassroots.wishes.selectors import needs_collected_in

        volunteering.count_needs_with(needs_collected_in)
