"""The refusal every governance write raises (services, bodies, the back office's checks)."""

from grassroots.core.refusals import Refused


class GovernanceRefused(Refused):
    """A refusal of a governance service."""
