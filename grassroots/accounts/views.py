from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from grassroots.accounts import credentials
from grassroots.accounts.errors import AccountRefused
from grassroots.accounts.forms import LoginForm, PasswordResetForm
from grassroots.core.audit import client_address


class LoginView(auth_views.LoginView):
    """The sign-in page; a locked pair is answered 429 with the Chinese explanation."""

    form_class = LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if any(e.code == "locked" for e in form.non_field_errors().as_data()):
            response.status_code = 429
        return response


@login_not_required
def password_reset(request):
    """找回密码: "send code" texts a reset code; "reset" sets the new password with it."""
    form, status, sent = PasswordResetForm(request.POST or None), 200, False
    if request.method == "POST" and form.is_valid():
        data, address = form.cleaned_data, client_address(request) or ""
        try:
            if "send" in request.POST:
                credentials.send_reset_code(mobile=data["mobile"], address=address)
                sent = True
            else:
                credentials.reset_password(address=address, **data)
                messages.success(request, _("Your password was changed; sign in with it."))
                return redirect("login")
        except AccountRefused as refusal:
            form.add_refusal(refusal)
            status = refusal.http_status
    context = {"form": form, "sent": sent}
    return render(request, "accounts/password_reset.html", context, status=status)
