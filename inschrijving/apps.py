from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class InschrijvingConfig(AppConfig):
    name = "inschrijving"
    verbose_name = pgettext_lazy("app name", "Enrolments")
