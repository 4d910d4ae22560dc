from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class AanbodConfig(AppConfig):
    name = "aanbod"
    verbose_name = pgettext_lazy("app name", "Offers")

    def ready(self) -> None:
        from huisvanhetkind.page_cache import content_version_register

        from . import permissions, signals  # noqa: F401  (registers the rules, connects receivers)
        from .catalogue_version import catalogue_version

        # Cached public pages are keyed on the catalogue version.
        content_version_register(catalogue_version)
