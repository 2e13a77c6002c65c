from django.utils.functional import SimpleLazyObject


def organiser(request):
    """Whether the user may create activities (for the volunteering tabs), computed only when a
    template asks."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from grassroots.volunteering.permissions import may_organise_somewhere

    return {"may_organise": SimpleLazyObject(lambda: may_organise_somewhere(user))}
