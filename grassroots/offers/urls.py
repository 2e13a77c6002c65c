from django.urls import path

from grassroots.offers import views

app_name = "offers"
urlpatterns = [
    path("coverage/", views.coverage_page, name="coverage"),
    path("coverage/<slug:name>/", views.gap_page, name="gap"),
    path("report/<int:compound_id>/", views.member_report, name="report"),
    path("compounds/<int:compound_id>/poster/", views.compound_poster, name="poster"),
    path("compounds/<int:compound_id>/qr.png", views.compound_qr, name="qr"),
]
