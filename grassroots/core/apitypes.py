"""Input types and the error responses every API operation shares."""

import datetime as dt
import re
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field

from grassroots.core.errors import ErrorOut


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _iso_date(value):
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("must be a date as YYYY-MM-DD")
    if isinstance(value, int | float):
        raise ValueError("must be a date as YYYY-MM-DD")
    return value


def _in_range(value: dt.date) -> dt.date:
    if not 2000 <= value.year <= 2100:
        raise ValueError("must be a date between 2000-01-01 and 2100-12-31")
    return value


# A calendar date written YYYY-MM-DD (pydantic would also take a number of seconds), within
# years the platform can hold: far dates overflow once they are turned into moments.
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date), AfterValidator(_in_range)]
# Text that a database can store: no NUL characters (PostgreSQL refuses them).
Text = Annotated[str, AfterValidator(_no_nul)]
# A database id: positive and within a 64-bit integer.
Id = Annotated[int, Field(ge=1, le=2**62)]

# The refusals every authenticated operation may answer, in the one error shape.
ERRORS: dict[int, type] = {400: ErrorOut, 401: ErrorOut, 429: ErrorOut}
NOT_FOUND: dict[int, type] = {**ERRORS, 404: ErrorOut}
WRITE: dict[int, type] = {**NOT_FOUND, 403: ErrorOut, 409: ErrorOut, 422: ErrorOut}
