from django.urls import path

from grassroots.venues import views

app_name = "venues"
urlpatterns = [
    path("", views.venue_list, name="list"),
    path("rooms/<int:pk>/", views.room_page, name="room"),
    path("bookings/", views.my_bookings, name="mine"),
    path("bookings/<int:pk>/cancel/", views.cancel, name="cancel"),
]
