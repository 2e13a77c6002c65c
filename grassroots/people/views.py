from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_POST

from grassroots.core.audit import client_address
from grassroots.people import selectors, services
from grassroots.people.permissions import access_person, can_reveal


def person_list(request):
    query = request.GET.get("q", "").strip()[:50]
    page = Paginator(selectors.people_for_list(request.user, query=query), 30).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "people/person_list.html",
        {"page": page, "query": query, "may_reveal": can_reveal(request.user)},
    )


@require_POST
def reveal(request, pk: int, field: str):
    person = access_person(request.user, pk)
    if not can_reveal(request.user) or field not in services.REVEALABLE:
        raise PermissionDenied
    value = services.reveal_personal_field(
        actor=request.user, person=person, field=field, address=client_address(request)
    )
    return render(request, "people/_revealed.html", {"value": value})
