"""The back office of volunteering, narrowed to one's areas. Teams and their members are set
up and changed through `volunteering.teams`, which checks and audits each change."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.backoffice import CheckedForm, ScopedAdmin, ScopedInline
from grassroots.core.audit import record_audit
from grassroots.volunteering import teams
from grassroots.volunteering.errors import VolunteerRefused
from grassroots.volunteering.models import (
    Activity,
    Certificate,
    Membership,
    Questionnaire,
    ServiceRecord,
    Team,
    TeamCategory,
    Volunteer,
)


@admin.register(TeamCategory)
class TeamCategoryAdmin(ScopedAdmin):
    """The categories every county's teams are sorted into: the city keeps them."""

    list_display = ["name", "scheme", "focus", "colour", "order"]
    list_filter = ["scheme"]
    list_editable = ["order"]


class MembershipForm(CheckedForm):
    refusals = (VolunteerRefused,)
    team = None

    def check(self, data):
        if self.team is not None and data.get("volunteer") is not None:
            teams.check_member(actor=self.actor, team=self.team, volunteer=data["volunteer"])


class MembershipInline(ScopedInline, admin.TabularInline):
    model = Membership
    form = MembershipForm
    extra = 0
    autocomplete_fields = ["volunteer"]

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = type("MemberOf", (MembershipForm,), {"actor": request.user, "team": obj})
        return super().get_formset(request, obj, **kwargs)


class TeamForm(CheckedForm):
    refusals = (VolunteerRefused,)

    def check(self, data):
        teams.check_team(actor=self.actor, team=self.instance)


@admin.register(Team)
class TeamAdmin(ScopedAdmin):
    form = TeamForm
    list_display = ["name", "category", "community", "serves", "unit"]
    list_filter = ["category"]
    search_fields = ["name", "community__name"]
    list_select_related = ["community", "category", "serves", "unit"]
    autocomplete_fields = ["community", "leaders", "serves", "unit"]
    inlines = [MembershipInline]
    scope_path = "community__path"

    def get_inline_instances(self, request, obj=None):
        # Volunteers join a team that exists: set the team up first, then add them.
        return super().get_inline_instances(request, obj) if obj is not None else []

    def save_model(self, request, obj, form, change):
        teams.save_team(actor=request.user, team=obj)

    def save_related(self, request, form, formsets, change):
        if "leaders" in form.changed_data:
            teams.set_leaders(
                actor=request.user, team=form.instance, leaders=form.cleaned_data["leaders"]
            )
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        team = form.instance
        for member_form in formset.forms:
            data = getattr(member_form, "cleaned_data", {})
            old = member_form.instance if member_form.instance.pk else None
            if data.get("DELETE") and old is not None:
                teams.remove_member(actor=request.user, membership=old)
            elif data.get("volunteer") and old is None:
                teams.add_member(
                    actor=request.user,
                    team=team,
                    volunteer=data["volunteer"],
                    joined_on=data.get("joined_on"),
                )

    def delete_model(self, request, obj):
        record_audit(
            actor=request.user, action="change", target=obj, detail={"back_office": "delete"}
        )
        super(ScopedAdmin, self).delete_model(request, obj)


@admin.register(Volunteer)
class VolunteerAdmin(ScopedAdmin):
    list_display = ["person", "skills", "availability", "joined_on"]
    search_fields = ["person__name", "skills"]
    raw_id_fields = ["person"]
    list_select_related = ["person"]
    scope_path = "person__home_area__path"


@admin.register(Activity)
class ActivityAdmin(ScopedAdmin):
    """Activities are made and changed on the organiser pages (their dates depend on the rule);
    here they can be read and searched."""

    list_display = ["title", "kind", "community", "team", "unit", "rule_label", "first_day"]
    list_filter = ["kind", "community"]
    search_fields = ["title"]
    list_select_related = ["community", "team", "unit"]
    scope_path = "community__path"

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Certificate)
class CertificateAdmin(ScopedAdmin):
    """Certificates are issued on the volunteer's page; here they are found and revoked."""

    list_display = ["number", "holder_name", "issuer", "hours", "issued_at", "revoked"]
    search_fields = ["number", "holder_name"]
    list_filter = ["revoked"]
    actions = ["revoke"]
    scope_path = "volunteer__person__home_area__path"

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Revoke the selected certificates"), permissions=["act"])
    def revoke(self, request, queryset):
        for certificate in queryset.filter(revoked=False):
            Certificate.objects.filter(pk=certificate.pk).update(revoked=True)
            record_audit(
                actor=request.user, action="change", target=certificate, detail={"revoked": True}
            )


@admin.register(Questionnaire)
class QuestionnaireAdmin(ScopedAdmin):
    list_display = ["title", "community", "open", "created_at"]
    list_select_related = ["community"]
    autocomplete_fields = ["community"]
    scope_path = "community__path"


@admin.register(ServiceRecord)
class ServiceRecordAdmin(ScopedAdmin):
    list_display = ["person", "hours", "served_on", "status", "note"]
    list_filter = ["status"]
    raw_id_fields = ["person", "case", "enrollment"]
    date_hierarchy = "served_on"
    list_select_related = ["person"]
    scope_path = "person__home_area__path"

    def has_change_permission(self, request, obj=None):
        return False
