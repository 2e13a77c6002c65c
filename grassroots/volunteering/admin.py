from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from grassroots.core.audit import record_audit
from grassroots.volunteering.models import (
    Activity,
    Certificate,
    Questionnaire,
    ServiceRecord,
    Team,
    TeamCategory,
    Volunteer,
)


@admin.register(TeamCategory)
class TeamCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "scheme", "focus", "colour", "order"]
    list_filter = ["scheme"]
    list_editable = ["order"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "community", "serves", "unit"]
    list_filter = ["category"]
    search_fields = ["name", "community__name"]
    list_select_related = ["community", "category", "serves", "unit"]
    autocomplete_fields = ["community", "leaders", "serves", "unit"]


@admin.register(Volunteer)
class VolunteerAdmin(admin.ModelAdmin):
    list_display = ["person", "skills", "availability", "joined_on"]
    search_fields = ["person__name", "skills"]
    raw_id_fields = ["person"]
    list_select_related = ["person"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    """Activities are made and changed on the organiser pages (their dates depend on the rule);
    here they can be read and searched."""

    list_display = ["title", "kind", "community", "team", "unit", "rule_label", "first_day"]
    list_filter = ["kind", "community"]
    search_fields = ["title"]
    list_select_related = ["community", "team", "unit"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    """Certificates are issued on the volunteer's page; here they are found and revoked."""

    list_display = ["number", "holder_name", "issuer", "hours", "issued_at", "revoked"]
    search_fields = ["number", "holder_name"]
    list_filter = ["revoked"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Revoke the selected certificates"))
    def revoke(self, request, queryset):
        for certificate in queryset.filter(revoked=False):
            Certificate.objects.filter(pk=certificate.pk).update(revoked=True)
            record_audit(
                actor=request.user, action="change", target=certificate, detail={"revoked": True}
            )


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["title", "community", "open", "created_at"]
    list_select_related = ["community"]
    autocomplete_fields = ["community"]


@admin.register(ServiceRecord)
class ServiceRecordAdmin(admin.ModelAdmin):
    list_display = ["person", "hours", "served_on", "note"]
    raw_id_fields = ["person", "case", "enrollment"]
    date_hierarchy = "served_on"
    list_select_related = ["person"]

    def has_change_permission(self, request, obj=None):
        return False
