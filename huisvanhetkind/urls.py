import os

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from opendata.views_pages import OpenDataView, dataset_download

from . import views
from .admin_login import admin_login, admin_logout
from .admin_scoping import view_on_site

admin.site.site_header = "Huis van het Kind — beheer"
admin.site.site_title = "Huis van het Kind"
admin.site.index_title = "Beheer van het netwerk"

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
    path("", views.HomeView.as_view(), name="home"),
    path("toegankelijkheid/", views.AccessibilityStatementView.as_view(), name="accessibility"),
    path("privacy/", views.PrivacyStatementView.as_view(), name="privacy"),
    path("open-data/", OpenDataView.as_view(), name="opendata_page"),
    path("open-data/<str:code>.json", dataset_download, name="opendata_dataset"),
    path("account/", include("allauth.urls")),
    path("", include("aanbod.urls")),
    path("", include("partners.urls")),
    path("", include("doorverwijzing.urls")),
    path("", include("signalen.urls")),
    path("", include("actieplan.urls")),
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
