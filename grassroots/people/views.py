from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.accounts import credentials
from grassroots.accounts.errors import AccountRefused
from grassroots.core.audit import client_address
from grassroots.people import selectors, services, signup
from grassroots.people.forms import InvitationForm, SignUpForm
from grassroots.people.permissions import access_person, can_invite, can_reveal


def person_list(request):
    query = request.GET.get("q", "").strip()[:50]
    page = Paginator(selectors.people_for_list(request.user, query=query), 30).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "people/person_list.html",
        {
            "page": page,
            "query": query,
            "may_reveal": can_reveal(request.user),
            "invitable": {p.pk for p in page if can_invite(request.user, p)},
        },
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


def _sign_in(request, user) -> None:
    login(request, user, backend="grassroots.accounts.backends.UsernameOrMobileBackend")


@login_not_required
def sign_up(request):
    """注册: "send code" texts a sign-up code; "sign up" makes the account and signs in."""
    if request.user.is_authenticated:
        return redirect("home")
    form, status, sent = SignUpForm(request.POST or None), 200, False
    if request.method == "POST" and form.is_valid():
        data, address = form.cleaned_data, client_address(request) or ""
        try:
            if "send" in request.POST:
                credentials.send_signup_code(mobile=data["mobile"], address=address)
                sent = True
            else:
                _sign_in(request, signup.sign_up_resident(address=address, **data))
                return redirect("home")
        except AccountRefused as refusal:
            form.add_refusal(refusal)
            status = refusal.http_status
    context = {"form": form, "sent": sent}
    return render(request, "people/sign_up.html", context, status=status)


@login_not_required
def accept_invitation(request):
    """The page an invitation's text message links to: set a password, get the account."""
    form, status = InvitationForm(request.POST or None), 200
    if request.method == "POST" and form.is_valid():
        try:
            user = signup.accept_invitation(
                address=client_address(request) or "", **form.cleaned_data
            )
            _sign_in(request, user)
            return redirect("home")
        except AccountRefused as refusal:
            form.add_refusal(refusal)
            status = refusal.http_status
    return render(request, "people/accept_invitation.html", {"form": form}, status=status)


@require_POST
def invite(request, pk: int):
    """Staff text a resident on the register an invitation to take an account."""
    person = access_person(request.user, pk)
    link = request.build_absolute_uri(reverse("accept_invitation"))
    try:
        signup.invite_person(
            actor=request.user, person=person, link=link, address=client_address(request) or ""
        )
    except AccountRefused as refusal:
        if refusal.code == "forbidden":
            raise PermissionDenied from None
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The invitation was sent to %(name)s.") % {"name": person.name})
    return redirect("people:list")
