from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "huisvanhetkind"
    verbose_name = "Huis van het Kind"
