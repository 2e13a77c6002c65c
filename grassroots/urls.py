from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, re_path
from django.views.i18n import set_language

from grassroots.accounts import views as account_views
from grassroots.accounts.views import LoginView
from grassroots.api import api
from grassroots.api import not_found as api_not_found
from grassroots.core import export_views, health_views
from grassroots.people import views as people_views
from grassroots.volunteering import urls as volunteering_urls
from grassroots.wishes import urls as wishes_urls

# The wish wall (the wishes app, above cases) keeps its addresses and names under
# volunteering/: both apps' pages are one namespace, `volunteering:wall` beside
# `volunteering:activities`.
volunteering_pages = (
    [*volunteering_urls.urlpatterns, *wishes_urls.urlpatterns],
    volunteering_urls.app_name,
)

admin.site.site_header = "Grassroots 党建引领基层治理平台"
admin.site.site_title = "Grassroots"
# The back office signs in through the project's own (throttled, audited) login view.
admin.site.login = login_not_required(  # type: ignore[method-assign, assignment]
    LoginView.as_view(template_name="admin/login.html")
)

urlpatterns = [
    path("", include("grassroots.pages.urls")),
    path("healthz/live", health_views.live, name="live"),
    path("healthz/ready", health_views.ready, name="ready"),
    path("exports/<int:pk>/", export_views.export_page, name="export"),
    path("exports/<int:pk>/file/", export_views.export_file, name="export_file"),
    path("accounts/login/", login_not_required(LoginView.as_view()), name="login"),
    path("accounts/signup/", people_views.sign_up, name="sign_up"),
    path("accounts/password-reset/", account_views.password_reset, name="password_reset"),
    path("accounts/invitation/", people_views.accept_invitation, name="accept_invitation"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("people/", include("grassroots.people.urls")),
    path("cases/", include("grassroots.cases.urls")),
    path("offers/", include("grassroots.offers.urls")),
    path("volunteering/", include(volunteering_pages)),
    path("venues/", include("grassroots.venues.urls")),
    path("governance/", include("grassroots.governance.urls")),
    path("dashboards/", include("grassroots.dashboards.urls")),
    path("notifications/", include("grassroots.notifications.urls")),
    path("ledgers/", include("grassroots.ledgers.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", api_not_found),
    path("open311/v2/", include("grassroots.open311.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
