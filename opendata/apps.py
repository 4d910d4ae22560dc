from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class OpendataConfig(AppConfig):
    name = "opendata"
    verbose_name = pgettext_lazy("app name", "Open data")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers its rules)
