"""Refusals of the accounts app."""

from grassroots.core.refusals import Refused


class AccountRefused(Refused):
    """A sign-up, reset, code or invitation that cannot go ahead; `throttled` answers 429."""

    STATUS = {**Refused.STATUS, "throttled": 429}
