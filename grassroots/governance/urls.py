from django.urls import path

from grassroots.governance.views import assessments, disclosures, meetings, projects, standing

app_name = "governance"
urlpatterns = [
    path("", standing.overview, name="overview"),
    path("compounds/", standing.compound_list, name="compounds"),
    path("compounds.xlsx", standing.compound_ledger, name="compounds_xlsx"),
    path("projects/", projects.project_list, name="projects"),
    path("meetings/", meetings.meeting_list, name="meetings"),
    path("compounds/<int:pk>/", standing.compound_page, name="compound"),
    path("compounds/<int:pk>/assess/", assessments.assess, name="assess"),
    path("compounds/<int:pk>/projects/new/", projects.project_new, name="project_new"),
    path("compounds/<int:pk>/meetings/new/", meetings.meeting_new, name="meeting_new"),
    path("assessments/<int:pk>/", assessments.assessment_page, name="assessment"),
    path("evidence/<int:pk>/", assessments.evidence_file, name="evidence"),
    path("projects/<int:pk>/", projects.project_page, name="project"),
    path("project-photos/<int:pk>/", projects.project_photo, name="project_photo"),
    path("meetings/<int:pk>/", meetings.meeting_page, name="meeting"),
    path("disclosures/", disclosures.disclosure_list, name="disclosures"),
    path("disclosures/new/", disclosures.disclosure_new, name="disclosure_new"),
    path("disclosures/<int:pk>/", disclosures.disclosure_page, name="disclosure"),
    path("attachments/<int:pk>/", disclosures.attachment_file, name="attachment"),
    path("public/<int:pk>/", disclosures.public_disclosures, name="public"),
    path("my-compound/", disclosures.my_compound, name="my_compound"),
]
