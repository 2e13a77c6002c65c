"""Back office for the pipeline's configuration; cases themselves change only through services."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.backoffice import CheckedForm, ScopedAdmin, ScopedInline
from grassroots.cases import services
from grassroots.cases.errors import CaseRefused
from grassroots.cases.models import (
    Assignment,
    Case,
    Category,
    DeadlinePolicy,
    Event,
    RateFormula,
    Supervision,
    TransferCard,
)
from grassroots.cases.services import formulas


class ReadOnlyMixin:
    """Cases and their records change only through the pipeline's services."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Category)
class CategoryAdmin(ScopedAdmin):
    """The taxonomy every county shares: the city keeps it."""

    list_display = ["name", "code", "urgent", "active", "order"]
    list_editable = ["urgent", "active", "order"]
    list_filter = ["urgent", "active"]
    search_fields = ["name", "code"]


@admin.register(DeadlinePolicy)
class DeadlinePolicyAdmin(ScopedAdmin):
    list_display = ["__str__", "sign_hours", "handle_days", "complex_handle_days"]
    list_select_related = ["category"]
    list_filter = ["urgent"]


class RateFormulaForm(CheckedForm):
    refusals = (CaseRefused,)

    class Meta:
        model = RateFormula
        exclude = ["version"]  # numbered by the service

    def check(self, data):
        formulas.check_formula(actor=self.actor, formula=self.instance)


@admin.register(RateFormula)
class RateFormulaAdmin(ScopedAdmin):
    """New versions and corrections of versions not yet in force, through `formulas`; a version
    in force opens read-only (rates were shown with it)."""

    form = RateFormulaForm
    list_display = [
        "version",
        "effective_from",
        "response_weight",
        "resolution_weight",
        "satisfaction_weight",
        "basically_counts_as",
        "late_response_counts",
    ]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (
            obj is not None and formulas.frozen(obj)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (
            obj is not None and formulas.frozen(obj)
        )

    def save_model(self, request, obj, form, change):
        formulas.save_formula(actor=request.user, formula=obj)

    def delete_model(self, request, obj):
        formulas.remove_formula(actor=request.user, formula=obj)

    def delete_queryset(self, request, queryset):
        for formula in queryset:
            try:
                formulas.remove_formula(actor=request.user, formula=formula)
            except CaseRefused as refused:
                messages.error(request, f"{formula}: {refused.message}")


class EventInline(ReadOnlyMixin, ScopedInline, admin.TabularInline):
    model = Event
    fields = ("at", "actor", "action", "from_status", "to_status", "note")
    readonly_fields = fields
    extra = 0


class AssignmentInline(ReadOnlyMixin, ScopedInline, admin.TabularInline):
    model = Assignment
    fields = ("role", "unit", "team", "member", "active", "reported_at")
    readonly_fields = fields
    extra = 0


def _run(modeladmin, request, queryset, call):
    done = 0
    for case in queryset.select_related("area", "category"):
        try:
            call(case)
            done += 1
        except CaseRefused as refused:
            modeladmin.message_user(request, f"{case.reference}: {refused.message}", messages.ERROR)
    modeladmin.message_user(request, _("%(count)d cases done.") % {"count": done})


@admin.register(Case)
class CaseAdmin(ReadOnlyMixin, ScopedAdmin):
    list_display = ["reference", "title", "status", "category", "area", "created_at", "overdue"]
    list_filter = ["status", "kind", "channel", "category", "overdue", "supervised"]
    search_fields = ["title", "description"]
    list_select_related = ["category", "area"]
    date_hierarchy = "created_at"
    inlines = [AssignmentInline, EventInline]
    actions = ["triage", "publish", "flag_overdue"]
    scope_path = "area__path"

    @admin.action(description=_("Accept the selected cases for handling"), permissions=["act"])
    def triage(self, request, queryset):
        _run(self, request, queryset, lambda c: services.triage_case(actor=request.user, case=c))

    @admin.action(description=_("Publish the selected cases for claiming"), permissions=["act"])
    def publish(self, request, queryset):
        _run(self, request, queryset, lambda c: services.publish_case(actor=request.user, case=c))

    # Every county's cases at once: the city's job (the worker does it every five minutes).
    @admin.action(description=_("Flag overdue cases now"), permissions=["settings"])
    def flag_overdue(self, request, queryset):
        count = services.mark_overdue()
        self.message_user(request, _("%(count)d cases flagged overdue.") % {"count": count})


@admin.register(TransferCard)
class TransferCardAdmin(ReadOnlyMixin, ScopedAdmin):
    list_display = ["__str__", "unit", "community", "issued_at", "due_at"]
    list_select_related = ["unit", "community", "case"]
    search_fields = ["unit__name", "case__title"]
    scope_path = "community__path"


@admin.register(Supervision)
class SupervisionAdmin(ReadOnlyMixin, ScopedAdmin):
    list_display = ["case", "note", "issued_by", "issued_at"]
    list_select_related = ["case", "issued_by"]
    scope_path = "case__area__path"
