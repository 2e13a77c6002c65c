from django.urls import path

from grassroots.offers import views

app_name = "offers"
urlpatterns = [
    path("coverage/", views.coverage_page, name="coverage"),
    path("pairings.xlsx", views.pairings_ledger, name="pairings_ledger"),
    path("coverage/<slug:name>/", views.gap_page, name="gap"),
    path("report/<int:compound_id>/", views.member_report, name="report"),
    path("members/<int:member_id>/register/", views.register_member_for, name="register_for"),
    path("compounds/<int:compound_id>/poster/", views.compound_poster, name="poster"),
    path("compounds/<int:compound_id>/qr.png", views.compound_qr, name="qr"),
]
urlpatterns += [
    path("unit/", views.unit_page, name="unit"),
    path("me/", views.member_page, name="member"),
    path("menu/", views.menu_page, name="menu"),
    path("lists/", views.lists_page, name="lists"),
    path("offers/<int:offer_id>/request/", views.request_offer_view, name="request"),
]
urlpatterns += [path("registrations/", views.registrations_page, name="registrations")]
