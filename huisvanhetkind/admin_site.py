"""The portal's admin site: Django's own, with the app list built once per request.

Django builds the list of apps and models a user may reach (every ModelAdmin asked for
its permissions, two URL reversals per model) for the page's content and again for the
navigation (`each_context`): the index asks twice per request. The list is kept on the
request, so a request that changes a permission sees the change from its next request.
The index renders it from a copy kept per process (`app_list_html`).
"""

import functools
from types import SimpleNamespace

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language


class PortalAdminSite(admin.AdminSite):
    def get_app_list(self, request, app_label=None):
        built = request.__dict__.setdefault("_portal_admin_app_lists", {})
        if app_label not in built:
            built[app_label] = super().get_app_list(request, app_label)
        return built[app_label]


class PortalAdminConfig(AdminConfig):
    default_site = "huisvanhetkind.admin_site.PortalAdminSite"


# Lists of apps the users of one process see (one per combination of roles and language).
APP_LISTS_KEPT = 256


def app_list_html(request, app_list: list[dict]) -> SafeString:
    """`admin/app_list.html` as the index includes it, rendered once per process for what
    it shows: the apps' and models' names and addresses, the language and the page's path
    (it marks the current app). Exactly those values are the key: nothing to invalidate,
    and nobody is shown a list built for another's permissions."""
    shown = tuple(
        (
            app["app_label"],
            str(app["name"]),
            app["app_url"],
            tuple(
                (
                    model["object_name"],
                    str(model["name"]),
                    model["admin_url"],
                    model["add_url"],
                    model.get("view_only"),
                )
                for model in app["models"]
            ),
        )
        for app in app_list
    )
    return _app_list(get_language() or "", request.path, shown)


@functools.lru_cache(maxsize=APP_LISTS_KEPT)
def _app_list(language: str, path: str, apps: tuple) -> SafeString:
    app_list = [
        {
            "app_label": app_label,
            "name": name,
            "app_url": app_url,
            "models": [dict(zip(_MODEL_KEYS, model, strict=True)) for model in models],
        }
        for app_label, name, app_url, models in apps
    ]
    # The template reads only the request's path.
    context = {
        "app_list": app_list,
        "show_changelinks": True,
        "request": SimpleNamespace(path=path),
    }
    return render_to_string("admin/app_list.html", context)


_MODEL_KEYS = ("object_name", "name", "admin_url", "add_url", "view_only")
