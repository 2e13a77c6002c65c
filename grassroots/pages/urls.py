from django.urls import path

from grassroots.pages import views

urlpatterns = [
    path("", views.home, name="home"),
    path("areas/<int:pk>/", views.area_detail, name="area_detail"),
]
