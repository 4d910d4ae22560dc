from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class PortalConfig(AppConfig):
    name = "huisvanhetkind"
    verbose_name = pgettext_lazy("app name", "Huis van het Kind")

    def ready(self) -> None:
        # Every app registers its rules into the one registry (huisvanhetkind.permissions);
        # importing deploy_checks registers the deployment checks, idle_sessions its
        # login receiver.
        from . import deploy_checks, idle_sessions, permissions  # noqa: F401

        for module in permissions.RULE_MODULES:
            import_module(module)
