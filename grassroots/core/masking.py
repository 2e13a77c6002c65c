"""Masking of personal data for lists, exports and pages that do not need the full value, and
the hiding of phone, ID and door numbers in free text that is published."""

import re

from django.utils.translation import gettext as _


def mask_mobile(mobile: str | None) -> str:
    """Return a mobile number as 138****1234; anything too short to mask is hidden whole."""
    value = (mobile or "").strip()
    if not value:
        return ""
    if len(value) < 7:
        return "*" * len(value)
    return f"{value[:3]}****{value[-4:]}"


def mask_id_number(id_number: str | None) -> str:
    """Return an ID number with only its first and last characters kept: 1408**********123X."""
    value = (id_number or "").strip()
    if not value:
        return ""
    if len(value) <= 4:
        return "*" * len(value)
    return (
        f"{value[:4]}{'*' * (len(value) - 7)}{value[-3:]}" if len(value) > 7 else "*" * len(value)
    )


def mask_name(name: str | None) -> str:
    """A person's name with only the family name kept: 张*, 欧阳**."""
    value = (name or "").strip()
    if len(value) <= 1:
        return value
    keep = 2 if len(value) >= 4 else 1
    return value[:keep] + "*" * (len(value) - keep)


# --- Numbers in free text ---------------------------------------------------------------------
#
# `\d` is any decimal digit, full-width ones (１３８…) included. A run is digits joined by a
# space or two, a dash, a dot or a slash (138 1234 5678, 0359-6321234, 138.1234.5678), optionally
# led by + or a bracketed area code, and ending in X for an ID number. A run is judged whole.

_SPACE = r"[ \t\u3000]"
_JOIN = rf"(?:{_SPACE}{{0,2}}[-‐‑–—－.．/]{_SPACE}{{0,2}}|{_SPACE}{{1,2}})"
_RUN = re.compile(
    r"(?<!\d)(?<!\d[:：])"  # never from the middle of a number, nor the minutes of a time
    rf"(?:[+＋]{_SPACE}?)?"
    rf"(?:[(（]{_SPACE}?[+＋]?\d{{2,4}}{_SPACE}?[)）]{_SPACE}?)?"
    rf"\d+(?:{_JOIN}\d+)*(?:[XxＸｘ](?![A-Za-zＡ-Ｚａ-ｚ]))?"
)
# Runs of seven digits or more that are not anybody's number.
_HARMLESS = re.compile(
    r"(?:19|20)\d\d\s?[-./．]\s?(?:0?[1-9]|1[0-2])\s?[-./．]\s?(?:0?[1-9]|[12]\d|3[01])"  # dates
    r"|(?:19|20)\d\d\s?[-–—]\s?(?:19|20)\d\d"  # years from–to
    r"|20\d\d-\d{6}"  # a case reference, 2026-000123
    r"|\d+[.．]\d{1,2}"  # a decimal: 15000.50
)
# A quantity after a number makes it an amount or a count, not a phone (but never a mobile or ID).
_QUANTITY = re.compile(
    r"\s?(?:元|块|万|亿|米|平|㎡|公里|千米|里|吨|斤|公斤|千克|克|人|户|个|次|件|套|台|辆|棵|株"
    r"|天|小时|分钟|秒|岁|度|升|%|％|‰)"
)
_MONEY_SIGNS = ("¥", "￥", "$")


_NOT_DIGIT = re.compile(r"\D")


def _digits(run: str) -> str:
    """The run's digits in ASCII (１３８ → 138)."""
    digits = _NOT_DIGIT.sub("", run)
    return digits if digits.isascii() else "".join(str(int(c)) for c in digits)


