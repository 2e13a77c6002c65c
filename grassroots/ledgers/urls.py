from django.urls import path

from grassroots.ledgers import views

app_name = "ledgers"
urlpatterns = [
    path("import/", views.import_page, name="import"),
    path("templates/<slug:kind>.xlsx", views.template_download, name="template"),
]
