"""Input types and the error responses every API operation shares."""

from typing import Annotated

from pydantic import AfterValidator, Field

from grassroots.core.errors import ErrorOut


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


# Text that a database can store: no NUL characters (PostgreSQL refuses them).
Text = Annotated[str, AfterValidator(_no_nul)]
# A database id: positive and within a 64-bit integer.
Id = Annotated[int, Field(ge=1, le=2**62)]

# The refusals every authenticated operation may answer, in the one error shape.
ERRORS: dict[int, type] = {400: ErrorOut, 401: ErrorOut, 429: ErrorOut}
NOT_FOUND: dict[int, type] = {**ERRORS, 404: ErrorOut}
WRITE: dict[int, type] = {**NOT_FOUND, 403: ErrorOut, 409: ErrorOut, 422: ErrorOut}
