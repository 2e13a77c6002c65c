"""The back office of compound governance: the criteria sets are edited here (the checklists
are data), as are self-governance bodies with their members. Assessments, projects, meetings
and disclosures are made on the pages, where the services check and audit them; here they
are read."""

from django.contrib import admin

from grassroots.accounts.backoffice import CheckedForm, ReadOnlyAdmin, ScopedAdmin, ScopedInline
from grassroots.governance import bodies
from grassroots.governance.errors import GovernanceRefused
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


class CriterionInline(ScopedInline, admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(CriteriaSet)
class CriteriaSetAdmin(ScopedAdmin):
    """The checklists (三无, 六有) every county works to: the city keeps them."""

    list_display = ["name", "code", "meaning"]
    inlines = [CriterionInline]


class BodyMemberForm(CheckedForm):
    refusals = (GovernanceRefused,)
    body = None

    def check(self, data):
        if self.body is not None and data.get("person") is not None:
            bodies.check_member(actor=self.actor, body=self.body, person=data["person"])


class BodyMemberInline(ScopedInline, admin.TabularInline):
    model = BodyMember
    form = BodyMemberForm
    extra = 0
    autocomplete_fields = ["person"]

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = type("MemberOf", (BodyMemberForm,), {"actor": request.user, "body": obj})
        return super().get_formset(request, obj, **kwargs)


class BodyForm(CheckedForm):
    refusals = (GovernanceRefused,)

    def check(self, data):
        bodies.check_body(actor=self.actor, body=self.instance)


@admin.register(Body)
class BodyAdmin(ScopedAdmin):
    """Bodies and their members, through `governance.bodies` (checked and audited there)."""

    form = BodyForm
    list_display = ["name", "kind", "focus", "compound", "term_starts", "term_ends"]
    list_filter = ["kind", "focus"]
    search_fields = ["name", "compound__name"]
    list_select_related = ["compound"]
    autocomplete_fields = ["compound"]
    inlines = [BodyMemberInline]
    scope_path = "compound__path"

    def get_inline_instances(self, request, obj=None):
        # Members join a body that exists: set the body up first, then add them.
        return super().get_inline_instances(request, obj) if obj is not None else []

    def save_model(self, request, obj, form, change):
        bodies.save_body(actor=request.user, body=obj)

    def delete_model(self, request, obj):
        bodies.dissolve_body(actor=request.user, body=obj)

    def save_formset(self, request, form, formset, change):
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        body = form.instance
        for member_form in formset.forms:
            data = getattr(member_form, "cleaned_data", {})
            old = member_form.instance if member_form.instance.pk else None
            if data.get("DELETE") and old is not None:
                bodies.remove_member(actor=request.user, member=old)
            elif data.get("person") and (old is None or member_form.has_changed()):
                if old is not None and old.person_id != data["person"].pk:
                    bodies.remove_member(actor=request.user, member=old)
                bodies.set_member(
                    actor=request.user, body=body, person=data["person"], role=data["role"]
                )


class ReadOnly(ReadOnlyAdmin):
    pass


class AssessmentItemInline(ScopedInline, admin.TabularInline):
    model = AssessmentItem
    fields = ("criterion", "status", "evidence", "verified_by")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Assessment)
class AssessmentAdmin(ReadOnly):
    scope_path = "compound__path"
    list_display = ["compound", "criteria_set", "assessed_on", "recorded_by", "verified_by"]
    list_filter = ["criteria_set"]
    search_fields = ["compound__name"]
    list_select_related = ["compound", "criteria_set", "recorded_by", "verified_by"]
    inlines = [AssessmentItemInline]


class TaskInline(ScopedInline, admin.TabularInline):
    model = ProjectTask
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Project)
class ProjectAdmin(ReadOnly):
    scope_path = "compound__path"
    list_display = ["title", "compound", "starts_on", "due_on", "status", "budget"]
    list_filter = ["status"]
    search_fields = ["title", "compound__name"]
    list_select_related = ["compound"]
    inlines = [TaskInline]


@admin.register(Meeting)
class MeetingAdmin(ReadOnly):
    scope_path = "compound__path"
    list_display = ["title", "compound", "held_at", "quorum"]
    search_fields = ["title", "compound__name"]
    list_select_related = ["compound"]


@admin.register(Decision)
class DecisionAdmin(ReadOnly):
    scope_path = "meeting__compound__path"
    list_display = ["text", "meeting", "votes_for", "votes_against", "votes_abstain", "passed"]
    list_select_related = ["meeting"]


@admin.register(Disclosure)
class DisclosureAdmin(ReadOnly):
    scope_path = "area__path"
    list_display = ["title", "area", "category", "period", "status", "published_at"]
    list_filter = ["category", "status"]
    search_fields = ["title", "area__name"]
    list_select_related = ["area"]
