from django.contrib import admin

from grassroots.volunteering.models import Team


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "specialty", "community"]
    search_fields = ["name", "community__name"]
    list_select_related = ["community"]
    autocomplete_fields = ["community", "leaders"]
