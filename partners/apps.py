from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = pgettext_lazy("app name", "Network")

    def ready(self) -> None:
        from huisvanhetkind.request_network import network_resolver_register

        from . import checks, signals  # noqa: F401  (registers the check, connects the receivers)
        from .selectors import network_for_request

        # The core's layout and error pages ask for the network without importing us.
        network_resolver_register(network_for_request)
