from django.apps import AppConfig


class InschrijvingConfig(AppConfig):
    name = "inschrijving"
    verbose_name = "Inschrijvingen"
