from django.contrib.auth.backends import BaseBackend
from django.db.models import Q

from grassroots.accounts.models import User


class UsernameOrMobileBackend(BaseBackend):
    """Sign in with either the username or the 11-digit mobile number.

    It grants no permissions: those come from roles alone (`accounts.backoffice`), so there are
    no groups or per-user permissions to hand out past the roles' scope."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        login = username.strip()
        user = User.objects.filter(Q(username__iexact=login) | Q(mobile=login)).first()
        if user is None:
            # Spend the same time as a real check so that timing does not reveal usernames.
            User().set_password(password)
            return None
        if user.check_password(password) and user.is_active:
            return user
        return None

    def get_user(self, user_id):
        return User.objects.filter(pk=user_id, is_active=True).first()
