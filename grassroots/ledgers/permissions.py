"""Who may import ledgers: staff, since an import rewrites people, units and places at once."""


def can_import_ledgers(user) -> bool:
    """Staff users may download templates and import ledgers."""
    return bool(user.is_authenticated and user.is_staff)
