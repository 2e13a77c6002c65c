"""The back office of compound governance: the criteria sets are edited here (the checklists
are data), as are self-governance bodies with their members. Assessments, projects, meetings
and disclosures are made on the pages, where the services check and audit them; here they
are read."""

from django.contrib import admin

from grassroots.governance.models import (
    Assessment,
    AssessmentItem,
    Body,
    BodyMember,
    CriteriaSet,
    Criterion,
    Decision,
    Disclosure,
    Meeting,
    Project,
    ProjectTask,
)


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(CriteriaSet)
class CriteriaSetAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "meaning"]
    inlines = [CriterionInline]


class BodyMemberInline(admin.TabularInline):
    model = BodyMember
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "focus", "compound", "term_starts", "term_ends"]
    list_filter = ["kind", "focus"]
    search_fields = ["name", "compound__name"]
    list_select_related = ["compound"]
    autocomplete_fields = ["compound"]
    inlines = [BodyMemberInline]


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AssessmentItemInline(admin.TabularInline):
    model = AssessmentItem
    fields = ["criterion", "status", "evidence", "verified_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Assessment)
class AssessmentAdmin(ReadOnly):
    list_display = ["compound", "criteria_set", "assessed_on", "recorded_by", "verified_by"]
    list_filter = ["criteria_set"]
    search_fields = ["compound__name"]
    list_select_related = ["compound", "criteria_set", "recorded_by", "verified_by"]
    inlines = [AssessmentItemInline]


class TaskInline(admin.TabularInline):
    model = ProjectTask
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Project)
class ProjectAdmin(ReadOnly):
    list_display = ["title", "compound", "starts_on", "due_on", "status", "budget"]
    list_filter = ["status"]
    search_fields = ["title", "compound__name"]
    list_select_related = ["compound"]
    inlines = [TaskInline]


@admin.register(Meeting)
class MeetingAdmin(ReadOnly):
    list_display = ["title", "compound", "held_at", "quorum"]
    search_fields = ["title", "compound__name"]
    list_select_related = ["compound"]


@admin.register(Decision)
class DecisionAdmin(ReadOnly):
    list_display = ["text", "meeting", "votes_for", "votes_against", "votes_abstain", "passed"]
    list_select_related = ["meeting"]


@admin.register(Disclosure)
class DisclosureAdmin(ReadOnly):
    list_display = ["title", "area", "category", "period", "status", "published_at"]
    list_filter = ["category", "status"]
    search_fields = ["title", "area__name"]
    list_select_related = ["area"]
