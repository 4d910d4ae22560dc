from django.apps import AppConfig


class DoorverwijzingConfig(AppConfig):
    name = "doorverwijzing"
    verbose_name = "Doorverwijzingen"
