from importlib import import_module

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "huisvanhetkind"
    verbose_name = "Huis van het Kind"

    def ready(self) -> None:
        # Every app registers its rules into the one registry (huisvanhetkind.permissions).
        from . import permissions

        for module in permissions.RULE_MODULES:
            import_module(module)
