"""Masking of personal data for lists, exports and pages that do not need the full value."""

import re


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
