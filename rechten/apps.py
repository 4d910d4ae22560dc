from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class RechtenConfig(AppConfig):
    name = "rechten"
    verbose_name = pgettext_lazy("app name", "Rights")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers its rules)
