from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.accounts import services
from grassroots.core.audit import client_address


class LoginLockedError(forms.ValidationError):
    """Raised when the username+address pair is locked; the view answers 429."""


def locked_message(until) -> str:
    minutes = max(1, int((until - timezone.now()).total_seconds() // 60) + 1)
    return _(
        "Too many failed sign-ins. This account is locked from this address; "
        "try again in %(minutes)d minutes."
    ) % {"minutes": minutes}


class LoginForm(AuthenticationForm):
    """Sign-in by username or mobile, refusing a locked username+address pair."""

    username = forms.CharField(
        label=_("Username or mobile number"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _("The username/mobile number or password is incorrect."),
        "inactive": _("This account is disabled."),
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        password = self.cleaned_data.get("password")
        address = client_address(self.request) or ""
        if until := services.login_locked_until(username=username, address=address):
            raise LoginLockedError(locked_message(until), code="locked")
        if username and password:
            self.user_cache = authenticate(self.request, username=username, password=password)
            if self.user_cache is None:
                until = services.record_login_failure(username=username, address=address)
                if until:
                    raise LoginLockedError(locked_message(until), code="locked")
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
            services.clear_login_failures(username=username, address=address)
        return self.cleaned_data


class RefusalForm(forms.Form):
    """A form that shows a service's refusal on the fields it names (else above the form)."""

    def add_refusal(self, refusal) -> None:
        for field, message in refusal.fields.items():
            self.add_error(field if field in self.fields else None, message)
        if not refusal.fields:
            self.add_error(None, refusal.message)


def mobile_field() -> forms.CharField:
    attrs = {"inputmode": "numeric", "autocomplete": "tel", "autofocus": True}
    return forms.CharField(label=_("Mobile number"), max_length=11, widget=forms.TextInput(attrs))


def code_field() -> forms.CharField:
    attrs = {"inputmode": "numeric", "autocomplete": "one-time-code"}
    return forms.CharField(
        label=_("Code from the text message"),
        max_length=6,
        required=False,
        widget=forms.TextInput(attrs),
    )


def password_field(label) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class PasswordResetForm(RefusalForm):
    """找回密码: the mobile, the code texted to it, the new password."""

    mobile = mobile_field()
    code = code_field()
    password = password_field(_("New password"))
