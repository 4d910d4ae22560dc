from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Netwerk"

    def ready(self) -> None:
        from . import checks, signals  # noqa: F401  (registers the check, connects the receivers)
