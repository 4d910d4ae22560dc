"""The admin: a back door for coordinators (scoped like every other admin); the plan pages
are the front door."""

from django.contrib import admin

from huisvanhetkind import permissions
from huisvanhetkind.admin_scoping import ScopedModelAdmin

from .models import ActionPlan, EvidencePack, Goal


class GoalInline(admin.StackedInline):
    model = Goal
    extra = 0
    fields = ["pillar", "life_domain", "target_group", "text", "indicator", "multi_year_goal"]

    # The plan's own rule, not Django's per-model flags (as ScopedModelAdmin does).
    def has_view_permission(self, request, obj=None):
        return permissions.can(request.user, "plan.manage", obj)

    has_change_permission = has_add_permission = has_delete_permission = has_view_permission


@admin.register(ActionPlan)
class ActionPlanAdmin(ScopedModelAdmin):
    scope = staticmethod(permissions.plans_for_user)
    view_action = "plan.manage"
    change_action = "plan.manage"
    list_display = ["title", "network", "year", "status"]
    list_filter = ["status", "year"]
    readonly_fields = ["status", "adopted_at"]
    inlines = [GoalInline]

    def get_queryset(self, request):
        # The admin is for writers: coordinators see only the plans they may change.
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(network__in=permissions.coordinated_network_ids(request.user))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "network" and not request.user.is_superuser:
            from partners.models import Network

            kwargs["queryset"] = Network.objects.filter(
                id__in=permissions.coordinated_network_ids(request.user)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(EvidencePack)
class EvidencePackAdmin(ScopedModelAdmin):
    """Read-only: packs are built by the worker, never typed in."""

    scope = staticmethod(permissions.plans_for_user)
    view_action = "plan.manage"
    change_action = "plan.manage"
    list_display = ["network", "year", "kind", "status", "progress", "is_current", "built_at"]
    list_filter = ["kind", "status"]
    exclude = ["figures"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(network__in=permissions.coordinated_network_ids(request.user))

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return permissions.can(request.user, "plan.manage", obj)
