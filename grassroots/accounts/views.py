from django.contrib.auth import views as auth_views

from grassroots.accounts.forms import LoginForm


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
