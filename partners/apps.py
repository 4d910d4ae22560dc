from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Netwerk"

    def ready(self) -> None:
        from huisvanhetkind.request_network import network_resolver_register

        from . import checks, signals  # noqa: F401  (registers the check, connects the receivers)
        from .selectors import network_for_request

        # The core's layout and error pages ask for the network without importing us.
        network_resolver_register(network_for_request)
