from django.urls import path

from grassroots.volunteering import views

app_name = "volunteering"
urlpatterns = [
    path("", views.activity_list, name="activities"),
    path("activities/new/", views.activity_new, name="activity_new"),
    path("activities/<int:pk>/", views.activity_detail, name="activity"),
    path("dates/<int:pk>/", views.occurrence_page, name="occurrence"),
    path("dates/<int:pk>/sign-up/", views.sign_up, name="sign_up"),
    path("dates/<int:pk>/check-in/", views.checkin_screen, name="checkin_screen"),
    path("dates/<int:pk>/check-in/code/", views.checkin_code, name="checkin_code"),
    path("dates/<int:pk>/scan/<str:code>/", views.scan, name="scan"),
    path("sign-ups/<int:pk>/cancel/", views.cancel_sign_up, name="cancel_sign_up"),
    path("me/", views.mine, name="mine"),
    path("me/certificates/", views.certificate_new, name="certificate_new"),
    path("certificates/<int:pk>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("verify/<str:token>/", views.verify, name="verify"),
    path("teams/", views.team_list, name="teams"),
    path("volunteers/", views.volunteer_list, name="volunteers"),
    path("hours.xlsx", views.hours_ledger, name="hours_ledger"),
    path("activities.xlsx", views.activities_ledger, name="activities_ledger"),
    path("teams/<int:pk>/", views.team_detail, name="team"),
    path("calendar/teams/<int:pk>.ics", views.feed_team, name="feed_team"),
    path("calendar/communities/<int:pk>.ics", views.feed_community, name="feed_community"),
    path("calendar/me/<str:token>.ics", views.feed_mine, name="feed_mine"),
]
