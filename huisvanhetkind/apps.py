from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "huisvanhetkind"
    verbose_name = "Huis van het Kind"

    def ready(self):
        from . import deploy_checks  # noqa: F401 (registers the checks)
