from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class DashboardsConfig(AppConfig):
    name = "dashboards"
    verbose_name = pgettext_lazy("app name", "Overviews")
