from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class DoorverwijzingConfig(AppConfig):
    name = "doorverwijzing"
    verbose_name = pgettext_lazy("app name", "Referrals")
