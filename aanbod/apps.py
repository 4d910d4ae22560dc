from django.apps import AppConfig


class AanbodConfig(AppConfig):
    name = "aanbod"
    verbose_name = "Aanbod"

    def ready(self) -> None:
        from huisvanhetkind.page_cache import content_version_register

        from . import signals  # noqa: F401  (connects the receivers)
        from .catalogue_version import catalogue_version

        # Cached public pages are keyed on the catalogue version.
        content_version_register(catalogue_version)
