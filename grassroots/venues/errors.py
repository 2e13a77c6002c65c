"""The refusal every venues service raises."""

from grassroots.core.refusals import Refused


class BookingRefused(Refused):
    """A refusal of a booking or duty service."""
