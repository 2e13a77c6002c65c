"""The body of each case action: what its page form reads, with the form's limits (the table of
operations is `running.OPERATIONS`).

A field the action does not read is refused (`Input`); a text the form requires must not be
empty or only spaces (`FilledText`), since the form strips it first.
"""

from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Literal

from ninja import Field

from grassroots.core.apitypes import FilledText, Id, Input, Number, Pattern, Text

# "unit:<id>", "team:<id>" or "member:<id>" (a bare number is a unit, as older forms posted).
Taker = Annotated[Text, Pattern(r"^((unit|team|member):)?[1-9][0-9]{0,17}$")]
if TYPE_CHECKING:  # the checker sees the number; pydantic, its bounds and rounding
    type Money = Decimal
    type Hours = Decimal
else:
    Money = Number(ge="0", le="9999999999.99", places=2)  # yuan, to the fen
    Hours = Number(ge="0.5", le="24", places=1)


class NoInput(Input):
    """claim, accept, report_in: the action itself is the whole request."""


class NoteIn(Input):
    note: Text | None = Field(None, max_length=500)


class ReasonIn(Input):
    reason: FilledText = Field(max_length=500)


class WithdrawIn(Input):
    reason: Text | None = Field(None, max_length=500, description="Optional")


class SuperviseIn(Input):
    note: FilledText = Field(max_length=300, description="The supervision notice")


class AnswerIn(Input):
    answer: FilledText = Field(max_length=2000)


class TriageIn(Input):
    urgent: bool | None = None
    complex: bool | None = Field(None, description="15 working days to handle instead of 7")
    category: Text | None = Field(
        None, max_length=40, description="A new category code (404 if there is none)"
    )
    note: Text | None = Field(None, max_length=500)


class MergeIn(Input):
    into: Id = Field(description="The case this one repeats: one of its likely duplicates (404)")
    note: Text | None = Field(None, max_length=500)


class DispatchIn(Input):
    lead: Taker = Field(
        max_length=30,
        description='"unit:<id>", "team:<id>" or "member:<id>": a unit serving the case, a '
        "volunteer team of its community or a party member living in its compound (404)",
    )
    co_handlers: list[Id] = Field(
        [], max_length=20, description="Ids of units serving the case (404); the lead is skipped"
    )
    complex: bool | None = None
    note: Text | None = Field(None, max_length=500)


class ExtensionIn(Input):
    days: int = Field(ge=1, le=30, description="Extra working days")
    reason: FilledText = Field(max_length=300)


class DecideExtensionIn(Input):
    approve: bool
    note: Text | None = Field(None, max_length=300)


class EscalateIn(Input):
    units: list[Id] = Field(
        min_length=1, max_length=50, description="Ids of units serving the case to summon (404)"
    )
    note: FilledText = Field(max_length=500, description="What the units are needed for")


class CompleteIn(Input):
    note: FilledText = Field(max_length=2000, description="What was done")
    cost_yuan: Money | None = Field(None, description="Rounded to the fen")
    quantities: Text | None = Field(None, max_length=200, description="e.g. 120 m of pipe")
    hours: Hours | None = Field(
        None, description="Service orders: hours served, rounded to a tenth (ignored otherwise)"
    )


class VerifyOkIn(Input):
    note: Text | None = Field(None, max_length=2000)


class VerifyFailIn(Input):
    note: FilledText = Field(max_length=2000, description="What is still wrong")


class RateIn(Input):
    rating: Literal["satisfied", "basically", "dissatisfied"]
    comment: Text | None = Field(None, max_length=500)
