"""The admin: a back door for coordinators (scoped like every other admin); the plan pages
are the front door."""

from django.contrib import admin

from huisvanhetkind import permissions
from huisvanhetkind.admin_scoping import ScopedModelAdmin, ScopedStackedInline

from .models import ActionPlan, EvidencePack, Goal


class GoalInline(ScopedStackedInline):
    model = Goal
    extra = 0
    fields = ["pillar", "life_domain", "target_group", "text", "indicator", "multi_year_goal"]
    # The plan's rule answers (ScopedInlineMixin); a goal is part of its plan.
    rows_are_parts = True


@admin.register(ActionPlan)
class ActionPlanAdmin(ScopedModelAdmin):
    # The admin is for writers: coordinators see only the plans they may change.
    list_action = "plan.manage"
    view_action = "plan.manage"
    change_action = "plan.manage"
    field_actions = {"network": "network.manage"}
    list_display = ["title", "network", "year", "status"]
    list_filter = ["status", "year"]
    readonly_fields = ["status", "adopted_at"]
    inlines = [GoalInline]


@admin.register(EvidencePack)
class EvidencePackAdmin(ScopedModelAdmin):
    """Read-only: packs are built by the worker, never typed in."""

    list_action = "plan.manage"
    view_action = "plan.manage"
    change_action = "plan.manage"
    list_display = ["network", "year", "kind", "status", "progress", "is_current", "built_at"]
    list_filter = ["kind", "status"]
    exclude = ["figures"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return permissions.can(request.user, "plan.manage", obj)
