"""The wish wall's pages. They keep the addresses and names they had under volunteering/
(`volunteering:wall`, `volunteering:wish_new`, …): grassroots/urls.py mounts these patterns
in the volunteering namespace, beside volunteering's own."""

from django.urls import path

from grassroots.wishes import views

urlpatterns = [
    path("wishes/", views.wish_wall, name="wall"),
    path("wishes/new/", views.wish_new, name="wish_new"),
    path("wishes/<int:pk>/claim/", views.wish_claim, name="wish_claim"),
    path("questionnaires/<int:pk>/", views.questionnaire, name="questionnaire"),
]
