from grassroots.accounts.scopes import scope_of


def roles(request):
    """Expose the signed-in user's scope to templates (lazily: one query when first used)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"scope": scope_of(user)}
