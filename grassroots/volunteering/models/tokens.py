"""The secrets in volunteering's URLs: calendar feeds, check-in codes, certificate checks."""

import secrets


def new_token() -> str:
    return secrets.token_urlsafe(32)
