from django.urls import path

from grassroots.volunteering.views import activities, calendars, checkin, records, teams

app_name = "volunteering"
urlpatterns = [
    path("", activities.activity_list, name="activities"),
    path("activities/new/", activities.activity_new, name="activity_new"),
    path("activities/<int:pk>/", activities.activity_detail, name="activity"),
    path("dates/<int:pk>/", checkin.occurrence_page, name="occurrence"),
    path("dates/<int:pk>/sign-up/", activities.sign_up, name="sign_up"),
    path("dates/<int:pk>/check-in/", checkin.checkin_screen, name="checkin_screen"),
    path("dates/<int:pk>/check-in/code/", checkin.checkin_code, name="checkin_code"),
    path("dates/<int:pk>/scan/<str:code>/", checkin.scan, name="scan"),
    path("sign-ups/<int:pk>/cancel/", activities.cancel_sign_up, name="cancel_sign_up"),
    path("me/", records.mine, name="mine"),
    path("me/certificates/", records.certificate_new, name="certificate_new"),
    path("certificates/<int:pk>.pdf", records.certificate_pdf, name="certificate_pdf"),
    path("verify/<str:token>/", records.verify, name="verify"),
    path("teams/", teams.team_list, name="teams"),
    path("volunteers/", teams.volunteer_list, name="volunteers"),
    path("hours.xlsx", records.hours_ledger, name="hours_ledger"),
    path("activities.xlsx", records.activities_ledger, name="activities_ledger"),
    path("teams/<int:pk>/", teams.team_detail, name="team"),
    path("calendar/teams/<int:pk>.ics", calendars.feed_team, name="feed_team"),
    path("calendar/communities/<int:pk>.ics", calendars.feed_community, name="feed_community"),
    path("calendar/me/<str:token>.ics", calendars.feed_mine, name="feed_mine"),
]
