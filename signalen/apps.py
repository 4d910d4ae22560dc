from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class SignalenConfig(AppConfig):
    name = "signalen"
    verbose_name = pgettext_lazy("app name", "Signals")
