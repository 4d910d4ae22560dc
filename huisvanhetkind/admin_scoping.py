"""ModelAdmin that asks huisvanhetkind.permissions for every answer.

Coordinators and partner editors work in the Django admin; what they see and
may change comes from the one permissions module, never from Django's
per-model permission flags.
"""

from django.contrib import admin

from . import permissions


class ScopedModelAdmin(admin.ModelAdmin):
    #: permissions.*_for_user function that narrows the changelist
    scope = None
    #: actions in permissions.ACTIONS
    view_action = ""
    change_action = ""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return self.scope(request.user, queryset) if self.scope else queryset

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_view_permission(self, request, obj=None):
        user = request.user
        return permissions.can(user, self.view_action, obj) or self.has_change_permission(
            request, obj
        )

    def has_change_permission(self, request, obj=None):
        return permissions.can(request.user, self.change_action, obj)

    def has_add_permission(self, request, obj=None):
        return permissions.can(request.user, self.change_action)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class ReferenceDataAdmin(admin.ModelAdmin):
    """Shared lists (municipalities, types, school holidays): everyone in the admin reads them."""

    def has_module_permission(self, request):
        return permissions.can_use_admin(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_use_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return permissions.can(request.user, "reference.edit")

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission
