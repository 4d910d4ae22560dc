from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class AanbodConfig(AppConfig):
    name = "aanbod"
    verbose_name = pgettext_lazy("app name", "Offers")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the receivers)
