from django.urls import path

from grassroots.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("wall/", views.wall, name="wall"),
    path("plotly.css", views.plotly_css, name="plotly_css"),
    path("brief/", views.brief_page, name="brief"),
    path("brief.pdf", views.brief_pdf, name="brief_pdf"),
    path("brief.docx", views.brief_docx, name="brief_docx"),
]
