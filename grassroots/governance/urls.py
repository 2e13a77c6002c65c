from django.urls import path

from grassroots.governance import views

app_name = "governance"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("compounds/", views.compound_list, name="compounds"),
    path("compounds.xlsx", views.compound_ledger, name="compounds_xlsx"),
    path("projects/", views.project_list, name="projects"),
    path("meetings/", views.meeting_list, name="meetings"),
    path("compounds/<int:pk>/", views.compound_page, name="compound"),
    path("compounds/<int:pk>/assess/", views.assess, name="assess"),
    path("compounds/<int:pk>/projects/new/", views.project_new, name="project_new"),
    path("compounds/<int:pk>/meetings/new/", views.meeting_new, name="meeting_new"),
    path("assessments/<int:pk>/", views.assessment_page, name="assessment"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence"),
    path("projects/<int:pk>/", views.project_page, name="project"),
    path("project-photos/<int:pk>/", views.project_photo, name="project_photo"),
    path("meetings/<int:pk>/", views.meeting_page, name="meeting"),
    path("disclosures/", views.disclosure_list, name="disclosures"),
    path("disclosures/new/", views.disclosure_new, name="disclosure_new"),
    path("disclosures/<int:pk>/", views.disclosure_page, name="disclosure"),
    path("attachments/<int:pk>/", views.attachment_file, name="attachment"),
    path("public/<int:pk>/", views.public_disclosures, name="public"),
    path("my-compound/", views.my_compound, name="my_compound"),
]