def _kind(text: str, match: re.Match) -> str | None:
    """What a run of digits is: "mobile", "id", "phone" (a landline), "number" (some other long
    number, a bank card say) or None for a harmless one (short, a date, an amount)."""
    run = match.group(0)
    digits = _digits(run)
    if len(digits) < 7:
        return None  # the most common case, and too short for anybody's number
    national = digits
    if digits.startswith("0086"):
        national = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        national = digits[2:]
    if len(national) == 11 and national[0] == "1" and national[1] in "3456789":
        return "mobile"
    with_x = not run[-1].isdecimal()
    if len(digits) == (17 if with_x else 18) or (len(digits) == 15 and not with_x):
        return "id"
    if _HARMLESS.fullmatch(run):
        return None
    sign = text[match.start() - 1 : match.start()]
    if sign in _MONEY_SIGNS or _QUANTITY.match(text, match.end()):
        return None
    if run.lstrip().startswith(("+", "＋", "(", "（")) or digits[0] == "0" or len(digits) <= 8:
        return "phone"  # with an area code or international prefix, or a 7–8 digit local number
    return "number"


def numbers_in_text(text: str | None) -> list[tuple[str, re.Match]]:
    """Every phone, ID or other long number in a text, as (kind, match) pairs."""
    value = text or ""
    found = []
    for match in _RUN.finditer(value):
        kind = _kind(value, match)
        if kind is not None:
            found.append((kind, match))
    return found


# Door-level address parts: 3号楼2单元501, 2单元301室, 5栋, 302房, A座, 5#楼, 1-2-301, 3-501.
# Chinese numerals only before the markers that cannot be a count (三号楼, 二单元); plain 号
# not after 月 or 第 (3月5号 is a date) nor before 线 (3号线 is a bus or metro line).
_NUMBER = r"(?<![\d:：.．])\d+"
_MARK = (
    rf"(?:(?:{_NUMBER}|[一二三四五六七八九十百零〇]+|[A-Za-zＡ-Ｚａ-ｚ])\s*(?:号楼|栋|幢|座|单元|号院)"
    rf"|{_NUMBER}\s*(?:[#＃]\s*楼?|楼|层)"
    rf"|(?<![\d:：.．])\d{{2,}}\s*(?:室|房)"
    rf"|(?<![\d:：.．月第])\d+\s*号(?![楼院线])"
    r")"
)
_DOOR = re.compile(
    r"(?=[\dA-Za-zＡ-Ｚａ-ｚ一二三四五六七八九十百零〇])"  # fails fast where no number starts
    rf"(?:(?:{_MARK}[\s\-－]*)+(?:\d{{2,}}(?![\d年月日])(?!{_QUANTITY.pattern})\s*(?:室|房|号)?)?"
    rf"|(?<![\d:：.．])\d{{1,3}}[-－]\d{{1,2}}[-－]\d{{2,4}}(?![\d:：])"
    rf"|(?<![\d:：.．])\d{{1,2}}[-－]\d{{3,4}}(?![\d:：])(?!{_QUANTITY.pattern}))"
)


def public_text(text: str | None) -> str:
    """Free text as it may be published (Open311, the wish wall): phone numbers of any shape
    (138 1234 5678, +86…, full-width digits, 0359-6321234, (0359)6321234, 6321234), ID numbers
    and other long numbers are replaced by a note saying so, and door-level address parts
    (3号楼2单元501, 302房, 1-2-301) by **. Dates, times, amounts and counts stay."""
    value = text or ""
    found = numbers_in_text(value)
    if found:
        labels = {
            "id": _("[ID number hidden]"),
            "mobile": _("[phone hidden]"),
            "phone": _("[phone hidden]"),
            "number": _("[number hidden]"),
        }
        parts, at = [], 0
        for kind, match in found:
            parts += [value[at : match.start()], str(labels[kind])]
            at = match.end()
        value = "".join([*parts, value[at:]])
    return _DOOR.sub("**", value)


def personal_numbers(text: str | None) -> list[tuple[str, str]]:
    """Mobile and ID numbers in a text, as (kind, masked number) pairs — what a publisher must
    remove before anything goes public. Kinds: "mobile", "id". Found as `public_text` finds
    them; landlines are left alone (a disclosure gives the office's number on purpose)."""
    found = []
    for kind, match in numbers_in_text(text):
        digits = _digits(match.group(0))
        if kind == "mobile":
            found.append((kind, mask_mobile(digits[-11:])))
        elif kind == "id":
            x = "X" if len(digits) == 17 else ""
            found.append((kind, mask_id_number(digits + x)))
    return found
