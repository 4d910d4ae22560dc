import os

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import pgettext_lazy

from . import views
from .admin_login import admin_login, admin_logout
from .admin_scoping import view_on_site

admin.site.site_header = pgettext_lazy("admin", "Huis van het Kind — administration")
admin.site.site_title = pgettext_lazy("admin", "Huis van het Kind")
admin.site.index_title = pgettext_lazy("admin", "Management of the network")

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Before the admin's own: its login and logout go through allauth (second factor, rate limits).
    path("admin/login/", admin_login),
    path("admin/logout/", admin_logout),
    # Before admin.site.urls: the admin's own /admin/r/ checks no permission.
    path(
        "admin/r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(view_on_site),
        name="admin_view_on_site",
    ),
    path("admin/", admin.site.urls),
    # Open data: the Open Referral HSDS 3.0 API (opendata/views.py), the same in every language.
    path("api/hsds/v3/", include("opendata.urls")),
]

urlpatterns += i18n_patterns(
    path("", include("dashboards.urls")),
    path("toegankelijkheid/", views.AccessibilityStatementView.as_view(), name="accessibility"),
    path("privacy/", views.PrivacyStatementView.as_view(), name="privacy"),
    path("", include("opendata.urls_pages")),
    path("account/", include("allauth.urls")),
    path("", include("aanbod.urls")),
    path("", include("partners.urls")),
    path("", include("doorverwijzing.urls")),
    path("", include("signalen.urls")),
    path("", include("actieplan.urls")),
    path("", include("dashboards.urls_coord")),
    path("", include("rechten.urls")),
    path("", include("inschrijving.urls")),
    prefix_default_language=True,
)

# The benchmark's framework floors (bench/views.py): only when the bench runner asks for them.
if os.environ.get("BENCH_VIEWS") == "1":
    urlpatterns.insert(0, path("bench/", include("bench.urls")))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Error pages in the portal's layout and the visitor's language (huisvanhetkind/errors.py).
handler400 = "huisvanhetkind.errors.bad_request"
handler403 = "huisvanhetkind.errors.permission_denied"
handler404 = "huisvanhetkind.errors.page_not_found"
handler500 = "huisvanhetkind.errors.server_error"
