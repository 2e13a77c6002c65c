from django.urls import path

from grassroots.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("wall/", views.wall, name="wall"),
    path("plotly.css", views.plotly_css, name="plotly_css"),
]
