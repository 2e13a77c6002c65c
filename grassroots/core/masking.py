"""Masking of personal data for lists, exports and pages that do not need the full value."""


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
