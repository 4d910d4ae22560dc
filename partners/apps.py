from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = pgettext_lazy("app name", "Network")

    def ready(self) -> None:
        from . import checks, signals  # noqa: F401  (registers the check, connects the receivers)
