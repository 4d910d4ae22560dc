from django.apps import AppConfig


class ActieplanConfig(AppConfig):
    name = "actieplan"
    verbose_name = "Actieplan"
