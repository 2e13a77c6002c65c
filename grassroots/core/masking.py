"""Masking of personal data for lists, exports and pages that do not need the full value."""

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


_MOBILE_IN_TEXT = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")
_ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])")


def mask_in_text(text: str | None) -> str:
    """Free text with any mobile number or ID number in it masked, for publishing."""
    value = _ID_IN_TEXT.sub(lambda m: m.group(1)[:4] + "*" * 11 + m.group(3)[-3:], text or "")
    return _MOBILE_IN_TEXT.sub(lambda m: f"{m.group(1)}****{m.group(3)}", value)


_ID_ANY = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
_PHONE_ANY = re.compile(
    r"(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)"  # mobiles, also 138 1234 5678
    r"|(?<!\d)0\d{2,3}[\s-]?\d{7,8}(?!\d)"  # landlines with area code
    r"|(?<!\d)\d{7,8}(?!\d)"  # local landlines
)
_NUMERAL = r"[0-9０-９一二三四五六七八九十百零〇两]+"
_DOOR = re.compile(
    rf"(?:{_NUMERAL}\s*(?:号楼|栋|幢|单元|楼|层|室|户|号院|号)[\s-]*)+|\d+-\d+(?:-\d+)?"
)


def hide_in_text(text: str | None) -> str:
    """Free text for a public page: ID numbers, phone numbers and door-level address parts
    (3号楼2单元401室, 5-2-301, 幸福路12号) are removed, not just masked."""
    value = _ID_ANY.sub(_("[ID number hidden]"), text or "")
    value = _PHONE_ANY.sub(_("[phone hidden]"), value)
    return _DOOR.sub("**", value)


def mask_name(name: str | None) -> str:
    """A person's name with only the family name kept: 张*, 欧阳**."""
    value = (name or "").strip()
    if len(value) <= 1:
        return value
    keep = 2 if len(value) >= 4 else 1
    return value[:keep] + "*" * (len(value) - keep)


_MOBILE_ANY = re.compile(r"(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)")


def personal_numbers(text: str | None) -> list[tuple[str, str]]:
    """Mobile and ID numbers in a text, as (kind, masked number) pairs — what a publisher must
    remove before anything goes public. Kinds: "mobile", "id"."""
    value = text or ""
    found = [("id", mask_id_number(m.group(0))) for m in _ID_ANY.finditer(value)]
    without_ids = _ID_ANY.sub(" ", value)
    found += [
        ("mobile", mask_mobile(re.sub(r"\D", "", m.group(0))[-11:]))
        for m in _MOBILE_ANY.finditer(without_ids)
    ]
    return found
