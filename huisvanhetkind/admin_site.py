"""The portal's admin site: Django's own, with the app list built once per request.

Django builds the list of apps and models a user may reach (every ModelAdmin asked for
its permissions, two URL reversals per model) for the page's content and again for the
navigation (`each_context`): the index asks twice per request. The list is kept on the
request, so a request that changes a permission sees the change from its next request.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class PortalAdminSite(admin.AdminSite):
    def get_app_list(self, request, app_label=None):
        built = request.__dict__.setdefault("_portal_admin_app_lists", {})
        if app_label not in built:
            built[app_label] = super().get_app_list(request, app_label)
        return built[app_label]


class PortalAdminConfig(AdminConfig):
    default_site = "huisvanhetkind.admin_site.PortalAdminSite"
