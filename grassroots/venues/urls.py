from django.urls import path

from grassroots.venues import views

app_name = "venues"
urlpatterns = [
    path("", views.venue_list, name="list"),
    path("rooms/<int:pk>/", views.room_page, name="room"),
    path("rooms/<int:pk>/activity/", views.book_for_activity, name="book_activity"),
    path("bookings/", views.my_bookings, name="mine"),
    path("bookings/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("today/", views.today, name="today"),
    path("bookings/all/", views.booking_list, name="bookings"),
    path("<int:pk>/photo/", views.venue_photo, name="photo"),
    path("coverage/", views.coverage_list, name="coverage"),
    path("<int:pk>/duty/", views.duty_roster, name="duty"),
    path("<int:pk>/duty/screen/", views.duty_screen, name="duty_screen"),
    path("<int:pk>/duty/screen/code/", views.duty_code, name="duty_code"),
    path("<int:pk>/duty/<str:code>/", views.duty_scan, name="duty_scan"),
]
