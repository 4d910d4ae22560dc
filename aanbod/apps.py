from django.apps import AppConfig


class AanbodConfig(AppConfig):
    name = "aanbod"
    verbose_name = "Aanbod"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the receivers)
