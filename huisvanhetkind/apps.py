from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class PortalConfig(AppConfig):
    name = "huisvanhetkind"
    verbose_name = pgettext_lazy("app name", "Huis van het Kind")

    def ready(self) -> None:
        # Importing deploy_checks registers the deployment checks, idle_sessions its login
        # receiver. Each domain app imports its own rules (permissions.py) in its ready().
        from . import deploy_checks, idle_sessions  # noqa: F401
