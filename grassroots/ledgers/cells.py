"""Parsers for single ledger cells: each takes what openpyxl read and returns a clean value.

A parser raises `CellError` with a message for people. Blank cells never reach a parser: the
importer decides whether a blank is allowed. The Chinese words a cell may hold (是/否, 男/女 …)
are part of the file format and live in `grassroots.ledgers.columns`.
"""

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

Parser = Callable[[Any], Any]

MOBILE_RE = re.compile(r"^1\d{10}$")
ID_NUMBER_RE = re.compile(r"^\d{17}[\dX]$")
AREA_CODE_RE = re.compile(r"^\d{12}$")
PHONE_RE = re.compile(r"^[\d-]{5,20}$")
DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
FIRST_YEAR = 1900
# The Communist Party of China was founded on 1 July 1921: no one joined before.
FIRST_JOINING_DATE = dt.date(1921, 7, 1)


class CellError(ValueError):
    """A cell holds something the column does not accept; the message says what to write."""


def as_text(value: Any) -> str:
    """What a person sees in the cell, trimmed; whole numbers lose Excel's trailing “.0”."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).replace("\u3000", " ").strip()


def text(max_length: int) -> Parser:
    """Free text of at most `max_length` characters."""

    def parse(value: Any) -> str:
        result = as_text(value)
        if len(result) > max_length:
            raise CellError(_("Write at most %(max)d characters.") % {"max": max_length})
        return result

    return parse


def choice(mapping: Mapping[str, Any]) -> Parser:
    """One of the words in `mapping`, turned into its stored value."""

    def parse(value: Any) -> Any:
        word = as_text(value)
        if word not in mapping:
            raise CellError(_("Write one of: %(choices)s.") % {"choices": "、".join(mapping)})
        return mapping[word]

    return parse


def yes_no(yes: str, no: str) -> Parser:
    """A yes/no cell: the two words, or a true/false value typed as such in Excel."""

    def parse(value: Any) -> bool:
        if isinstance(value, bool):
            return value
        word = as_text(value)
        if word not in (yes, no):
            raise CellError(_("Write “%(yes)s” or “%(no)s”.") % {"yes": yes, "no": no})
        return word == yes

    return parse


def whole_number(low: int, high: int) -> Parser:
    """A whole number from `low` to `high`."""

    def parse(value: Any) -> int:
        word = as_text(value)
        if not re.fullmatch(r"\d+", word) or not low <= int(word) <= high:
            raise CellError(
                _("Write a whole number from %(low)d to %(high)d.") % {"low": low, "high": high}
            )
        return int(word)

    return parse


def past_year(value: Any) -> int:
    """A four-digit year from 1900 up to this year."""
    word = as_text(value)
    this_year = timezone.localdate().year
    if not re.fullmatch(r"\d{4}", word) or not FIRST_YEAR <= int(word) <= this_year:
        raise CellError(
            _("Write a year from %(first)d to %(last)d, such as 1990.")
            % {"first": FIRST_YEAR, "last": this_year}
        )
    return int(word)


def mobile(value: Any) -> str:
    """A mainland mobile number: 11 digits starting with 1."""
    word = as_text(value).replace(" ", "").replace("-", "")
    if not MOBILE_RE.match(word):
        raise CellError(_("A mobile number has 11 digits and starts with 1."))
    return word


def id_number(value: Any) -> str:
    """A resident ID number: 17 digits and a final digit or X, written as text."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        # Excel keeps only 15 significant digits of a number: the last digits are already lost.
        raise CellError(
            _("Enter the ID number as text (format the column as Text): Excel rounds long numbers.")
        )
    word = as_text(value).upper()
    if not ID_NUMBER_RE.match(word):
        raise CellError(_("An ID number has 18 characters: 17 digits and a final digit or X."))
    return word


def area_code(value: Any) -> str:
    """A 12-digit statistical code."""
    word = as_text(value)
    if not AREA_CODE_RE.match(word):
        raise CellError(_("A statistical code has exactly 12 digits."))
    return word


def phone(value: Any) -> str:
    """An office phone: digits and hyphens, such as 0359-6321234."""
    word = as_text(value).replace(" ", "")
    if not PHONE_RE.match(word):
        raise CellError(_("Write digits and hyphens only, such as 0359-6321234."))
    return word


def joining_date(value: Any) -> dt.date:
    """A date from 1 July 1921 to today: an Excel date, or text such as 2001-07-01."""
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        day = _date_from_text(as_text(value))
    today = timezone.localdate()
    if not FIRST_JOINING_DATE <= day <= today:
        raise CellError(
            _("Write a date from %(first)s to %(last)s.")
            % {"first": FIRST_JOINING_DATE.isoformat(), "last": today.isoformat()}
        )
    return day


def _date_from_text(word: str) -> dt.date:
    match = DATE_RE.match(word)
    try:
        if match is None:
            raise ValueError(word)
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise CellError(_("Write a date such as 2001-07-01.")) from None


def birth_year_in(id_number: str) -> int | None:
    """The year of birth written in an 18-character ID number, if it is a plausible year."""
    year = int(id_number[6:10])
    return year if FIRST_YEAR <= year <= timezone.localdate().year else None
