"""Input types and the error responses every API operation shares.

Each type declares in the OpenAPI document exactly what the server enforces, so that a client
generated from the document sends nothing the server turns away with 400: a pattern for text
(no NUL, or not blank), the years a date may fall in, the range of a number (rounded to the
places the database keeps rather than refused for more digits), the Idempotency-Key's form.
Bodies refuse fields they do not know (`Input`, `additionalProperties: false`); query strings
ignore parameters they do not know.
"""

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any

from ninja import Header, Schema
from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, WithJsonSchema

from grassroots.core.errors import ErrorOut
from grassroots.core.idempotency import KEY_FORM


@dataclass(frozen=True)
class Pattern:
    """Declares a regular expression in the schema (ECMA and Python read it alike); the
    validators beside it enforce the rule, so pydantic's own regex engine is not involved."""

    regex: str

    def __get_pydantic_json_schema__(self, core_schema, handler) -> dict[str, Any]:
        schema = handler(core_schema)
        schema["pattern"] = self.regex
        return schema


# What str.strip() (and so every form field) takes away: Python's whitespace, spelled out so
# that a client's regex engine agrees with the server's.
_SPACE = r"\t-\r\u001c-\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
NO_NUL = r"^[^\u0000]*$"
NOT_BLANK = rf"^[^\u0000]*[^\u0000{_SPACE}][^\u0000]*$"
YEARS = r"^(20[0-9]{2}|2100)-"  # 2000-01-01 to 2100-12-31, with format: date


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty or only spaces")
    return value


def _iso_date(value):
    if isinstance(value, str) and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
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
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date), AfterValidator(_in_range), Pattern(YEARS)]
# Text that a database can store: no NUL characters (PostgreSQL refuses them).
Text = Annotated[str, AfterValidator(_no_nul), Pattern(NO_NUL)]
# Text that must say something: the services strip it and refuse what is left empty.
FilledText = Annotated[str, AfterValidator(_no_nul), AfterValidator(_not_blank), Pattern(NOT_BLANK)]
# A database id: positive and within a 64-bit integer.
Id = Annotated[int, Field(ge=1, le=2**62)]


def Number(*, ge: str, le: str, places: int) -> Any:
    """A number from `ge` to `le`, rounded half up to `places` decimals (the database's), so
    more digits are never a refusal. Declared as a JSON number; a numeric string is accepted."""
    step = Decimal(1).scaleb(-places)

    def rounded(value: Decimal) -> Decimal:
        return value.quantize(step, rounding=ROUND_HALF_UP)

    schema = {"type": "number", "minimum": float(ge), "maximum": float(le)}
    return Annotated[
        Decimal,
        Field(ge=Decimal(ge), le=Decimal(le), allow_inf_nan=False),
        AfterValidator(rounded),
        WithJsonSchema(schema),
    ]


class Input(Schema):
    """A request body: a field it does not know is refused (a misspelt field is a mistake to
    tell the caller about, not to drop silently)."""

    model_config = ConfigDict(extra="forbid")


IDEMPOTENCY = Header(
    None,
    alias="Idempotency-Key",
    description=(
        "Repeat a POST safely: a repeat with the same key returns the first response; the same "
        "key with another body is 422, and while the first is still running 409. 1 to 100 "
        "printable ASCII characters, no space at either end; keys are kept for a day."
    ),
    min_length=1,
    max_length=100,
    pattern=KEY_FORM,
)

# The refusals every authenticated operation may answer, in the one error shape.
ERRORS: dict[int, type] = {400: ErrorOut, 401: ErrorOut, 429: ErrorOut}
NOT_FOUND: dict[int, type] = {**ERRORS, 404: ErrorOut}
WRITE: dict[int, type] = {**NOT_FOUND, 403: ErrorOut, 409: ErrorOut, 422: ErrorOut}
