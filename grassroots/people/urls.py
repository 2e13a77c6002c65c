from django.urls import path

from grassroots.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("<int:pk>/invite/", views.invite, name="invite"),
    path("<int:pk>/reveal/<str:field>/", views.reveal, name="reveal"),
]
